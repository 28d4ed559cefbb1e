import { DynamicModule, Module } from '@nestjs/common';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { InboxService } from './inbox/inbox.service';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxService } from './outbox/outbox.service';
import { RpcClient } from './rpc/rpc.client';

@Module({})
export class MessagingModule {
  /** Outbox, its relay and the inbox, for a service that owns data and publishes or consumes events. */
  static forEvents(): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [OutboxService, OutboxRelay, InboxService],
      exports: [OutboxService, OutboxRelay, InboxService],
    };
  }

  /** The request–reply client, for a service that calls others (the gateway). */
  static forRequests(): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        {
          provide: RpcClient,
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) =>
            new RpcClient({
              servers: config.natsServers,
              prefix: config.natsPrefix,
              timeoutMs: config.rpcTimeoutMs,
            }),
        },
      ],
      exports: [RpcClient],
    };
  }
}
