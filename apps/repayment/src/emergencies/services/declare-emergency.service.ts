import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DeclareEmergencyCommand, DeclareEmergencyDto, EmergencyView } from '@qollqa/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessDateService } from '../../business-date/business-date.service';
import { Loan } from '../../loans/entities/loan.entity';
import { LoanReprogrammer } from '../../reprogramming/services/loan-reprogrammer.service';
import { EmergencyFaults } from '../emergency-faults';
import { EmergencyException, EmergencyExceptionCode as Code } from '../emergency.exception';
import { EmergencyLoan } from '../entities/emergency-loan.entity';
import { Emergency } from '../entities/emergency.entity';
import { EmergencyQueries } from './emergency-queries.service';

/**
 * A fund manager declares an emergency (POST /api/emergencies): every eligible loan of its districts
 * (and value chains) is reprogrammed with the same terms, the others are listed with why.
 *
 * 1. One transaction records the emergency and the open loans it finds there (`emergency_loan`,
 *    each `pending`): that list is fixed from then on, so no loan is forgotten.
 * 2. Each loan then gets its own transaction: its pending row and the loan locked, the loan
 *    reprogrammed (its own `loan.reprogrammed`) or skipped, the row's outcome written with it — a
 *    loan is done exactly once, whoever gets there first.
 * 3. The emergency is `completed` when none is pending.
 * Stopped half-way (a crash), the emergency stays `in_progress`: the same request again (its
 * Idempotency-Key finds it) finishes the pending loans, and so does the service's next start.
 */
@Injectable()
export class DeclareEmergencyService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeclareEmergencyService.name);
  private resuming: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly businessDates: BusinessDateService,
    private readonly reprogrammer: LoanReprogrammer,
    private readonly queries: EmergencyQueries,
    private readonly faults: EmergencyFaults,
  ) {}

  async execute({ actor, idempotencyKey, body }: DeclareEmergencyCommand): Promise<EmergencyView> {
    if (actor.role !== 'fund_manager') {
      throw new EmergencyException(
        Code.RoleNotAllowed,
        'Only a fund manager declares an emergency',
        {
          role: actor.role,
        },
      );
    }
    const emergency = await this.dataSource.transaction((manager) =>
      this.declare(manager, actor, idempotencyKey ?? null, body),
    );
    await this.finish(emergency);
    return this.queries.view(emergency.id);
  }

  /** At start: whatever a crash left half-way is finished (in the background). */
  onApplicationBootstrap(): void {
    this.resuming = this.resumeAll().catch((error) =>
      this.logger.error(`Resuming the emergencies left half-way failed: ${String(error)}`),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.resuming;
  }

  private async resumeAll(): Promise<void> {
    const open = await this.dataSource.manager.find(Emergency, {
      where: { status: 'in_progress' },
      order: { declaredAt: 'ASC' },
    });
    for (const emergency of open) {
      this.logger.warn(`Emergency ${emergency.id} (${emergency.name}) stopped half-way: resuming`);
      await this.finish(emergency);
    }
  }

  /** The emergency of this key (the same one again), or a new one with the loans it covers. */
  private async declare(
    manager: EntityManager,
    actor: DeclareEmergencyCommand['actor'],
    idempotencyKey: string | null,
    body: DeclareEmergencyDto,
  ): Promise<Emergency> {
    const businessDate = await this.businessDates.holdShared(manager);
    if (body.declaredOn > businessDate) {
      throw new EmergencyException(
        Code.DeclaredAfterBusinessDate,
        `declaredOn ${body.declaredOn} is after the business date ${businessDate}`,
        { declaredOn: body.declaredOn, businessDate },
      );
    }
    const municipalities = [...new Set(body.municipalities)];
    const valueChains = body.valueChains ? [...new Set(body.valueChains)] : null;
    const id = randomUUID();
    const [inserted] = await manager.query(
      `INSERT INTO emergency (id, name, declared_on, municipalities, value_chains, reason,
         extension_months, grace_months, declared_by, declared_by_id, idempotency_key, business_date,
         status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'in_progress')
       ON CONFLICT (declared_by_id, idempotency_key) DO NOTHING RETURNING id`,
      [
        id,
        body.name,
        body.declaredOn,
        municipalities,
        valueChains,
        body.reason,
        body.extensionMonths,
        body.graceMonths,
        actor.name,
        actor.id,
        idempotencyKey,
        businessDate,
      ],
    );
    if (!inserted) {
      const earlier = await manager.findOneByOrFail(Emergency, {
        declaredById: actor.id,
        idempotencyKey: idempotencyKey!,
      });
      if (!sameDeclaration(earlier, body)) {
        throw new EmergencyException(
          Code.IdempotencyKeyReused,
          'This Idempotency-Key was used with a different request',
        );
      }
      return earlier;
    }
    // Every open loan of the districts: the eligible ones are reprogrammed, the others listed.
    await manager.query(
      `INSERT INTO emergency_loan (emergency_id, loan_id, reference)
       SELECT $1, l.id, l.reference FROM loan l
       WHERE l.status IN ('active', 'claimed')
         AND lower(l.municipality) = ANY(SELECT lower(m) FROM unnest($2::text[]) AS m)
         AND ($3::text[] IS NULL OR l.value_chain = ANY($3::text[]))`,
      [id, municipalities, valueChains],
    );
    return manager.findOneByOrFail(Emergency, { id });
  }

  /** Each pending loan in its own transaction, then the emergency completed. */
  private async finish(emergency: Emergency): Promise<void> {
    const pending = await this.dataSource.manager.find(EmergencyLoan, {
      select: { loanId: true },
      where: { emergencyId: emergency.id, outcome: 'pending' },
      order: { loanId: 'ASC' },
    });
    for (const { loanId } of pending) {
      await this.dataSource.transaction((manager) => this.reprogramOne(manager, emergency, loanId));
      this.faults.reach('after-loan');
    }
    await this.dataSource.query(
      `UPDATE emergency SET status = 'completed', completed_at = now()
       WHERE id = $1 AND status = 'in_progress'
         AND NOT EXISTS (SELECT 1 FROM emergency_loan WHERE emergency_id = $1 AND outcome = 'pending')`,
      [emergency.id],
    );
  }

  private async reprogramOne(
    manager: EntityManager,
    emergency: Emergency,
    loanId: string,
  ): Promise<void> {
    const businessDate = await this.businessDates.holdShared(manager);
    // Whoever locks the row first does the loan; anyone after it finds it done.
    const row = await manager.findOne(EmergencyLoan, {
      where: { emergencyId: emergency.id, loanId },
      lock: { mode: 'pessimistic_write' },
    });
    if (row?.outcome !== 'pending') return;
    const loan = await manager.findOneOrFail(Loan, {
      where: { id: loanId },
      lock: { mode: 'pessimistic_write' },
    });
    const outcome = await this.reprogrammer.reprogram(
      manager,
      loan,
      {
        reason: emergency.reason,
        note: emergency.name,
        extensionMonths: emergency.extensionMonths,
        graceMonths: emergency.graceMonths,
        emergencyId: emergency.id,
      },
      { id: emergency.declaredById, name: emergency.declaredBy },
      businessDate,
    );
    await manager.update(
      EmergencyLoan,
      { emergencyId: emergency.id, loanId },
      outcome.reprogrammed
        ? { outcome: 'reprogrammed', reprogrammingId: outcome.reprogrammed.id }
        : { outcome: 'skipped', why: outcome.refusal },
    );
  }
}

/** The same emergency as the one declared under this key. */
function sameDeclaration(earlier: Emergency, body: DeclareEmergencyDto): boolean {
  const set = (values: readonly string[] | null | undefined) =>
    values ? [...new Set(values)].sort().join('\n') : null;
  return (
    earlier.name === body.name &&
    earlier.declaredOn === body.declaredOn &&
    set(earlier.municipalities) === set(body.municipalities) &&
    set(earlier.valueChains) === set(body.valueChains) &&
    earlier.reason === body.reason &&
    earlier.extensionMonths === body.extensionMonths &&
    earlier.graceMonths === body.graceMonths
  );
}
