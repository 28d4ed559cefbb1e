import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { LoginAttempt } from '../auth/entities/login-attempt.entity';
import { User } from '../users/entities/user.entity';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { AuditTrail1764730000000 } from './migrations/1764730000000-audit-trail';

export const entities = [User, LoginAttempt, AuditEntry];
export const migrations = [InitialSchema1763800000000, AuditTrail1764730000000];
