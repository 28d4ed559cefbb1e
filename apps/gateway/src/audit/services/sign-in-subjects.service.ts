import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApplicationsRpc, FindReferenceQuery, FoundReference, Role } from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { Repository } from 'typeorm';
import { User } from '../../users/entities/user.entity';

export interface Subject {
  actor: string;
  role: Role;
}

const MAX_NAME = 200;

/**
 * Who a sign-in attempt names, for the audit trail: the account tried when it exists (a refused
 * attempt on a real account is what an auditor looks for), no one when it does not.
 */
@Injectable()
export class SignInSubjects {
  private readonly logger = new Logger(SignInSubjects.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly rpc: RpcClient,
  ) {}

  async staff(username: unknown): Promise<Subject | null> {
    if (typeof username !== 'string' || username.length > MAX_NAME) return null;
    const user = await this.users.findOne({
      where: { username: username.trim().toLowerCase() },
      select: { username: true, role: true },
    });
    return user ? { actor: user.username, role: user.role } : null;
  }

  /** A family's reference: as typed when the sign-in succeeded, else looked up. */
  async enterprise(reference: unknown, signedIn: boolean): Promise<Subject | null> {
    if (typeof reference !== 'string' || reference.length > MAX_NAME) return null;
    if (signedIn) return { actor: reference.trim().toUpperCase(), role: 'enterprise' };
    try {
      const found = await this.rpc.request<FoundReference, FindReferenceQuery>(
        ApplicationsRpc.FindReference,
        { reference },
      );
      return found.reference ? { actor: found.reference, role: 'enterprise' } : null;
    } catch (err) {
      this.logger.warn(`Could not tell whether reference exists: ${(err as Error)?.message}`);
      return null;
    }
  }
}
