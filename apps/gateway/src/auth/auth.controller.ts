import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../openapi/api-route.decorator';
import { Public } from './decorators/auth.decorators';
import { AuthService } from './auth.service';
import { EnterpriseLoginDto, LoginDto, TokenDto } from './dtos/login.dto';

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Sign in as staff',
    description:
      'Username and password. Five failed sign-ins for one username within 15 minutes lock it for 15 minutes.',
    response: { type: TokenDto, description: 'A bearer token and the role it carries' },
    errors: {
      401: 'Username or password is not correct (BAD_CREDENTIALS)',
      429: 'Too many failed attempts for this username (TOO_MANY_ATTEMPTS), with Retry-After',
    },
  })
  login(@Body() body: LoginDto): Promise<TokenDto> {
    return this.auth.login(body);
  }

  @Post('enterprise')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Sign in as a family',
    description:
      'The reference and PIN of an application. The token opens only that enterprise’s applications and loans. ' +
      'Five wrong PINs for one reference within 15 minutes lock it for 15 minutes.',
    response: { type: TokenDto, description: 'A bearer token for the enterprise' },
    errors: {
      401: 'Reference or PIN is not correct (BAD_CREDENTIALS)',
      429: 'Too many failed attempts for this reference (TOO_MANY_ATTEMPTS), with Retry-After',
    },
  })
  loginEnterprise(@Body() body: EnterpriseLoginDto): Promise<TokenDto> {
    return this.auth.loginEnterprise(body);
  }
}
