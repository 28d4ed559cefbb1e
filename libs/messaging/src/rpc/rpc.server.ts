import { Msg } from '@nats-io/nats-core';
import { MessageHandler, ServerNats } from '@nestjs/microservices';
import { subjects } from '@qollqa/contracts';
import { RequestContext } from '../request-context/request-context';

export interface RpcServerOptions {
  servers: string[];
  prefix: string;
  /** Queue group: replicas of one service share the requests. */
  queue: string;
}

/**
 * Nest's NATS transport, with every @MessagePattern subscribed under the deployment's prefix
 * (`applications.get` → `qollqa.rpc.applications.get`) and in the service's queue group. Each
 * message is handled, answered and logged in the context of the request named by its
 * `X-Request-Id` header.
 */
export class RpcServer extends ServerNats {
  constructor(private readonly rpcOptions: RpcServerOptions) {
    super({
      servers: rpcOptions.servers,
      queue: rpcOptions.queue,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      gracefulShutdown: true,
      gracePeriod: 500,
    });
  }

  override handleMessage(channel: string, message: Msg): Promise<unknown> {
    return RequestContext.run(RequestContext.fromNatsHeaders(message.headers), () =>
      super.handleMessage(channel, message),
    );
  }

  addHandler(
    pattern: unknown,
    callback: MessageHandler,
    isEventHandler = false,
    extras: Record<string, unknown> = {},
  ) {
    const name = typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
    super.addHandler(subjects.rpc(this.rpcOptions.prefix, name), callback, isEventHandler, extras);
  }
}
