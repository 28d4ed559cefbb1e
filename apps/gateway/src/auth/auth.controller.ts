import { applyDecorators, Body, Controller, HttpCode, Post, UseFilters } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '@qollqa/contracts';
import { ApiRoute } from '../openapi/api-route.decorator';
import { ClientAddress, CurrentActor, Public, Roles, STAFF } from './decorators/auth.decorators';
import {
  ChangePasswordDto,
  EnterpriseLoginDto,
  LoginDto,
  SignInLockedResponse,
  SignInRefusedResponse,
  TokenDto,
} from './dtos/login.dto';
import { SignInFeedbackFilter } from './filters/sign-in-feedback.filter';
import { ChangeOwnPasswordService } from './services/change-own-password.service';
import { EnterpriseSignInService } from './services/enterprise-sign-in.service';
import { StaffSignInService } from './services/staff-sign-in.service';

const TOO_MANY =
  'Five failed attempts for this account, or twenty from this address, within 15 minutes: locked for ' +
  '15 minutes (TOO_MANY_ATTEMPTS, with Retry-After in seconds and `retryAt`, when the lock ends). ' +
  'The same answer whether the account exists or not.';
const ATTEMPTS_LEFT = '`attemptsLeft` says how many more failures lock it.';

/** A lock that says when it ends (429). */
const SignInLocked = () =>
  ApiResponse({ status: 429, type: SignInLockedResponse, description: TOO_MANY });

/** A refusal that says the failures left (401), and a lock that says when it ends (429). */
const SignInRefusals = (refused: string) =>
  applyDecorators(
    ApiResponse({ status: 401, type: SignInRefusedResponse, description: refused }),
    SignInLocked(),
  );

@ApiTags('auth')
@Controller('auth')
@UseFilters(SignInFeedbackFilter)
export class AuthController {
  constructor(
    private readonly staffSignIn: StaffSignInService,
    private readonly enterpriseSignIn: EnterpriseSignInService,
    private readonly changeOwnPassword: ChangeOwnPasswordService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiRoute({
    summary: 'Sign in as staff',
    description: 'Username and password of an active staff account.',
    response: {
      type: TokenDto,
      description: 'A bearer token, the role it carries and the name of the person',
    },
  })
  @SignInRefusals(
    `Username or password is not correct, or the account is inactive (BAD_CREDENTIALS). ${ATTEMPTS_LEFT}`,
  )
  login(@Body() body: LoginDto, @ClientAddress() address: string): Promise<TokenDto> {
    return this.staffSignIn.execute(body, address);
  }

  @Post('enterprise')
  @Public()
  @HttpCode(200)
  @ApiRoute({
    summary: 'Sign in as a family',
    description:
      'The reference and PIN of an application (the PIN as printed, "410 056", is accepted: spaces and hyphens are ignored). ' +
      'The token opens only that enterprise’s applications and loans.',
    response: {
      type: TokenDto,
      description: 'A bearer token for the enterprise, and its name',
    },
  })
  @SignInRefusals(`Reference or PIN is not correct (BAD_CREDENTIALS). ${ATTEMPTS_LEFT}`)
  loginEnterprise(
    @Body() body: EnterpriseLoginDto,
    @ClientAddress() address: string,
  ): Promise<TokenDto> {
    return this.enterpriseSignIn.execute(body, address);
  }

  @Post('password')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiRoute({
    summary: 'Change my own password',
    description:
      'For the signed-in member of staff. Every earlier token stops working; the answer carries a new one.',
    response: { type: TokenDto, description: 'A new bearer token' },
    errors: {
      401: 'The current password is not correct (BAD_CREDENTIALS, with `attemptsLeft`: how many more failures lock it)',
    },
  })
  @SignInLocked()
  changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentActor() actor: Actor,
    @ClientAddress() address: string,
  ): Promise<TokenDto> {
    return this.changeOwnPassword.execute(actor, body, address);
  }
}
