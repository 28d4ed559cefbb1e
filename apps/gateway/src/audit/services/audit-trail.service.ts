import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Page } from '@qollqa/contracts';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { AuditEntryView } from '../dtos/audit-entry.view';
import { AuditFilter, auditPeriod, AuditQuery } from '../dtos/audit-query.dto';
import { AuditEntry } from '../entities/audit-entry.entity';

/** Reads the audit trail, newest first: a page of it, or every row a filter matches (for exports). */
@Injectable()
export class AuditTrail {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  async list(query: AuditQuery): Promise<Page<AuditEntryView>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [items, total] = await this.matching(query)
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: items.map(toView), total, page, pageSize };
  }

  /** Every row the filter matches, newest first, without paging. */
  async all(filter: AuditFilter): Promise<AuditEntryView[]> {
    return (await this.matching(filter).getMany()).map(toView);
  }

  private matching(filter: AuditFilter): SelectQueryBuilder<AuditEntry> {
    const builder = this.entries
      .createQueryBuilder('entry')
      .orderBy('entry.at', 'DESC')
      .addOrderBy('entry.seq', 'DESC');
    const { actor, action, resourceId } = filter;
    if (actor !== undefined) builder.andWhere('entry.actor = :actor', { actor });
    if (action !== undefined) builder.andWhere('entry.action = :action', { action });
    if (resourceId !== undefined)
      builder.andWhere('entry.resource_id = :resourceId', { resourceId });
    const { from, before } = auditPeriod(filter);
    if (from) builder.andWhere('entry.at >= :from', { from });
    if (before) builder.andWhere('entry.at < :before', { before });
    return builder;
  }
}

function toView(entry: AuditEntry): AuditEntryView {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    actor: entry.actor,
    role: entry.role,
    action: entry.action,
    resourceId: entry.resourceId,
    statusCode: entry.statusCode,
    requestId: entry.requestId,
  };
}
