import { RetentionRule } from '@qollqa/persistence';
import { SIGN_IN_WINDOW } from '../auth/services/sign-in-limits.service';
import { IDEMPOTENCY_RETENTION } from '../idempotency/idempotency.service';

/**
 * What the gateway forgets (README, "Retention"): an Idempotency-Key's record once its 24 hours are
 * over (the same key is then a new request anyway), and sign-in attempts and locks once they no
 * longer count towards a limit. The audit trail is never purged.
 */
export const GATEWAY_RETENTION: RetentionRule[] = [
  {
    name: 'idempotency records after 24 hours',
    table: 'idempotency_record',
    where: `created_at < now() - interval '${IDEMPOTENCY_RETENTION}'`,
  },
  {
    name: 'sign-in attempts out of their window',
    table: 'sign_in_attempt',
    where: `at < now() - ${SIGN_IN_WINDOW}`,
  },
  { name: 'sign-in locks ended', table: 'sign_in_lock', where: 'locked_until < now()' },
];
