import { Provider } from '@nestjs/common';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { RpcClient } from '@qollqa/messaging';

/** A request–reply client for declaring an emergency, which reprograms many loans one by one. */
export const EMERGENCY_RPC = Symbol('EMERGENCY_RPC');

/**
 * An emergency over a large portfolio outlasts RPC_TIMEOUT_MS (each loan has its own transaction);
 * the gateway waits up to two minutes (or RPC_TIMEOUT_MS if longer). Should it still time out (503),
 * the loans done stay done, the service finishes the others, and the same request again answers.
 */
export const emergencyRpcProvider: Provider = {
  provide: EMERGENCY_RPC,
  inject: [SERVICE_CONFIG],
  useFactory: (config: ServiceConfig) =>
    new RpcClient({
      servers: config.natsServers,
      prefix: config.natsPrefix,
      timeoutMs: Math.max(120_000, config.rpcTimeoutMs),
    }),
};
