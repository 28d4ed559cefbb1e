import { FactoryProvider } from '@nestjs/common';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { GatewaySecrets } from './services/gateway-secrets.service';

/** Injection token of the gateway's keys, read once at start. */
export const GATEWAY_KEYS = Symbol('GATEWAY_KEYS');

export interface GatewayKeys {
  /** Signs access tokens: JWT_SECRET when the deployment gives one, else the generated secret. */
  jwtSecret: string | Buffer;
  /**
   * AES-256 key of the stored idempotent responses: always generated, never derived from the JWT
   * secret, so rotating JWT_SECRET leaves the stored replays readable.
   */
  responseKey: Buffer;
}

export const gatewayKeysProvider: FactoryProvider<Promise<GatewayKeys>> = {
  provide: GATEWAY_KEYS,
  inject: [SERVICE_CONFIG, GatewaySecrets],
  useFactory: async (config: ServiceConfig, secrets: GatewaySecrets): Promise<GatewayKeys> => ({
    jwtSecret: config.jwtSecret ?? (await secrets.obtain('jwt', 64)),
    responseKey: await secrets.obtain('idempotency-response', 32),
  }),
};
