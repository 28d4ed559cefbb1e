import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CredentialHasher } from '@qollqa/platform';
import { User } from './entities/user.entity';
import { CreateUserService } from './services/create-user.service';
import { DemoUsersService } from './services/demo-users.service';
import { ListUsersService } from './services/list-users.service';
import { PasswordStore } from './services/password-store.service';
import { ResetPasswordService } from './services/reset-password.service';
import { StaffCredentials } from './services/staff-credentials.service';
import { StaffNames } from './services/staff-names.service';
import { StaffSessions } from './services/staff-sessions.service';
import { UpdateUserService } from './services/update-user.service';
import { UsersController } from './users.controller';

@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [UsersController],
  providers: [
    CredentialHasher,
    CreateUserService,
    ListUsersService,
    UpdateUserService,
    ResetPasswordService,
    PasswordStore,
    StaffCredentials,
    StaffSessions,
    StaffNames,
    DemoUsersService,
  ],
  exports: [CreateUserService, PasswordStore, StaffCredentials, StaffSessions, StaffNames],
})
export class UsersModule {}
