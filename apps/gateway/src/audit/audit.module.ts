import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '../users/entities/user.entity';
import { AuditController } from './audit.controller';
import { AuditEntry } from './entities/audit-entry.entity';
import { AuditHook } from './services/audit-hook.service';
import { AuditRecorder } from './services/audit-recorder.service';
import { AuditTrail } from './services/audit-trail.service';
import { SignInSubjects } from './services/sign-in-subjects.service';

/** The append-only audit trail: written for every POST and PATCH, read at GET /api/audit. */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry, User])],
  controllers: [AuditController],
  providers: [AuditHook, AuditRecorder, AuditTrail, SignInSubjects],
  exports: [AuditTrail],
})
export class AuditModule {}
