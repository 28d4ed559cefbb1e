// The family's page kept on the phone: what a copy holds and which stored values are shown. The
// module is a browser ES module; Node has no IndexedDB, which is also how a phone without storage
// behaves (the page works, only not offline).

/* eslint-disable @typescript-eslint/no-require-imports */
const copy = require('./family-copy.js') as {
  copyKey: (reference: unknown) => string;
  makeFamilyCopy: (
    reference: string,
    data: { applications: unknown[]; loans: Record<string, unknown> },
    now?: Date,
  ) => Record<string, unknown>;
  isFamilyCopy: (value: unknown) => boolean;
  saveFamilyCopy: (reference: string, data: object) => Promise<boolean>;
  readFamilyCopy: (reference: string) => Promise<unknown>;
  forgetFamilyCopy: (reference: string) => Promise<void>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const application = { id: 'a1', reference: 'QL-7K4M2P', status: 'disbursed', loanId: 'l1' };
const loan = { id: 'l1', principal: '6000.00', guaranteeFee: '63.00', payout: '5937.00' };

describe("the family's copy on the phone", () => {
  it('is kept under the reference the family signs in with, however it was written', () => {
    expect(copy.copyKey(' ql-7k4m2p ')).toBe('QL-7K4M2P');
    expect(copy.copyKey(undefined)).toBe('');
  });

  it('holds the answers as they came and when they were saved, and nothing else', () => {
    const saved = copy.makeFamilyCopy(
      'ql-7k4m2p',
      { applications: [application], loans: { l1: loan } },
      new Date('2026-12-02T15:15:00Z'),
    );
    expect(saved).toEqual({
      version: 1,
      reference: 'QL-7K4M2P',
      savedAt: '2026-12-02T15:15:00.000Z',
      applications: [application],
      loans: { l1: loan },
    });
    expect(JSON.stringify(saved)).not.toMatch(/pin|token/i);
    expect(copy.isFamilyCopy(saved)).toBe(true);
  });

  it('shows no stored value it cannot trust: another version, a bad date, missing parts', () => {
    const good = copy.makeFamilyCopy('QL-7K4M2P', { applications: [], loans: {} });
    expect(copy.isFamilyCopy({ ...good, version: 2 })).toBe(false);
    expect(copy.isFamilyCopy({ ...good, savedAt: 'yesterday' })).toBe(false);
    expect(copy.isFamilyCopy({ ...good, applications: null })).toBe(false);
    expect(copy.isFamilyCopy({ ...good, loans: undefined })).toBe(false);
    expect(copy.isFamilyCopy(null)).toBe(false);
    expect(copy.isFamilyCopy('QL-7K4M2P')).toBe(false);
  });

  it('never breaks the page on a device that cannot store it', async () => {
    expect(typeof (globalThis as { indexedDB?: unknown }).indexedDB).toBe('undefined');
    await expect(
      copy.saveFamilyCopy('QL-7K4M2P', { applications: [application], loans: {} }),
    ).resolves.toBe(false);
    await expect(copy.readFamilyCopy('QL-7K4M2P')).resolves.toBeNull();
    await expect(copy.forgetFamilyCopy('QL-7K4M2P')).resolves.toBeUndefined();
    await expect(copy.readFamilyCopy('')).resolves.toBeNull();
  });
});
