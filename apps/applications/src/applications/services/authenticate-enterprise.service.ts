import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuthenticatedEnterprise, AuthenticateEnterpriseCommand } from '@qollqa/contracts';
import { CredentialHasher, errorPart as part } from '@qollqa/platform';
import { Repository } from 'typeorm';
import { ApplicationException, ApplicationExceptionCode as Code } from '../application.exception';
import { Application } from '../entities/application.entity';
import { normaliseReference } from './application-credentials';

/**
 * A family signs in with the reference and PIN of one of its applications. An unknown reference
 * costs the same time as a wrong PIN; a PIN hash of before (bcrypt) is replaced with argon2id once
 * the PIN matched. The gateway counts the attempts (sign-in limits) before it asks.
 */
@Injectable()
export class AuthenticateEnterpriseService {
  constructor(
    @InjectRepository(Application) private readonly applications: Repository<Application>,
    private readonly hasher: CredentialHasher,
  ) {}

  async execute(command: AuthenticateEnterpriseCommand): Promise<AuthenticatedEnterprise> {
    const reference = normaliseReference(command.reference);
    const application = await this.applications.findOne({
      where: { reference },
      select: { id: true, reference: true, enterpriseId: true, pinHash: true },
      relations: { enterprise: false },
      loadEagerRelations: false,
    });
    const matches = application
      ? await this.hasher.verify(application.pinHash, command.pin)
      : await this.hasher.verifyNothing(command.pin);
    if (!application || !matches) {
      throw new ApplicationException(Code.BadCredentials, 'Reference or PIN is not correct', [
        part(Code.BadCredentials, 'pin'),
      ]);
    }
    if (this.hasher.needsRehash(application.pinHash)) {
      // Only if the hash is still the one just checked (a PIN replaced meanwhile stays); raw SQL so
      // the application's updated_at is left alone.
      await this.applications.query(
        'UPDATE application SET pin_hash = $1 WHERE id = $2 AND pin_hash = $3',
        [await this.hasher.hash(command.pin), application.id, application.pinHash],
      );
    }
    return { enterpriseId: application.enterpriseId, reference: application.reference };
  }
}
