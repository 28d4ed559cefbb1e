import { Provider } from '@nestjs/common';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { RpcClient } from '@qollqa/messaging';

/** A request–reply client for the close of business, which may take longer than a query. */
export const CLOSE_OF_BUSINESS_RPC = Symbol('CLOSE_OF_BUSINESS_RPC');

/**
 * A catch-up over many dates of a large portfolio outlasts RPC_TIMEOUT_MS; the gateway waits up to
 * a minute (or RPC_TIMEOUT_MS if longer). Should it still time out (503), the dates already closed
 * stay closed and the same request again finishes the rest.
 */
export const closeOfBusinessRpcProvider: Provider = {
  provide: CLOSE_OF_BUSINESS_RPC,
  inject: [SERVICE_CONFIG],
  useFactory: (config: ServiceConfig) =>
    new RpcClient({
      servers: config.natsServers,
      prefix: config.natsPrefix,
      timeoutMs: Math.max(60_000, config.rpcTimeoutMs),
    }),
};
