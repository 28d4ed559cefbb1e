import { eventually } from './eventually';
import { TestSystem } from './test-system';

/**
 * What the programme's staff do through the public API, for the suites that walk a whole journey:
 * register an application and wait for its score, decide it (with a fund manager's second approval
 * when it needs one), move fund money, read what a user would read.
 */
export class StaffClient {
  private constructor(
    private readonly system: TestSystem,
    readonly tokens: { officer: string; manager: string; admin: string },
  ) {}

  static async signIn(system: TestSystem): Promise<StaffClient> {
    const [officer, manager, admin] = await Promise.all([
      system.token('officer'),
      system.token('manager'),
      system.token('admin'),
    ]);
    return new StaffClient(system, { officer, manager, admin });
  }

  as(role: keyof StaffClient['tokens']) {
    const token = this.tokens[role];
    return {
      get: (path: string) => this.system.http().get(path).set('Authorization', `Bearer ${token}`),
      post: (path: string, body: object) =>
        this.system.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    };
  }

  async application(id: string) {
    return (await this.as('officer').get(`/api/applications/${id}`).expect(200)).body;
  }

  async funds() {
    return (await this.as('manager').get('/api/funds').expect(200)).body;
  }

  addGuaranteeCapital(amount: string, reference: string) {
    return this.as('manager')
      .post('/api/funds/guarantee/capital', { amount, reference })
      .expect(201);
  }

  addInnovationBudget(amount: string, reference: string) {
    return this.as('manager')
      .post('/api/funds/innovation/budget', { amount, reference })
      .expect(201);
  }

  /** Registers the application and waits until credit-scoring has scored it. Returns its id. */
  async registerScored(body: object): Promise<string> {
    const { body: created } = await this.as('officer').post('/api/applications', body).expect(201);
    await eventually(async () =>
      expect((await this.application(created.id)).status).toBe('in_review'),
    );
    return created.id;
  }

  /** The officer approves; a large loan gets the fund manager's second approval too. */
  async approve(id: string, reason = 'Visited the farm'): Promise<void> {
    const decided = await this.as('officer')
      .post(`/api/applications/${id}/decision`, { decision: 'approve', reason })
      .expect(200);
    if (decided.body.status === 'awaiting_second_approval') {
      await this.as('manager')
        .post(`/api/applications/${id}/decision`, { decision: 'approve' })
        .expect(200);
    }
  }

  /** Waits until the application reaches `status`, and returns it. */
  waitForStatus(id: string, status: string) {
    return eventually(async () => {
      const application = await this.application(id);
      expect(application.status).toBe(status);
      return application;
    });
  }

  /** Registers, approves and waits until the loan is paid out and open; returns the loan's id. */
  async payOut(body: object): Promise<string> {
    const id = await this.registerScored(body);
    await this.approve(id);
    const { loanId } = await this.waitForStatus(id, 'disbursed');
    await eventually(async () =>
      expect((await this.as('officer').get(`/api/loans/${loanId}`)).status).toBe(200),
    );
    return loanId;
  }
}
