import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { coveredAmount, formatMoney } from '@qollqa/money';
import { DataSource } from 'typeorm';
import { DisbursementRow } from '../disbursement.row';
import { PayOutLoanService } from './pay-out-loan.service';
import { ReserveGuaranteeService } from './reserve-guarantee.service';

const SWEEP_INTERVAL_MS = 30_000;

/**
 * Pays out what is waiting, first come first served: reserved loans whose payout was interrupted,
 * then waitlisted approvals in approval order while the fund's leverage allows. The head of the queue
 * is never overtaken: if it does not fit, nobody behind it goes. Runs whenever capacity may have been
 * freed (capital added, principal repaid, a claim, a write-off), at start, and every 30 s as a sweep.
 */
@Injectable()
export class WaitlistService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WaitlistService.name);
  private timer?: NodeJS.Timeout;
  private draining?: Promise<number>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reservations: ReserveGuaranteeService,
    private readonly payouts: PayOutLoanService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.drainSafely(), SWEEP_INTERVAL_MS);
    void this.drainSafely();
  }

  onApplicationShutdown(): Promise<unknown> {
    clearInterval(this.timer);
    return this.draining ?? Promise.resolve();
  }

  /** Returns how many loans were paid out. Concurrent calls share one run. */
  drain(): Promise<number> {
    this.draining ??= this.run().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async drainSafely(): Promise<void> {
    await this.drain().catch((err) =>
      this.logger.warn(`Waitlist sweep failed, will retry: ${err}`),
    );
  }

  private async run(): Promise<number> {
    let paid = 0;
    const reserved: { application_id: string }[] = await this.dataSource.query(
      `SELECT application_id FROM disbursement WHERE status = 'reserved' ORDER BY queued_at`,
    );
    for (const { application_id } of reserved) {
      if (await this.payouts.execute(application_id, `sweep:${application_id}`)) paid++;
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
      // One drain at a time across replicas: the queue's order is the point.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('qollqa:disbursement:waitlist'))`);
      const [head]: DisbursementRow[] = await manager.query(
        `SELECT * FROM disbursement WHERE status = 'waitlisted' ORDER BY queued_at LIMIT 1 FOR UPDATE`,
      );
      if (!head) return null;
      const exposure = coveredAmount(head.principal, head.coverage);
      if (!(await this.reservations.reserveExposure(manager, exposure, true))) return null;
      await manager.query(
        `UPDATE disbursement SET status = 'reserved', guarantee_status = 'active', exposure = $2
         WHERE application_id = $1`,
        [head.application_id, formatMoney(exposure)],
      );
      return head.application_id;
    });
  }
}
