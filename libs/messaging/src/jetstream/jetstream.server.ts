import { Logger } from '@nestjs/common';
import { BaseRpcContext, CustomTransportStrategy, Server } from '@nestjs/microservices';
import { ConsumerMessages, jetstream, jetstreamManager, JsMsg } from '@nats-io/jetstream';
import { NatsConnection } from '@nats-io/nats-core';
import { EventEnvelope, isRequestId, subjects } from '@qollqa/contracts';
import { lastValueFrom } from 'rxjs';
import { ConsumerFaults } from '../faults/consumer-faults';
import { messagingMetrics } from '../metrics';
import { connectNats } from '../nats/nats-connection';
import { RequestContext } from '../request-context/request-context';
import { ensureDurableConsumer, ensureEventStreams } from './streams';

export interface JetStreamServerOptions {
  servers: string[];
  prefix: string;
  /** Durable consumer name: the service name, so replicas of a service share one consumer. */
  consumer: string;
  /** Deliveries of one event before it is dead-lettered. */
  maxDeliver?: number;
  /** First retry delay; each later retry waits longer (delay × delivery count). */
  retryDelayMs?: number;
  /** Must be well above the slowest handler: an ack later than this races a redelivery. */
  ackWaitMs?: number;
}

/** What an @EventPattern handler receives as its context: the JetStream message. */
export class JetStreamContext extends BaseRpcContext<[JsMsg]> {
  getMessage(): JsMsg {
    return this.args[0];
  }
}

/** Handler errors that no retry can cure: the event itself is wrong (validation, 4xx). */
function isPermanent(error: unknown): boolean {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * A NestJS transport over a durable JetStream pull consumer: handlers are ordinary @EventPattern
 * methods (keyed by event type) with pipes and filters. A message is acked only after its handler
 * has finished (and so after the handler's transaction committed); a failure is nak'ed with a
 * growing delay; an event that fails validation, or still fails after `maxDeliver` deliveries, is
 * published to the dead-letter stream with the reason and terminated, so it never blocks the
 * consumer. Events without a handler here are acked and skipped.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  readonly transportId = Symbol('JETSTREAM');
  protected readonly logger = new Logger(JetStreamServer.name);
  private connection?: NatsConnection;
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private readonly maxDeliver: number;
  private readonly retryDelayMs: number;
  private readonly ackWaitMs: number;
  private readonly faults: ConsumerFaults;

  constructor(private readonly options: JetStreamServerOptions) {
    super();
    this.maxDeliver = options.maxDeliver ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.ackWaitMs = options.ackWaitMs ?? 60_000;
    this.faults = ConsumerFaults.of(options.prefix, options.consumer);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const { servers, prefix, consumer } = this.options;
      this.connection = await connectNats(servers, `${consumer}-events`);
      const jsm = await jetstreamManager(this.connection);
      await ensureEventStreams(jsm, prefix);
      await ensureDurableConsumer(jsm, {
        prefix,
        durableName: consumer,
        ackWaitMs: this.ackWaitMs,
      });
      const pull = await jetstream(this.connection).consumers.get(
        subjects.eventStream(prefix),
        consumer,
      );
      this.faults.restart();
      const messages = await pull.consume({ max_messages: 100 });
      this.faults.stopTakingMessages = () => void messages.close();
      this.messages = messages;
      this.loop = this.consumeAll(messages);
      callback();
    } catch (err) {
      callback(err);
    }
  }

  async close(): Promise<void> {
    await this.messages?.close();
    await this.loop;
    await this.connection?.close();
  }

  on(): void {
    throw new Error('JetStreamServer does not emit events');
  }

  unwrap<T>(): T {
    return this.connection as T;
  }

  private async consumeAll(messages: ConsumerMessages): Promise<void> {
    try {
      for await (const message of messages) {
        // A consumer that "died" in a fault test settles nothing, as a killed process would not.
        if (this.faults.isCrashed) continue;
        try {
          await this.handleMessage(message);
        } catch (err) {
          // Whatever went wrong with one message (even its ack), the consumer goes on; the message
          // is redelivered after ack_wait.
          this.logger.error(`${this.options.consumer}: message ${message.seq} not settled: ${err}`);
        }
      }
    } catch (err) {
      this.logger.error(`${this.options.consumer}: the event consumer stopped: ${err}`);
    }
  }

  private async handleMessage(message: JsMsg): Promise<void> {
    const service = this.options.consumer;
    let event: EventEnvelope;
    try {
      event = message.json<EventEnvelope>();
      if (typeof event?.type !== 'string') throw new Error('no event type');
    } catch (err) {
      return this.deadLetter(message, undefined, `unreadable event: ${(err as Error).message}`);
    }
    const handler = this.getHandlerByPattern(event.type);
    if (!handler) {
      message.ack();
      return;
    }
    if (message.info.deliveryCount > this.maxDeliver) {
      // It was delivered to a process that died while handling it, again and again.
      return this.deadLetter(
        message,
        event,
        `delivered ${message.info.deliveryCount} times without an ack`,
      );
    }
    try {
      // In the context of the request that caused the event (if any): its logs and the events it
      // writes carry that request id.
      await RequestContext.run(requestIdOf(event), async () => {
        const result = await handler(event, new JetStreamContext([message]));
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
      });
      await message.ackAck();
      messagingMetrics.consumed.inc({ service, outcome: 'handled' });
    } catch (error) {
      // The handler died with its process (ConsumerCrashed, in a fault test): no ack, no nak. Its
      // ack_wait runs from the crash, so the event comes back after the restart however long the
      // test held it.
      if (this.faults.isCrashed) return message.working();
      const reason = describe(error);
      if (isPermanent(error) || message.info.deliveryCount >= this.maxDeliver) {
        return this.deadLetter(message, event, reason);
      }
      this.logger.warn(
        `${service}: event ${event.id} (${event.type}) failed, delivery ${message.info.deliveryCount}: ${reason}`,
      );
      message.nak(this.retryDelayMs * message.info.deliveryCount);
      messagingMetrics.consumed.inc({ service, outcome: 'retried' });
    }
  }

  private async deadLetter(
    message: JsMsg,
    event: EventEnvelope | undefined,
    reason: string,
  ): Promise<void> {
    const { prefix, consumer } = this.options;
    this.logger.error(
      `${consumer}: event ${event?.id ?? `seq ${message.seq}`} (${event?.type ?? message.subject}) dead-lettered: ${reason}`,
    );
    try {
      await jetstream(this.connection!).publish(
        subjects.deadLetter(prefix, consumer, event?.type ?? 'unreadable'),
        JSON.stringify({
          consumer,
          reason,
          deliveryCount: message.info.deliveryCount,
          subject: message.subject,
          streamSequence: message.seq,
          event: event ?? message.string(),
        }),
        { msgID: `${consumer}:${message.seq}` },
      );
      message.term(reason.slice(0, 200));
      messagingMetrics.consumed.inc({ service: consumer, outcome: 'dead_lettered' });
    } catch (err) {
      // The dead-letter stream is out of reach: leave the event to be redelivered and tried again.
      this.logger.error(`${consumer}: could not dead-letter event: ${err}`);
      message.nak(this.retryDelayMs);
    }
  }
}

function requestIdOf(event: EventEnvelope): string | undefined {
  return isRequestId(event.requestId) ? event.requestId : undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const cause = (error as { cause?: unknown })?.cause;
  if (typeof cause === 'string') return cause;
  const message = (error as { message?: unknown })?.message;
  if (message !== undefined) return Array.isArray(message) ? message.join('; ') : String(message);
  return JSON.stringify(error);
}
