import { randomBytes } from 'node:crypto';
import { IdempotencyService } from './idempotency.service';
import { ResponseCipher } from './response-cipher';

describe('Idempotency keys', () => {
  it('hashes the same body the same whatever the order of its fields', () => {
    const a = IdempotencyService.requestHash('POST', '/api/applications', {
      request: { amount: '1.00', termMonths: 3 },
      z: [1, 2],
    });
    const b = IdempotencyService.requestHash('POST', '/api/applications', {
      z: [1, 2],
      request: { termMonths: 3, amount: '1.00' },
    });
    expect(a).toBe(b);
  });

  it('tells another body, another route and another array order apart', () => {
    const base = IdempotencyService.requestHash('POST', '/api/applications', { amount: '1.00' });
    expect(
      IdempotencyService.requestHash('POST', '/api/applications', { amount: '1.01' }),
    ).not.toBe(base);
    expect(
      IdempotencyService.requestHash('POST', '/api/funds/guarantee/capital', { amount: '1.00' }),
    ).not.toBe(base);
    expect(IdempotencyService.requestHash('POST', '/x', { a: [1, 2] })).not.toBe(
      IdempotencyService.requestHash('POST', '/x', { a: [2, 1] }),
    );
  });
});

describe('ResponseCipher', () => {
  const cipher = new ResponseCipher(randomBytes(32));

  it('gives back the stored response, and never holds it in clear text', () => {
    const stored = cipher.encrypt({ reference: 'QL-7K4M2P', pin: '042917' });
    expect(stored).not.toContain('042917');
    expect(cipher.decrypt(stored)).toEqual({ reference: 'QL-7K4M2P', pin: '042917' });
  });

  it('refuses a stored response that was tampered with', () => {
    const [iv, tag, data] = cipher.encrypt({ pin: '042917' }).split('.');
    const forged = Buffer.from(data, 'base64');
    forged[0] ^= 1;
    expect(() => cipher.decrypt([iv, tag, forged.toString('base64')].join('.'))).toThrow();
    expect(() => new ResponseCipher(randomBytes(32)).decrypt([iv, tag, data].join('.'))).toThrow();
  });

  it('wants a key of 32 bytes', () => {
    expect(() => new ResponseCipher(randomBytes(16))).toThrow(/32-byte key/);
  });
});
