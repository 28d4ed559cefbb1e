import { TestSystem } from '../support/test-system';

export interface Tokens {
  officer: string;
  manager: string;
  admin: string;
}

/** The suite's business date starts here unless a suite says otherwise (set before the system starts). */
export const START_DATE = '2026-01-15';

/** Starts gateway + repayment with the business date at `startDate`, and signs the staff in. */
export async function startRepaymentSystem(label: string, startDate = START_DATE) {
  process.env.BUSINESS_DATE_START = startDate;
  const system = await TestSystem.start({ services: ['gateway', 'repayment'], label });
  const [officer, manager, admin] = await Promise.all([
    system.token('officer'),
    system.token('manager'),
    system.token('admin'),
  ]);
  return { system, tokens: { officer, manager, admin } as Tokens };
}

/** The HTTP calls the repayment suites make, with the right role for each. */
export class RepaymentApi {
  constructor(
    private readonly system: TestSystem,
    private readonly tokens: Tokens,
  ) {}

  closeOfBusiness(date: string, token = this.tokens.admin) {
    return this.system
      .http()
      .post('/api/admin/close-of-business')
      .set('Authorization', `Bearer ${token}`)
      .send({ date });
  }

  /** Closes up to `date` and expects it to work. */
  async closeTo(date: string): Promise<void> {
    const response = await this.closeOfBusiness(date);
    if (response.status !== 200) {
      throw new Error(`close to ${date}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  }

  async loan(id: string, token = this.tokens.officer) {
    const response = await this.system
      .http()
      .get(`/api/loans/${id}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    return response.body;
  }

  repay(
    loanId: string,
    body: { amount: unknown; paidOn: unknown; externalRef: unknown } & Record<string, unknown>,
    token = this.tokens.officer,
  ) {
    return this.system
      .http()
      .post(`/api/loans/${loanId}/repayments`)
      .set('Authorization', `Bearer ${token}`)
      .send(body);
  }

  writeOff(loanId: string, reason: unknown, token = this.tokens.manager) {
    return this.system
      .http()
      .post(`/api/loans/${loanId}/write-off`)
      .set('Authorization', `Bearer ${token}`)
      .send({ reason });
  }

  /** Events this service wrote to its outbox, oldest first. */
  async events<T = Record<string, unknown>>(type: string, loanId?: string) {
    const rows = await this.system.query<{ envelope: { payload: T } }>(
      `SELECT envelope FROM repayment.outbox WHERE type = $1
         AND ($2::text IS NULL OR envelope->>'aggregateId' = $2) ORDER BY seq`,
      [type, loanId ?? null],
    );
    return rows.map((row) => row.envelope.payload);
  }
}
