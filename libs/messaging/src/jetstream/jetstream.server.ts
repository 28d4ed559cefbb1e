import { Logger } from '@nestjs/common';
import { BaseRpcContext, CustomTransportStrategy, Server } from '@nestjs/microservices';
import {
  ConsumerMessages,
  jetstream,
  jetstreamManager,
  JetStreamManager,
  JsMsg,
} from '@nats-io/jetstream';
import { NatsConnection } from '@nats-io/nats-core';
import { BusinessDayEvents, EventEnvelope, isRequestId, subjects } from '@qollqa/contracts';
import { lastValueFrom } from 'rxjs';
import { ConsumerFaults } from '../faults/consumer-faults';
import { messagingMetrics, registerConsumerLag } from '../metrics';
import { connectNats } from '../nats/nats-connection';
import { RequestContext } from '../request-context/request-context';
import { ensureDurableConsumer, ensureEventStreams, subjectCovering } from './streams';

/** The longest wait between two attempts to subscribe again after a subscription ended. */
const RESUBSCRIBE_MAX_MS = 15_000;
/** How often a replica standing by tries to take its service's consumer lease. */
const LEASE_RETRY_MS = 1000;

/** One process at a time consumes a service's events (SessionLease in libs/persistence). */
export interface ConsumerLease {
  tryAcquire(): Promise<boolean>;
  release(): Promise<void>;
  /** Set by the server: called when a held lease is lost, to stop taking events at once. */
  onLost?: () => void;
}

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
  /**
   * Events handled at once, each of a different aggregate: the events of one aggregate are handled
   * one after the other in the order they arrive.
   */
  concurrency?: number;
  /**
   * Event types handled in the stream's order with every other event: each waits for all the
   * events before it, and the events after it wait for it. A close of business is one: what a
   * consumer records for a day (the portfolio's history, the ledger's business date) must include
   * every event before the close and none after it.
   */
  inStreamOrder?: string[];
  /**
   * Copies of the streams and of the durable consumer kept by the NATS cluster (STREAM_REPLICAS): 1
   * for one server, 3 in a three-node cluster (one node may fail). Applies when they are created.
   */
  replicas?: number;
  /**
   * Whether the server delivers only the events this consumer has handlers for (the narrowest
   * subject covering their types), instead of every event to be acked and skipped here. Worth it
   * for a service that handles few types of one kind; NATS 2.9 filters a consumer by one subject.
   */
  deliverOnlyHandled?: boolean;
  /**
   * The lease the service's replicas share: only its holder consumes (others stand by). Without one
   * this process consumes at once (a test's own consumer).
   */
  lease?: ConsumerLease;
}

/** How often a handler that lost a deadlock or a serialisation race is run again at once. */
const RACE_RETRIES = 3;

/** What an @EventPattern handler receives as its context: the JetStream message. */
export class JetStreamContext extends BaseRpcContext<[JsMsg]> {
  getMessage(): JsMsg {
    return this.args[0];
  }
}

/** PostgreSQL gave up the handler's transaction for a race with another one: run it again. */
function isRaceLost(error: unknown): boolean {
  const code =
    (error as { code?: unknown })?.code ??
    (error as { driverError?: { code?: unknown } })?.driverError?.code;
  return code === '40P01' || code === '40001';
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
 *
 * Up to `concurrency` events are handled at once, partitioned by aggregate: an event waits for the
 * events of its aggregate that arrived before it (each handled and settled), never for others' —
 * except the `inStreamOrder` types (a close of business), which keep the stream's order with all.
 * Each still commits its effect with its inbox record and is acked after that commit. A handler
 * that loses a deadlock to another one is run again at once (its transaction rolled back).
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
  private readonly concurrency: number;
  private readonly inStreamOrder: Set<string>;
  private readonly faults: ConsumerFaults;
  private consuming = false;
  private standingBy = false;
  private closing = false;
  private wakeUp?: () => void;

  constructor(private readonly options: JetStreamServerOptions) {
    super();
    this.maxDeliver = options.maxDeliver ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.ackWaitMs = options.ackWaitMs ?? 60_000;
    this.concurrency = Math.max(1, options.concurrency ?? 8);
    this.inStreamOrder = new Set(options.inStreamOrder ?? [BusinessDayEvents.Closed]);
    this.faults = ConsumerFaults.of(options.prefix, options.consumer);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.connection = await connectNats(this.options.servers, `${this.options.consumer}-events`);
      // The streams and the durable consumer exist once the service has started, whoever consumes;
      // without a lease this process consumes at once, and a start that cannot subscribe fails.
      await this.ensureConsumer(await jetstreamManager(this.connection));
      const first = this.options.lease ? undefined : await this.subscribe();
      this.loop = this.consumeForever(first);
      callback();
    } catch (err) {
      callback(err);
    }
  }

  /**
   * Whether the consumer works: null when it takes events, or stands by while another replica holds
   * the lease; else why not (GET /health/ready). A consumer whose subscription ended is not ready
   * until it has subscribed again.
   */
  problem(): string | null {
    if (this.closing) return 'shutting down';
    if (this.consuming || this.standingBy) return null;
    return 'the event consumer is not taking events (resubscribing)';
  }

  async close(): Promise<void> {
    this.closing = true;
    registerConsumerLag(this, this.options.consumer, null);
    this.wakeUp?.();
    await this.messages?.close();
    await this.loop;
    await this.options.lease?.release();
    await this.connection?.close();
  }

  /** The streams and the service's durable consumer, created when missing. */
  private async ensureConsumer(jsm: JetStreamManager): Promise<void> {
    const { prefix, consumer } = this.options;
    await ensureEventStreams(jsm, prefix, this.options.replicas ?? 1);
    await ensureDurableConsumer(jsm, {
      prefix,
      durableName: consumer,
      ackWaitMs: this.ackWaitMs,
      replicas: this.options.replicas ?? 1,
      filterSubject: this.options.deliverOnlyHandled
        ? subjectCovering(prefix, this.handledEventTypes())
        : undefined,
    });
  }

  /** The event types of the @EventPattern handlers (the app's @MessagePattern ones are here too). */
  private handledEventTypes(): string[] {
    return [...this.getHandlers()]
      .filter(([, handler]) => handler.isEventHandler)
      .map(([type]) => type);
  }

  /** The streams and the durable consumer (created if missing), and a subscription to it. */
  private async subscribe(): Promise<ConsumerMessages> {
    const { prefix, consumer } = this.options;
    const connection = this.connection!;
    const jsm = await jetstreamManager(connection);
    await this.ensureConsumer(jsm);
    const pull = await jetstream(connection).consumers.get(subjects.eventStream(prefix), consumer);
    this.faults.restart();
    // A consumer that went missing ends the subscription (rather than waiting for someone to make
    // it again): consumeForever then makes it again and subscribes.
    // Pulls that expire after 5 s (heartbeats every 2.5 s): when the server leading the consumer dies,
    // the client notices within seconds rather than after two missed 15 s heartbeats.
    const messages = await pull.consume({
      max_messages: 100,
      expires: 5000,
      abort_on_missing_resource: true,
    });
    this.faults.stopTakingMessages = () => void messages.close();
    this.messages = messages;
    this.consuming = true;
    registerConsumerLag(this, consumer, async () => {
      const info = await jsm.consumers.info(subjects.eventStream(prefix), consumer);
      return info.num_pending + info.num_ack_pending;
    });
    return messages;
  }

  /**
   * Consumes until closed.
   * - With a lease (every service's replicas share one), only the replica holding it consumes; the
   *   others stand by and try again every second. The ordering rules (an aggregate's events one
   *   after the other, a close after every event before it) hold within one process, so one
   *   process at a time takes a service's events. A holder that dies or loses its database
   *   connection loses the lease, stops taking events at once, and another replica takes over.
   * - A subscription that ends otherwise (the consumer was lost with a NATS node, an error the
   *   client could not ride out) is made again with a growing delay, never left ended: the service
   *   stays up, not ready meanwhile, and resumes.
   */
  private async consumeForever(first?: ConsumerMessages): Promise<void> {
    const lease = this.options.lease;
    let messages = first;
    // Until it has tried the lease, a replica counts as standing by (ready: it serves requests).
    this.standingBy = lease !== undefined;
    for (let attempt = 0; !this.closing;) {
      if (!messages) {
        if (lease && !(await lease.tryAcquire())) {
          this.standingBy = true;
          await this.pause(LEASE_RETRY_MS);
          continue;
        }
        this.standingBy = false;
        messages = await this.subscribe().catch((err) => {
          this.logger.warn(`${this.options.consumer}: could not subscribe, retrying: ${err}`);
          return undefined;
        });
      }
      if (messages) {
        const taken = messages;
        if (lease) lease.onLost = () => void taken.close();
        await this.consumeAll(taken);
        messages = undefined;
        attempt = 0;
      }
      this.consuming = false;
      // A consumer "killed" by a fault test stays dead, as a killed process would (its lease goes).
      if (this.faults.isCrashed) break;
      if (this.closing) break;
      await this.pause(Math.min(RESUBSCRIBE_MAX_MS, 500 * 2 ** Math.min(attempt++, 6)));
    }
    await lease?.release();
  }

  /** Waits `ms`, or less when the server closes. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  on(): void {
    throw new Error('JetStreamServer does not emit events');
  }

  unwrap<T>(): T {
    return this.connection as T;
  }

  private async consumeAll(messages: ConsumerMessages): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    // The last settlement queued for each aggregate: the next event of it runs after that one.
    const lastOfAggregate = new Map<string, Promise<void>>();
    // The last event handled in the stream's order: every later event runs after it.
    let barrier: Promise<void> = Promise.resolve();
    try {
      for await (const message of messages) {
        const read = readEvent(message);
        const event = 'event' in read ? read.event : undefined;
        const aggregate =
          typeof event?.aggregateId === 'string' ? event.aggregateId : `message:${message.seq}`;
        const inOrder = event !== undefined && this.inStreamOrder.has(event.type);
        const after = inOrder
          ? Promise.all(inFlight)
          : Promise.all([barrier, lastOfAggregate.get(aggregate)]);
        const settled = after.then(() => this.settle(message, read));
        if (inOrder) barrier = settled;
        lastOfAggregate.set(aggregate, settled);
        inFlight.add(settled);
        void settled.then(() => {
          inFlight.delete(settled);
          if (lastOfAggregate.get(aggregate) === settled) lastOfAggregate.delete(aggregate);
        });
        if (inFlight.size >= this.concurrency) await Promise.race(inFlight);
      }
    } catch (err) {
      this.logger.error(`${this.options.consumer}: the event consumer stopped: ${err}`);
    }
    await Promise.all(inFlight);
  }

  /** Handles one message and settles it (ack, nak, dead letter); never throws. */
  private async settle(message: JsMsg, read: ReadEvent): Promise<void> {
    // A consumer that "died" in a fault test settles nothing, as a killed process would not.
    if (this.faults.isCrashed) return;
    try {
      await this.handleMessage(message, read);
    } catch (err) {
      // Whatever went wrong with one message (even its ack), the consumer goes on; the message
      // is redelivered after ack_wait.
      this.logger.error(`${this.options.consumer}: message ${message.seq} not settled: ${err}`);
    }
  }

  private async handleMessage(message: JsMsg, read: ReadEvent): Promise<void> {
    const service = this.options.consumer;
    if ('unreadable' in read) {
      return this.deadLetter(message, undefined, `unreadable event: ${read.unreadable}`);
    }
    const { event } = read;
    if (message.info.deliveryCount > 1) messagingMetrics.redeliveries.inc({ service });
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
        for (let attempt = 1; ; attempt++) {
          try {
            const result = await handler(event, new JetStreamContext([message]));
            await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
            return;
          } catch (error) {
            if (!isRaceLost(error) || attempt > RACE_RETRIES || this.faults.isCrashed) throw error;
          }
        }
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
      messagingMetrics.deadLetters.inc({ service: consumer });
    } catch (err) {
      // The dead-letter stream is out of reach: leave the event to be redelivered and tried again.
      this.logger.error(`${consumer}: could not dead-letter event: ${err}`);
      message.nak(this.retryDelayMs);
    }
  }
}

type ReadEvent = { event: EventEnvelope } | { unreadable: string };

/** The event a message carries, read once: its aggregate orders it, its type picks the handler. */
function readEvent(message: JsMsg): ReadEvent {
  try {
    const event = message.json<EventEnvelope>();
    if (typeof event?.type !== 'string') return { unreadable: 'no event type' };
    return { event };
  } catch (err) {
    return { unreadable: (err as Error).message };
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
