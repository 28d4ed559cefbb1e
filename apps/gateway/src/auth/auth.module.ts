import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { HttpErrorsModule } from '@qollqa/platform';
import { createSecretKey } from 'node:crypto';
import { GATEWAY_KEYS, GatewayKeys } from '../secrets/gateway-keys';
import { SecretsModule } from '../secrets/secrets.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './guards/auth.guard';
import { RetryAfterInterceptor } from './interceptors/retry-after.interceptor';
import { AccessTokens } from './services/access-tokens.service';
import { ChangeOwnPasswordService } from './services/change-own-password.service';
import { EnterpriseSignInService } from './services/enterprise-sign-in.service';
import { SignInLimits } from './services/sign-in-limits.service';
import { StaffSignInService } from './services/staff-sign-in.service';

@Module({
  imports: [
    // The renderer of error answers, for the sign-in routes' own (SignInFeedbackFilter).
    HttpErrorsModule,
    UsersModule,
    JwtModule.registerAsync({
      imports: [SecretsModule],
      inject: [GATEWAY_KEYS],
      useFactory: ({ jwtSecret }: GatewayKeys) => ({
        // A key object made once: given the bare secret, the JWT library first tries (and fails) to
        // parse it as a public key on every request, which cost the gateway ~15 % of its CPU.
        secret: createSecretKey(typeof jwtSecret === 'string' ? Buffer.from(jwtSecret) : jwtSecret),
        signOptions: { issuer: 'qollqa', algorithm: 'HS256' },
        verifyOptions: { issuer: 'qollqa', algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AccessTokens,
    SignInLimits,
    StaffSignInService,
    EnterpriseSignInService,
    ChangeOwnPasswordService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: RetryAfterInterceptor },
  ],
})
export class AuthModule {}
