import { loadServiceConfig } from './service-config';

describe('loadServiceConfig', () => {
  it('works on a developer machine with no environment at all', () => {
    const config = loadServiceConfig('applications', {});
    expect(config).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/qollqa',
      natsServers: ['nats://127.0.0.1:4222'],
      natsPrefix: 'qollqa',
      schema: 'applications',
      port: 3001, // the gateway's 3000 + its place in the list
      demoData: true,
    });
  });

  it("derives each service's port from PORT unless set one by one", () => {
    expect(loadServiceConfig('gateway', { PORT: '8080' }).port).toBe(8080);
    expect(loadServiceConfig('portfolio', { PORT: '8080' }).port).toBe(8085);
    expect(
      loadServiceConfig('credit-scoring', { PORT: '8080', CREDIT_SCORING_PORT: '9100' }).port,
    ).toBe(9100);
    expect(loadServiceConfig('credit-scoring', {}).schema).toBe('credit_scoring');
  });

  it('fails fast, naming every bad variable', () => {
    expect(() =>
      loadServiceConfig('gateway', {
        DATABASE_URL: 'mysql://x',
        PORT: 'eighty',
        NATS_PREFIX: 'Bad-Prefix',
      }),
    ).toThrow(/DATABASE_URL must be a postgres:\/\/ URL[\s\S]*NATS_PREFIX[\s\S]*PORT/);
  });

  it('never loads demo data in production, and wants a real JWT secret for the gateway there', () => {
    expect(() => loadServiceConfig('gateway', { NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET is required/,
    );
    expect(() =>
      loadServiceConfig('gateway', { NODE_ENV: 'production', JWT_SECRET: 'too-short' }),
    ).toThrow(/JWT_SECRET must be at least 32 characters/);
    const config = loadServiceConfig('gateway', {
      NODE_ENV: 'production',
      DEMO_DATA: 'true',
      JWT_SECRET: 'x'.repeat(40),
    });
    expect(config.demoData).toBe(false);
    expect(config.jwtSecret).toBe('x'.repeat(40));
    // The other services never sign or check a token: they start in production without it.
    expect(loadServiceConfig('repayment', { NODE_ENV: 'production' }).jwtSecret).toBeUndefined();
  });

  it('has no JWT secret of its own: without JWT_SECRET the gateway generates one at its first start', () => {
    expect(loadServiceConfig('gateway', {}).jwtSecret).toBeUndefined();
  });

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names (loopback by default)', () => {
    expect(loadServiceConfig('gateway', {}).trustProxy).toBe('loopback');
    expect(loadServiceConfig('gateway', { TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadServiceConfig('gateway', { TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toBe(
      '10.0.0.0/8,loopback',
    );
    expect(() => loadServiceConfig('gateway', { TRUST_PROXY: 'a b;c' })).toThrow(/TRUST_PROXY/);
  });
});
