import { Module } from '@nestjs/common';
import { gatewayKeysProvider, GATEWAY_KEYS } from './gateway-keys';
import { GatewaySecrets } from './services/gateway-secrets.service';

@Module({ providers: [GatewaySecrets, gatewayKeysProvider], exports: [GATEWAY_KEYS] })
export class SecretsModule {}
