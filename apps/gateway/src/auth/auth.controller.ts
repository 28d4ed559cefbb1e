import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
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
  @ApiOkResponse({ type: TokenDto })
  @ApiUnauthorizedResponse({ description: 'Bad credentials' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this username' })
  login(@Body() body: LoginDto): Promise<TokenDto> {
    return this.auth.login(body);
  }

  @Post('enterprise')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenDto })
  @ApiUnauthorizedResponse({ description: 'Bad reference or PIN' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this reference' })
  loginEnterprise(@Body() body: EnterpriseLoginDto): Promise<TokenDto> {
    return this.auth.loginEnterprise(body);
  }
}
