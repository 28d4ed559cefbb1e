import { LoginAttempt } from '../auth/entities/login-attempt.entity';
import { User } from '../users/entities/user.entity';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';

export const entities = [User, LoginAttempt];
export const migrations = [InitialSchema1763800000000];
