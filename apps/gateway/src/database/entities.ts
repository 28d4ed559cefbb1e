import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { SignInAttempt } from '../auth/entities/sign-in-attempt.entity';
import { SignInLock } from '../auth/entities/sign-in-lock.entity';
import { GatewaySecret } from '../secrets/entities/gateway-secret.entity';
import { User } from '../users/entities/user.entity';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { AuditTrail1764730000000 } from './migrations/1764730000000-audit-trail';
import { StaffAccountsAndSecrets1764731000000 } from './migrations/1764731000000-staff-accounts-and-secrets';
import { IdempotencyLease1764870000000 } from './migrations/1764870000000-idempotency-lease';

export const entities = [User, SignInAttempt, SignInLock, GatewaySecret, AuditEntry];
export const migrations = [
  InitialSchema1763800000000,
  AuditTrail1764730000000,
  StaffAccountsAndSecrets1764731000000,
  IdempotencyLease1764870000000,
];
