import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuthenticatedEnterprise, AuthenticateEnterpriseCommand } from '@qollqa/contracts';
import { errorPart as part } from '@qollqa/platform';
import { Repository } from 'typeorm';
import { ApplicationException, ApplicationExceptionCode as Code } from '../application.exception';
import { Application } from '../entities/application.entity';
import { normaliseReference, pinMatches } from './application-credentials';

// Compared against when the reference is unknown, so both failures take the same time.
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.gHkYgbD7bx0V0S1s1PZ2Y1Qm3/7e';

/** A family signs in with the reference and PIN of one of its applications. */
@Injectable()
export class AuthenticateEnterpriseService {
  constructor(
    @InjectRepository(Application) private readonly applications: Repository<Application>,
  ) {}

  async execute(command: AuthenticateEnterpriseCommand): Promise<AuthenticatedEnterprise> {
    const reference = normaliseReference(command.reference);
    const application = await this.applications.findOne({
      where: { reference },
      select: { id: true, reference: true, enterpriseId: true, pinHash: true },
      relations: { enterprise: false },
      loadEagerRelations: false,
    });
    const matches = await pinMatches(command.pin, application?.pinHash ?? DUMMY_HASH);
    if (!application || !matches) {
      throw new ApplicationException(Code.BadCredentials, 'Reference or PIN is not correct', [
        part(Code.BadCredentials, 'pin'),
      ]);
    }
    return { enterpriseId: application.enterpriseId, reference: application.reference };
  }
}
