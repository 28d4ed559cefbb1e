import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '@qollqa/contracts';
import { ApiRoute } from '../openapi/api-route.decorator';
import { ClientAddress, CurrentActor, Public, Roles, STAFF } from './decorators/auth.decorators';
import { ChangePasswordDto, EnterpriseLoginDto, LoginDto, TokenDto } from './dtos/login.dto';
import { ChangeOwnPasswordService } from './services/change-own-password.service';
import { EnterpriseSignInService } from './services/enterprise-sign-in.service';
import { StaffSignInService } from './services/staff-sign-in.service';

const TOO_MANY =
  'Five failed attempts for this account, or twenty from this address, within 15 minutes: locked for ' +
  '15 minutes (TOO_MANY_ATTEMPTS, with Retry-After in seconds). The same answer whether the account exists or not.';

@ApiTags('auth')
@Controller('auth')
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
    response: { type: TokenDto, description: 'A bearer token and the role it carries' },
    errors: {
      401: 'Username or password is not correct, or the account is inactive (BAD_CREDENTIALS)',
      429: TOO_MANY,
    },
  })
  login(@Body() body: LoginDto, @ClientAddress() address: string): Promise<TokenDto> {
    return this.staffSignIn.execute(body, address);
  }

  @Post('enterprise')
  @Public()
  @HttpCode(200)
  @ApiRoute({
    summary: 'Sign in as a family',
    description:
      'The reference and PIN of an application. The token opens only that enterprise’s applications and loans.',
    response: { type: TokenDto, description: 'A bearer token for the enterprise' },
    errors: { 401: 'Reference or PIN is not correct (BAD_CREDENTIALS)', 429: TOO_MANY },
  })
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
    errors: { 401: 'The current password is not correct (BAD_CREDENTIALS)', 429: TOO_MANY },
  })
  changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentActor() actor: Actor,
    @ClientAddress() address: string,
  ): Promise<TokenDto> {
    return this.changeOwnPassword.execute(actor, body, address);
  }
}
