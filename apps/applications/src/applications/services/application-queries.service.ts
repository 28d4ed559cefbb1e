import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Actor, ApplicationView, ListApplicationsQuery, Page } from '@qollqa/contracts';
import { errorPart as part } from '@qollqa/platform';
import { Repository } from 'typeorm';
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
    const builder = this.applications
      .createQueryBuilder('application')
      .innerJoinAndSelect('application.enterprise', 'enterprise')
      .orderBy('application.created_at', 'ASC')
      .addOrderBy('application.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    if (query.status) builder.andWhere('application.status = :status', { status: query.status });
    if (query.valueChain)
      builder.andWhere('enterprise.value_chain = :valueChain', { valueChain: query.valueChain });
    if (query.municipality) {
      builder.andWhere('lower(enterprise.municipality) = lower(:municipality)', {
        municipality: query.municipality.trim(),
      });
    }
    const [items, total] = await builder.getManyAndCount();
    return {
      items: items.map((application) => toApplicationView(application)),
      total,
      page,
      pageSize,
    };
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
