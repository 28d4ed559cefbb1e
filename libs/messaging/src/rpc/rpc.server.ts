import { Msg } from '@nats-io/nats-core';
import { MessageHandler, ServerNats } from '@nestjs/microservices';
import { subjects } from '@qollqa/contracts';
import { performance } from 'node:perf_hooks';
import { messagingMetrics } from '../metrics';
import { RequestContext } from '../request-context/request-context';

/** The header in which a caller says how long it waits for the answer, in milliseconds. */
export const RPC_TIMEOUT_HEADER = 'Qollqa-Rpc-Timeout-Ms';

/** Runs tasks a few at a time, the others waiting their turn in order (ConcurrencyLimit). */
export interface TaskLimit {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export interface RpcServerOptions {
  servers: string[];
  prefix: string;
  /** Queue group: replicas of one service share the requests. */
  queue: string;
  /** How many requests are handled at once (RPC_MAX_CONCURRENT); the others wait their turn. */
  limit: TaskLimit;
}

/**
 * Nest's NATS transport, with every @MessagePattern subscribed under the deployment's prefix
 * (`applications.get` → `qollqa.rpc.applications.get`) and in the service's queue group. Each
 * message is handled, answered and logged in the context of the request named by its
 * `X-Request-Id` header.
 *
 * Requests are handled a few at a time (`limit`). A request that waited for its turn as long as its
 * caller waits (`Qollqa-Rpc-Timeout-Ms`, counted from when it arrived here, so no clock is compared
 * with another machine's) — or that waited at least the time such a request takes lately, and
 * would outlast its caller with it — is dropped unhandled: its caller answers 503 before it could be
 * answered, and doing its work anyway is what made an overloaded service answer nothing in time. A client retries
 * a 503 with the same Idempotency-Key, so nothing it asked is lost; what is handled is handled whole.
 */
export class RpcServer extends ServerNats {
  /**
   * Per subject, how long handling a request has taken lately (smoothed): a request whose wait plus
   * that would outlast its caller is dropped too, since its answer would come too late anyway.
   */
  private readonly typicalHandlingMs = new Map<string, number>();

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
    const arrivedAt = performance.now();
    return this.rpcOptions.limit.run(async () => {
      const started = performance.now();
      const waited = started - arrivedAt;
      const typical = this.typicalHandlingMs.get(channel) ?? 0;
      const budget = callerWaitsMs(message);
      // The usual handling time counts only for a request that has waited at least as long: one
      // that gets its turn at once is always handled, so a spell of slow handling (a database
      // restart) cannot leave the service refusing everything for good.
      if (waited >= budget || (waited >= typical && waited + typical >= budget)) {
        messagingMetrics.rpcExpired.inc({ service: this.rpcOptions.queue });
        return undefined;
      }
      try {
        return await RequestContext.run(RequestContext.fromNatsHeaders(message.headers), () =>
          super.handleMessage(channel, message),
        );
      } finally {
        const took = performance.now() - started;
        this.typicalHandlingMs.set(channel, typical + (took - typical) * SMOOTHING);
      }
    });
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

/** The weight of the latest handling time in the smoothed one. */
const SMOOTHING = 0.1;

/** How long the caller waits for the answer; without the header (an older caller), for ever. */
function callerWaitsMs(message: Msg): number {
  const value = Number(message.headers?.get(RPC_TIMEOUT_HEADER));
  return Number.isFinite(value) && value > 0 ? value : Infinity;
}
