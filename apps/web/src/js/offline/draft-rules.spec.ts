// The life of a draft of a new application: what each answer of the API does to it, and which
// drafts go when the signal comes back. The module is a browser ES module of plain functions.

/* eslint-disable @typescript-eslint/no-require-imports */
const rules = require('./draft-rules.js') as {
  newDraft: (init: object) => Draft;
  edited: (draft: Draft, values: object, now: string) => Draft;
  queued: (draft: Draft, now: string) => Draft;
  sending: (draft: Draft, bodyJson: string) => Draft;
  verdictOf: (answer: object, context?: { sentEarlierBody?: boolean }) => string;
  endsRound: (verdict: string) => boolean;
  afterVerdict: (
    draft: Draft,
    verdict: string,
    details: { refusal?: object | null; newKey: () => string },
  ) => Draft | null;
  toSend: (drafts: Draft[], context: { owner: string; inFlight?: Set<string> }) => Draft[];
  draftsOf: (drafts: Draft[], owner: string) => Draft[];
};
/* eslint-enable @typescript-eslint/no-require-imports */

type Draft = {
  id: string;
  owner: string;
  key: string;
  keyBody: string | null;
  values: Record<string, unknown>;
  state: string;
  refusal: { status: number; body: unknown } | null;
  problem: string | null;
  createdAt: string;
  savedAt: string;
  queuedAt: string | null;
  attempts: number;
};

const KEY = '7d3c1f0e-2b4a-4c6d-8e9f-0a1b2c3d4e5f';
const FRESH = '0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';

function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    ...rules.newDraft({
      id: 'd1',
      key: KEY,
      owner: 'officer',
      values: { name: 'Familia Quispe Mamani', amount: '6000' },
      now: '2026-03-02T14:00:00.000Z',
    }),
    ...overrides,
  };
}

describe('a draft as the officer types and submits it', () => {
  it('starts being edited, with its own key and nothing sent yet', () => {
    expect(draft()).toEqual({
      id: 'd1',
      owner: 'officer',
      key: KEY,
      keyBody: null,
      values: { name: 'Familia Quispe Mamani', amount: '6000' },
      state: 'editing',
      refusal: null,
      problem: null,
      createdAt: '2026-03-02T14:00:00.000Z',
      savedAt: '2026-03-02T14:00:00.000Z',
      queuedAt: null,
      attempts: 0,
    });
  });

  it('waits to be sent once submitted, and goes back to editing when changed', () => {
    const waiting = rules.queued(draft(), '2026-03-02T14:05:00.000Z');
    expect(waiting.state).toBe('waiting');
    expect(waiting.queuedAt).toBe('2026-03-02T14:05:00.000Z');
    const changed = rules.edited(waiting, { name: 'Familia Quispe' }, '2026-03-02T14:06:00.000Z');
    expect(changed.state).toBe('editing');
    expect(changed.savedAt).toBe('2026-03-02T14:06:00.000Z');
    expect(changed.key).toBe(KEY); // the same draft, the same key
  });

  it('remembers the first body sent under its key, and counts the attempts', () => {
    const first = rules.sending(rules.queued(draft(), 'now'), '{"v":1}');
    expect(first).toMatchObject({ state: 'sending', keyBody: '{"v":1}', attempts: 1 });
    const second = rules.sending({ ...first, state: 'waiting' }, '{"v":2}');
    expect(second).toMatchObject({ keyBody: '{"v":1}', attempts: 2 });
  });
});

describe('what an answer of the API means for a draft', () => {
  it('is sent with a 201', () => {
    expect(rules.verdictOf({ ok: true })).toBe('sent');
    expect(rules.afterVerdict(draft({ state: 'sending' }), 'sent', { newKey: () => FRESH })).toBe(
      null,
    );
  });

  it('waits, with the same key, when no answer came (no signal, a lost answer, a timeout)', () => {
    expect(rules.verdictOf({ status: 0 })).toBe('offline');
    const after = rules.afterVerdict(draft({ state: 'sending', keyBody: '{}' }), 'offline', {
      newKey: () => FRESH,
    });
    expect(after).toMatchObject({ state: 'waiting', key: KEY, keyBody: '{}', problem: 'offline' });
    expect(rules.endsRound('offline')).toBe(true);
  });

  it('waits for the next sign-in when the session ended (401)', () => {
    expect(rules.verdictOf({ status: 401, code: 'UNAUTHORIZED' })).toBe('signedOut');
    const after = rules.afterVerdict(draft({ state: 'sending' }), 'signedOut', {
      newKey: () => FRESH,
    });
    expect(after).toMatchObject({ state: 'waiting', key: KEY, problem: 'signedOut' });
    expect(rules.endsRound('signedOut')).toBe(true);
  });

  it('waits while the server is still processing the same key (409), and tries the next one', () => {
    expect(rules.verdictOf({ status: 409, code: 'IDEMPOTENCY_KEY_IN_PROGRESS' })).toBe('busy');
    expect(rules.endsRound('busy')).toBe(false);
    expect(
      rules.afterVerdict(draft({ state: 'sending' }), 'busy', { newKey: () => FRESH }),
    ).toMatchObject({ state: 'waiting', key: KEY, problem: 'busy' });
  });

  it('waits when the server is in trouble or asks to slow down (5xx, 429, 408)', () => {
    for (const status of [500, 502, 503, 504, 429, 408])
      expect(rules.verdictOf({ status })).toBe('server');
    expect(rules.endsRound('server')).toBe(true);
  });

  it('is refused with a 4xx: kept with the reason, and a fresh key for the corrected version', () => {
    const refusal = {
      status: 422,
      body: { statusCode: 422, code: 'OUTSIDE_PRODUCT_LIMITS', message: 'amount over the limit' },
    };
    for (const status of [400, 403, 404, 413, 422])
      expect(rules.verdictOf({ status, code: 'X' })).toBe('refused');
    expect(rules.verdictOf({ status: 409, code: 'NOT_AWAITING_DECISION' })).toBe('refused');
    const after = rules.afterVerdict(draft({ state: 'sending', keyBody: '{"v":1}' }), 'refused', {
      refusal,
      newKey: () => FRESH,
    });
    expect(after).toMatchObject({ state: 'refused', refusal, key: FRESH, keyBody: null });
    expect(rules.endsRound('refused')).toBe(false);
  });

  it('asks for the first answer when another version already went under its key', () => {
    const reused = { status: 422, code: 'IDEMPOTENCY_KEY_REUSED' };
    expect(rules.verdictOf(reused, { sentEarlierBody: true })).toBe('replayFirst');
    // Without an earlier version of its own, the key's other body is no draft of this one.
    expect(rules.verdictOf(reused, { sentEarlierBody: false })).toBe('refused');
  });

  it("keeps the officer's changes when they edited it while it was on its way", () => {
    const after = rules.afterVerdict(draft({ state: 'editing' }), 'offline', {
      newKey: () => FRESH,
    });
    expect(after?.state).toBe('editing');
  });
});

describe('which drafts go, and who sees them', () => {
  const drafts = [
    draft({ id: 'late', state: 'waiting', queuedAt: '2026-03-02T15:00:00.000Z' }),
    draft({ id: 'early', state: 'waiting', queuedAt: '2026-03-02T14:00:00.000Z' }),
    draft({ id: 'left-mid-way', state: 'sending', queuedAt: '2026-03-02T14:30:00.000Z' }),
    draft({ id: 'typing', state: 'editing' }),
    draft({ id: 'to-fix', state: 'refused' }),
    draft({ id: 'colleague', owner: 'officer2', state: 'waiting' }),
  ];

  it("sends the officer's waiting drafts, oldest request first, one not already on its way", () => {
    expect(rules.toSend(drafts, { owner: 'officer' }).map((d) => d.id)).toEqual([
      'early',
      'left-mid-way',
      'late',
    ]);
    expect(
      rules.toSend(drafts, { owner: 'officer', inFlight: new Set(['early']) }).map((d) => d.id),
    ).toEqual(['left-mid-way', 'late']);
  });

  it("never shows or sends another officer's drafts on a shared phone", () => {
    expect(rules.toSend(drafts, { owner: 'officer2' }).map((d) => d.id)).toEqual(['colleague']);
    expect(rules.draftsOf(drafts, 'officer').map((d) => d.id)).not.toContain('colleague');
    expect(rules.draftsOf(drafts, 'officer3')).toEqual([]);
  });

  it('lists the most recently saved first', () => {
    const list = rules.draftsOf(
      [
        draft({ id: 'a', savedAt: '2026-03-02T10:00:00.000Z' }),
        draft({ id: 'b', savedAt: '2026-03-02T12:00:00.000Z' }),
      ],
      'officer',
    );
    expect(list.map((d) => d.id)).toEqual(['b', 'a']);
  });
});
