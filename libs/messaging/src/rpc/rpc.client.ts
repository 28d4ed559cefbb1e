import { HttpException, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { ClientNats, NatsRecordBuilder } from '@nestjs/microservices';
import { subjects } from '@qollqa/contracts';
import { lastValueFrom, timeout, TimeoutError } from 'rxjs';
import { RequestContext } from '../request-context/request-context';
import { RPC_TIMEOUT_HEADER } from './rpc.server';
import { fromRpcErrorBody, isRpcErrorBody, serviceUnavailable } from './rpc-error';

export interface RpcClientOptions {
  servers: string[];
  prefix: string;
  timeoutMs: number;
}

/**
 * Request–reply over Nest's NATS client, with the deployment's subject prefix and a timeout. A
 * service that does not answer in time becomes a 503 for the HTTP caller, never a hang; an error
 * the service answered with keeps its status. The current request id travels in the message's
 * `X-Request-Id` header, so the service handles the message in that request's context.
 */
@Injectable()
export class RpcClient implements OnApplicationShutdown {
  private readonly client: ClientNats;

  constructor(private readonly options: RpcClientOptions) {
    this.client = new ClientNats({
      servers: options.servers,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
  }

  async request<TResult, TPayload = unknown>(pattern: string, payload: TPayload): Promise<TResult> {
    const service = pattern.split('.')[0];
    // The service drops a request still waiting for its turn after this (RpcServer).
    const headers = RequestContext.natsHeaders() ?? natsHeaders();
    headers.set(RPC_TIMEOUT_HEADER, String(this.options.timeoutMs));
    const message = new NatsRecordBuilder(payload).setHeaders(headers).build();
    const reply$ = this.client
      .send<TResult>(subjects.rpc(this.options.prefix, pattern), message)
      .pipe(timeout(this.options.timeoutMs));
    try {
      // Subscribed outside the request's context: the client connects on its first request, and its
      // connection must not keep that request's context (its logs would name it for ever). The
      // caller's context resumes after the await.
      return await RequestContext.run(undefined, () => lastValueFrom(reply$));
    } catch (error) {
      if (error instanceof HttpException) throw error;
      if (isRpcErrorBody(error)) throw fromRpcErrorBody(error);
      if (error instanceof TimeoutError) {
        throw serviceUnavailable(
          'SERVICE_TIMEOUT',
          service,
          `The ${service} service did not answer in time; try again shortly`,
        );
      }
      throw serviceUnavailable(
        'SERVICE_UNREACHABLE',
        service,
        `The ${service} service cannot be reached; try again shortly`,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
