import { errorPart as part } from '@qollqa/platform';
import { Injectable, Logger } from '@nestjs/common';
import {
  Actor,
  ApplicationsRpc,
  ApplicationView,
  AuthenticatedEnterprise,
  AuthenticateEnterpriseCommand,
  ListOwnApplicationsQuery,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { AuthExceptionCode, BadSignInException } from '../auth.exception';
import { EnterpriseLoginDto, TokenDto } from '../dtos/login.dto';
import { AccessTokens } from './access-tokens.service';
import { SignInLimits } from './sign-in-limits.service';

/** How long a sign-in waits for the enterprise's name before it greets the family by reference. */
const NAME_WAIT_MS = 1500;

/**
 * POST /api/auth/enterprise: a family signs in with its reference and PIN, which the applications
 * service checks. A 6-digit PIN can't resist guessing on its own: the sign-in limits protect it.
 */
@Injectable()
export class EnterpriseSignInService {
  private readonly logger = new Logger(EnterpriseSignInService.name);

  constructor(
    private readonly limits: SignInLimits,
    private readonly rpc: RpcClient,
    private readonly tokens: AccessTokens,
  ) {}

  async execute({ reference, pin }: EnterpriseLoginDto, address: string): Promise<TokenDto> {
    const account = `reference:${reference.trim().toUpperCase()}`;
    const outcome = await this.limits.attempt({ account, address }, () =>
      this.authenticate({ reference, pin }),
    );
    if (outcome.value === null) {
      throw new BadSignInException(
        'Reference or PIN is not correct',
        [part(AuthExceptionCode.BadCredentials, 'pin')],
        outcome.attemptsLeft,
      );
    }
    const enterprise = outcome.value;
    return this.tokens.forEnterprise(enterprise, await this.nameOf(enterprise));
  }

  /** The enterprise, or null for a wrong reference or PIN (the service answers 401). */
  private async authenticate(
    command: AuthenticateEnterpriseCommand,
  ): Promise<AuthenticatedEnterprise | null> {
    try {
      return await this.rpc.request<AuthenticatedEnterprise, AuthenticateEnterpriseCommand>(
        ApplicationsRpc.AuthenticateEnterprise,
        command,
      );
    } catch (err) {
      if ((err as { getStatus?: () => number }).getStatus?.() === 401) return null;
      throw err;
    }
  }

  /**
   * The enterprise's name, from its own applications (as the family's first screen asks for them),
   * or undefined when they do not come quickly: the greeting is no reason to hold a sign-in back.
   */
  private async nameOf(enterprise: AuthenticatedEnterprise): Promise<string | undefined> {
    const actor: Actor = {
      id: enterprise.enterpriseId,
      name: enterprise.reference,
      role: 'enterprise',
      enterpriseId: enterprise.enterpriseId,
    };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), NAME_WAIT_MS);
    });
    const lookup = this.rpc
      .request<ApplicationView[], ListOwnApplicationsQuery>(ApplicationsRpc.ListOwn, { actor })
      .then((applications) => {
        const own =
          applications.find((application) => application.reference === enterprise.reference) ??
          applications[0];
        const name = own?.enterprise?.name?.trim();
        return name || undefined;
      })
      .catch((err: unknown) => {
        this.logger.warn(`No name for enterprise ${enterprise.enterpriseId}: ${String(err)}`);
        return undefined;
      });
    try {
      return await Promise.race([lookup, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
