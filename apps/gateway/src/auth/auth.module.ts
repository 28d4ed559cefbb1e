import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginAttempt } from './entities/login-attempt.entity';
import { AuthGuard } from './guards/auth.guard';
import { LoginAttemptsService } from './login-attempts.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, LoginAttempt]),
    JwtModule.registerAsync({
      inject: [SERVICE_CONFIG],
      useFactory: (config: ServiceConfig) => ({
        secret: config.jwtSecret,
        signOptions: { issuer: 'qollqa' },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    UsersService,
    LoginAttemptsService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersService],
})
export class AuthModule {}
