import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FundMovementCommand, FundsView } from '@qollqa/contracts';
import { Decimal, formatMoney, money } from '@qollqa/money';
import { DataSource, EntityManager } from 'typeorm';
import { WaitlistService } from '../../disbursements/services/waitlist.service';
import { Account } from '../../ledger/ledger-accounts';
import { LedgerRepository } from '../../ledger/ledger.repository';
import { FundsException, FundsExceptionCode as Code } from '../funds.exception';
import { GuaranteePositionRepository } from '../guarantee-position.repository';
import { InnovationPositionRepository } from '../innovation-position.repository';
import { FundFiguresService } from './fund-figures.service';

/**
 * A fund manager adds capital to the guarantee fund or budget to the innovation fund. The transfer's
 * reference makes it happen once: the same reference again with the same amount changes nothing,
 * with another amount it is refused (409). New capital may let waitlisted loans go.
 */
@Injectable()
export class AddFundMoneyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly guaranteePosition: GuaranteePositionRepository,
    private readonly innovationPosition: InnovationPositionRepository,
    private readonly figures: FundFiguresService,
    private readonly waitlist: WaitlistService,
  ) {}

  async addGuaranteeCapital(command: FundMovementCommand): Promise<FundsView> {
    const amount = money(command.body.amount);
    await this.dataSource.transaction(async (manager) => {
      const key = `guarantee-capital:${command.body.reference}`;
      const posted = await this.ledger.post(manager, {
        key,
        kind: 'guarantee_capital',
        causedBy: `user:${command.actor.name}`,
        description: `Capital injection ${command.body.reference} by ${command.actor.name}`,
        lines: [
          { account: Account.GuaranteeCash, debit: amount },
          { account: Account.GuaranteeCapital, credit: amount },
        ],
      });
      if (!posted) return this.assertSameAmount(manager, key, amount);
      await this.guaranteePosition.addCapital(manager, amount);
    });
    await this.waitlist.drain();
    return this.figures.figures();
  }

  async addInnovationBudget(command: FundMovementCommand): Promise<FundsView> {
    const amount = money(command.body.amount);
    await this.dataSource.transaction(async (manager) => {
      const key = `innovation-budget:${command.body.reference}`;
      const posted = await this.ledger.post(manager, {
        key,
        kind: 'innovation_budget',
        causedBy: `user:${command.actor.name}`,
        description: `Innovation budget ${command.body.reference} by ${command.actor.name}`,
        lines: [
          { account: Account.InnovationCash, debit: amount },
          { account: Account.InnovationBudget, credit: amount },
        ],
      });
      if (!posted) return this.assertSameAmount(manager, key, amount);
      await this.innovationPosition.addBudget(manager, amount);
    });
    return this.figures.figures();
  }

  private async assertSameAmount(manager: EntityManager, key: string, amount: Decimal) {
    const posted = await this.ledger.postedAmount(manager, key);
    if (!posted?.eq(amount)) {
      throw new FundsException(
        Code.ReferenceReused,
        `This reference was already used for ${formatMoney(posted ?? 0)}: use a new reference for a new transfer`,
        { amount: formatMoney(posted ?? 0) },
      );
    }
  }
}
