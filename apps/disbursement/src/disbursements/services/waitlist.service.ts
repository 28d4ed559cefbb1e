import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { coveredAmount } from '@qollqa/money';
import { runAlone } from '@qollqa/persistence';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { GuaranteePositionRepository } from '../../funds/guarantee-position.repository';
import { DisbursementRepository } from '../disbursement.repository';
import { PayOutLoanService } from './pay-out-loan.service';

const SWEEP_INTERVAL_MS = 30_000;
/** How often a drain waiting for another replica's drain to end looks again. */
const WAIT_FOR_OTHER_DRAIN_MS = 50;
/** The name the waitlist's drain runs under across replicas (runAlone). */
export const WAITLIST_DRAIN = 'waitlist-drain';

/**
 * Pays out what is waiting, first come first served: reserved loans whose payout was interrupted,
 * then waitlisted approvals in approval order while the fund's leverage allows. The head of the queue
 * is never overtaken: if it does not fit, nobody behind it goes. Runs whenever capacity may have been
 * freed (capital added, principal repaid, a claim, a write-off), and at start and every 30 s as a
 * sweep. One pass runs at a time across replicas (runAlone, WAITLIST_DRAIN).
 *
 * A sweep that finds a pass running (here or on another replica) is skipped: that pass does what the
 * sweep would. A drain asked for because capacity was freed is not skipped but runs after the pass
 * in progress, because that pass sees the capacity only if its last look at the queue came after the
 * commit that freed it — and it may be past that look, about to release its lock, when the request
 * comes. So every request gets a pass that starts after it: in this process the requests made during
 * a pass share one pass after it, and across replicas a pass waits for the other's lock. Freed
 * capacity is never left unused until the next sweep; a pass after another one finds the queue as
 * that one left it and, when nothing fits, stops after two reads. (No pass can pay a loan out twice
 * anyway: each payout is keyed by its application.)
 */
@Injectable()
export class WaitlistService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WaitlistService.name);
  private timer?: NodeJS.Timeout;
  /** The pass in progress in this process. */
  private running?: Promise<number>;
  /** The pass that starts when the running one ends: what every request made meanwhile waits for. */
  private queued?: Promise<number>;
  private sweeping?: Promise<number>;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly disbursements: DisbursementRepository,
    private readonly guaranteePosition: GuaranteePositionRepository,
    private readonly payouts: PayOutLoanService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweepSafely(), SWEEP_INTERVAL_MS);
    void this.sweepSafely();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.allSettled([this.running, this.queued, this.sweeping]);
  }

  /**
   * Capacity may have been freed: resolves once a pass that started after this call has run, with
   * how many loans it paid out. Requests made while a pass runs share the one pass after it.
   */
  drain(): Promise<number> {
    if (!this.running) return (this.running = this.startPass());
    this.queued ??= this.running
      .catch(() => 0)
      .then(() => {
        this.queued = undefined;
        return (this.running = this.startPass());
      });
    return this.queued;
  }

  /** The periodic sweep: one pass, unless a pass runs already, here or on another replica. */
  sweep(): Promise<number> {
    if (this.running) return Promise.resolve(0);
    this.sweeping ??= runAlone(this.dataSource, WAITLIST_DRAIN, () => this.run())
      .then((outcome) => (outcome.ran ? outcome.result : 0))
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepSafely(): Promise<void> {
    await this.sweep().catch((err) =>
      this.logger.warn(`Waitlist sweep failed, will retry: ${err}`),
    );
  }

  private startPass(): Promise<number> {
    const pass: Promise<number> = this.passAfterAnyOther().finally(() => {
      if (this.running === pass) this.running = undefined;
    });
    return pass;
  }

  /** One pass, once no other pass (another replica's, or this process's sweep) holds the queue. */
  private async passAfterAnyOther(): Promise<number> {
    // Shutting down: the next start's sweep (or another replica) takes over.
    while (!this.stopped) {
      const outcome = await runAlone(this.dataSource, WAITLIST_DRAIN, () => this.run());
      if (outcome.ran) return outcome.result;
      await sleep(WAIT_FOR_OTHER_DRAIN_MS);
    }
    return 0;
  }

  private async run(): Promise<number> {
    let paid = 0;
    for (const applicationId of await this.disbursements.reservedInQueueOrder()) {
      if (await this.payouts.execute(applicationId, `sweep:${applicationId}`)) paid++;
    }
    for (;;) {
      const next = await this.reserveHeadOfQueue();
      if (!next) break;
      if (await this.payouts.execute(next, `waitlist:${next}`)) paid++;
    }
    return paid;
  }

  /** Reserves the guarantee for the oldest waitlisted application, if the fund can take it. */
  private async reserveHeadOfQueue(): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      // One reservation at a time across replicas, also against a replica of an older release that
      // drains without runAlone (a rolling update): the queue's order is the point.
      await this.disbursements.lockWaitlist(manager);
      const head = await this.disbursements.lockHeadOfWaitlist(manager);
      if (!head) return null;
      const exposure = coveredAmount(head.principal, head.coverage);
      if (!(await this.guaranteePosition.reserveExposure(manager, exposure, true))) return null;
      await this.disbursements.reserveWaitlisted(manager, head.applicationId, exposure);
      return head.applicationId;
    });
  }
}
