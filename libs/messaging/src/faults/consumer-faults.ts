import { EventEnvelope } from '@qollqa/contracts';

/**
 * Stands for the process dying inside an event's handler: the handler's transaction rolls back and
 * the consumer neither acks nor naks the event, so JetStream redelivers it after ack_wait.
 */
export class ConsumerCrashed extends Error {
  constructor() {
    super('the consumer crashed while handling this event');
  }
}

/** What a hold recognises its event by. */
export type HeldEventMatch = (event: Pick<EventEnvelope, 'id' | 'type' | 'aggregateId'>) => boolean;

/** An event whose handler a fault test holds just before its transaction commits. */
export interface HeldEvent {
  /** Resolves, with the event's id, once the handler has done its work and waits to commit. */
  readonly reached: Promise<string>;
  /** The process dies there: nothing commits, the event is not acknowledged. */
  crash(): void;
}

interface Hold {
  match: HeldEventMatch;
  reached: (eventId: string) => void;
  crash: (error: Error) => void;
  waiting: Promise<void>;
}

/**
 * Lets a fault test reproduce exactly what a frozen and then killed consumer leaves behind: the
 * handler of one event held before its commit (as SIGSTOP would), the consumer taking no more
 * messages meanwhile, then killed there (as kill -9 would). Inert unless armed: in production no
 * event is ever held. One per consumer, shared by its JetStream server and its inbox.
 */
export class ConsumerFaults {
  private static readonly byConsumer = new Map<string, ConsumerFaults>();
  private holds: Hold[] = [];
  private crashed = false;
  /** Set by the consumer's JetStream server: stop asking for messages, as a frozen process does. */
  stopTakingMessages: () => void = () => undefined;

  static of(prefix: string, consumer: string): ConsumerFaults {
    const key = `${prefix}:${consumer}`;
    let faults = ConsumerFaults.byConsumer.get(key);
    if (!faults) ConsumerFaults.byConsumer.set(key, (faults = new ConsumerFaults()));
    return faults;
  }

  /** Arms a hold on the handler of the next event that `match` recognises. */
  holdBeforeCommit(match: HeldEventMatch): HeldEvent {
    let reached!: (eventId: string) => void;
    const reachedPromise = new Promise<string>((resolve) => (reached = resolve));
    let crash!: (error: Error) => void;
    const waiting = new Promise<void>((_, reject) => (crash = reject));
    waiting.catch(() => undefined);
    this.holds.push({ match, reached, crash, waiting });
    return {
      reached: reachedPromise,
      crash: () => {
        this.crashed = true;
        crash(new ConsumerCrashed());
      },
    };
  }

  /** Called by the inbox with the handler's work done and its transaction still open. */
  async beforeCommit(event: Pick<EventEnvelope, 'id' | 'type' | 'aggregateId'>): Promise<void> {
    if (this.holds.length === 0) return;
    const hold = this.holds.find((candidate) => candidate.match(event));
    if (!hold) return;
    this.holds = this.holds.filter((candidate) => candidate !== hold);
    this.stopTakingMessages();
    hold.reached(event.id);
    await hold.waiting;
  }

  /** True once the consumer "died": it settles nothing more until it is started again. */
  get isCrashed(): boolean {
    return this.crashed;
  }

  /** A new process: the consumer settles messages again (holds armed for it stay armed). */
  restart(): void {
    this.crashed = false;
  }
}
