import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, EmergencyView, Page, PageQuery } from '@qollqa/contracts';
import { DataSource, In } from 'typeorm';
import { EmergencyException, EmergencyExceptionCode as Code } from '../emergency.exception';
import { toEmergencyView } from '../emergency.mapper';
import { EmergencyLoan } from '../entities/emergency-loan.entity';
import { Emergency } from '../entities/emergency.entity';

/** Reads emergencies with what became of their loans: fund managers, and admins who may read. */
@Injectable()
export class EmergencyQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async view(id: string): Promise<EmergencyView> {
    const emergency = await this.dataSource.manager.findOneByOrFail(Emergency, { id });
    const loans = await this.dataSource.manager.find(EmergencyLoan, { where: { emergencyId: id } });
    return toEmergencyView(emergency, loans);
  }

  /** Newest first. */
  async page(actor: Actor, query: PageQuery): Promise<Page<EmergencyView>> {
    if (actor.role !== 'fund_manager' && actor.role !== 'admin') {
      throw new EmergencyException(
        Code.RoleNotAllowed,
        'Only a fund manager or an admin reads emergencies',
        {
          role: actor.role,
        },
      );
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [emergencies, total] = await this.dataSource.manager.findAndCount(Emergency, {
      order: { declaredAt: 'DESC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const loans = emergencies.length
      ? await this.dataSource.manager.find(EmergencyLoan, {
          where: { emergencyId: In(emergencies.map((emergency) => emergency.id)) },
        })
      : [];
    const items = emergencies.map((emergency) =>
      toEmergencyView(
        emergency,
        loans.filter((loan) => loan.emergencyId === emergency.id),
      ),
    );
    return { items, total, page, pageSize };
  }
}
