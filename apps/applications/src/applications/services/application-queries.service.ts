import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  Actor,
  ApplicationView,
  Batch,
  BatchRequest,
  ListApplicationsQuery,
  nextAfter,
  Page,
  parseSearch,
} from '@qollqa/contracts';
import { errorPart as part } from '@qollqa/platform';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { ApplicationException, ApplicationExceptionCode as Code } from '../application.exception';
import { toApplicationView } from '../application.mapper';
import { Application } from '../entities/application.entity';
import { TimelineEntry } from '../entities/timeline-entry.entity';

/** Reads applications for staff, and for an enterprise only its own. */
@Injectable()
export class ApplicationQueries {
  constructor(
    @InjectRepository(Application) private readonly applications: Repository<Application>,
    @InjectRepository(TimelineEntry) private readonly timeline: Repository<TimelineEntry>,
  ) {}

  async get(actor: Actor, id: string): Promise<ApplicationView> {
    const application = await this.applications.findOne({ where: { id } });
    if (!application) {
      throw new ApplicationException(Code.NotFound, `Application ${id} not found`, { id });
    }
    if (actor.role === 'enterprise' && application.enterpriseId !== actor.enterpriseId) {
      throw new ApplicationException(
        Code.NotYours,
        'This application belongs to another enterprise',
        [part(Code.NotYours, 'otherEnterprise')],
      );
    }
    const entries = await this.timeline.find({
      where: { applicationId: id },
      order: { id: 'ASC' },
    });
    return toApplicationView(application, entries);
  }

  /** Staff's list, oldest first: the review queue is worked in the order families applied. */
  async list(query: ListApplicationsQuery): Promise<Page<ApplicationView>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    // offset/limit (not skip/take): the joins are many-to-one, so a row is an application.
    const [items, total] = await this.matching(query)
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getManyAndCount();
    return {
      items: items.map((application) => toApplicationView(application)),
      total,
      page,
      pageSize,
    };
  }

  /** Every application of the list's filters, a batch at a time in the list's order (exports). */
  async batch(query: ListApplicationsQuery, batch: BatchRequest): Promise<Batch<ApplicationView>> {
    const builder = this.matching(query).limit(batch.limit);
    if (batch.after) {
      builder.andWhere(
        '(application.created_at, application.id) > (SELECT created_at, id FROM application WHERE id = :after)',
        { after: batch.after },
      );
    }
    const items = await builder.getMany();
    return {
      items: items.map((application) => toApplicationView(application)),
      next: nextAfter(items, batch.limit),
    };
  }

  /** The applications the list's filters and search select, in the list's order. */
  matching(query: ListApplicationsQuery): SelectQueryBuilder<Application> {
    const builder = this.applications
      .createQueryBuilder('application')
      .innerJoinAndSelect('application.enterprise', 'enterprise')
      .orderBy('application.created_at', 'ASC')
      .addOrderBy('application.id', 'ASC');
    if (query.status) builder.andWhere('application.status = :status', { status: query.status });
    if (query.valueChain)
      builder.andWhere('enterprise.value_chain = :valueChain', { valueChain: query.valueChain });
    if (query.municipality) {
      builder.andWhere('lower(enterprise.municipality) = lower(:municipality)', {
        municipality: query.municipality.trim(),
      });
    }
    if (query.q) {
      // Each kind of search is one index lookup: the unique reference, the unique DNI/RUC, or the
      // trigram index of the normalised name.
      const search = parseSearch(query.q);
      if (search.by === 'reference') {
        builder.andWhere('application.reference = :reference', { reference: search.reference });
      } else if (search.by === 'document') {
        builder.andWhere('enterprise.document_id = :documentId', { documentId: search.documentId });
      } else {
        // The pattern's wildcards are escaped with a backslash, LIKE's default escape character.
        builder.andWhere('enterprise.search_name LIKE :pattern', { pattern: search.pattern });
      }
    }
    return builder;
  }

  /** A family's own applications with their timelines, newest first (what it sees after signing in). */
  async ofEnterprise(actor: Actor): Promise<ApplicationView[]> {
    if (actor.role !== 'enterprise' || !actor.enterpriseId) {
      throw new ApplicationException(Code.NotYours, 'Only an enterprise has its own applications', [
        part(Code.NotYours, 'enterpriseOnly'),
      ]);
    }
    const items = await this.applications.find({
      where: { enterpriseId: actor.enterpriseId },
      order: { createdAt: 'DESC' },
    });
    return Promise.all(items.map((application) => this.get(actor, application.id)));
  }
}
