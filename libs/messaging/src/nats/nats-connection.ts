import { connect, NatsConnection } from '@nats-io/transport-node';

/**
 * Opens a NATS connection that never gives up reconnecting: a NATS restart pauses the service's
 * messaging, it does not end it.
 */
export function connectNats(servers: string[], name: string): Promise<NatsConnection> {
  return connect({
    servers,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: false,
  });
}
