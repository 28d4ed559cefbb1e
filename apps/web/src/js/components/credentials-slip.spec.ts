// The family's code and PIN as the slip prints them.

/* eslint-disable @typescript-eslint/no-require-imports */
const slip = require('./credentials-slip.js') as {
  groupPin: (pin: unknown) => string;
  slipDataFrom: (created: unknown, fallbackOfficer: string) => Record<string, string>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

describe('the credentials slip', () => {
  it('prints the PIN in groups of three digits, easy to read aloud', () => {
    expect(slip.groupPin('410056')).toBe('410 056');
    expect(slip.groupPin('0071')).toBe('007 1');
    expect(slip.groupPin(' 482915 ')).toBe('482 915');
    expect(slip.groupPin('123')).toBe('123');
  });

  it('shows anything that is not digits as it came', () => {
    expect(slip.groupPin('')).toBe('');
    expect(slip.groupPin(undefined)).toBe('');
    expect(slip.groupPin('41-0056')).toBe('41-0056');
  });

  it("takes the family, the code and PIN and the officer's name from the API's answer", () => {
    const data = slip.slipDataFrom(
      {
        id: 'a1',
        reference: 'QL-7K4M2P',
        pin: '410056',
        createdAt: '2026-03-02T14:00:00.000Z',
        enterprise: { name: 'Familia Quispe Mamani' },
        request: { amount: '6000.00' },
        timeline: [{ status: 'submitted', by: 'officer', byName: 'Rosa Huamán' }],
      },
      'officer',
    );
    expect(data).toEqual({
      id: 'a1',
      reference: 'QL-7K4M2P',
      pin: '410056',
      name: 'Familia Quispe Mamani',
      amount: '6000.00',
      officer: 'Rosa Huamán',
      createdAt: '2026-03-02T14:00:00.000Z',
    });
    // An answer without the timeline's names: the officer's own session name.
    expect(slip.slipDataFrom({ reference: 'QL-7K4M2P', timeline: [] }, 'officer').officer).toBe(
      'officer',
    );
  });
});
