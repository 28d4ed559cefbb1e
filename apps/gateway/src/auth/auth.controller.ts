import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Actor } from '@qollqa/contracts';
import { ClientAddress, CurrentActor, Public, Roles, STAFF } from './decorators/auth.decorators';
import { ChangePasswordDto, EnterpriseLoginDto, LoginDto, TokenDto } from './dtos/login.dto';
import { ChangeOwnPasswordService } from './services/change-own-password.service';
import { EnterpriseSignInService } from './services/enterprise-sign-in.service';
import { StaffSignInService } from './services/staff-sign-in.service';

const TOO_MANY = {
  description:
    'Five failed attempts for this account, or twenty from this address, within 15 minutes: locked for ' +
    '15 minutes (Retry-After, in seconds). The same answer whether the account exists or not.',
};

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
  @ApiOperation({ summary: 'Staff sign-in', description: 'Roles: anyone (no token).' })
  @ApiOkResponse({ type: TokenDto })
  @ApiUnauthorizedResponse({ description: 'Bad credentials, or an inactive user' })
  @ApiTooManyRequestsResponse(TOO_MANY)
  login(@Body() body: LoginDto, @ClientAddress() address: string): Promise<TokenDto> {
    return this.staffSignIn.execute(body, address);
  }

  @Post('enterprise')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'A family signs in with reference and PIN',
    description: "Roles: anyone (no token). The token opens only that enterprise's own data.",
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiUnauthorizedResponse({ description: 'Bad reference or PIN' })
  @ApiTooManyRequestsResponse(TOO_MANY)
  loginEnterprise(
    @Body() body: EnterpriseLoginDto,
    @ClientAddress() address: string,
  ): Promise<TokenDto> {
    return this.enterpriseSignIn.execute(body, address);
  }

  @Post('password')
  @Roles(...STAFF)
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change my own password',
    description:
      'Roles: loan_officer, fund_manager, admin (for itself). Every earlier token stops working; ' +
      'the answer carries a new one.',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiBadRequestResponse({ description: 'A new password outside 12–128 characters' })
  @ApiUnauthorizedResponse({ description: 'No valid token, or a wrong current password' })
  @ApiForbiddenResponse({ description: 'A family token' })
  @ApiTooManyRequestsResponse(TOO_MANY)
  changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentActor() actor: Actor,
    @ClientAddress() address: string,
  ): Promise<TokenDto> {
    return this.changeOwnPassword.execute(actor, body, address);
  }
}
