import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FoundReference, FindReferenceQuery } from '@qollqa/contracts';
import { Repository } from 'typeorm';
import { Application } from '../entities/application.entity';
import { normaliseReference } from './application-credentials';

/**
 * Whether an application has the reference a family typed: the gateway's audit trail names the
 * account a refused sign-in aimed at, and names no one when the reference does not exist.
 */
@Injectable()
export class FindReferenceService {
  constructor(
    @InjectRepository(Application) private readonly applications: Repository<Application>,
  ) {}

  async execute(query: FindReferenceQuery): Promise<FoundReference> {
    const application = await this.applications.findOne({
      where: { reference: normaliseReference(query.reference) },
      select: { id: true, reference: true },
      loadEagerRelations: false,
    });
    return { reference: application?.reference ?? null };
  }
}
