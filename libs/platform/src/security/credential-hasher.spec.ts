import { hash as bcryptHash } from 'bcryptjs';
import { hash as argon2Hash } from '@node-rs/argon2';
import { CredentialHasher } from './credential-hasher';

describe('CredentialHasher', () => {
  const hasher = new CredentialHasher();

  it('hashes with argon2id and the current parameters, never in clear', async () => {
    const stored = await hasher.hash('a-long-password-1');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored).not.toContain('a-long-password-1');
    expect(await hasher.verify(stored, 'a-long-password-1')).toBe(true);
    expect(await hasher.verify(stored, 'a-long-password-2')).toBe(false);
    expect(hasher.needsRehash(stored)).toBe(false);
  });

  it('still accepts a bcrypt hash of before, and asks for it to be replaced', async () => {
    const legacy = await bcryptHash('042917', 4);
    expect(await hasher.verify(legacy, '042917')).toBe(true);
    expect(await hasher.verify(legacy, '042918')).toBe(false);
    expect(hasher.needsRehash(legacy)).toBe(true);
  });

  it('asks to rehash argon2 hashes made with weaker settings', async () => {
    const weak = await argon2Hash('a-long-password-1', { memoryCost: 1024, timeCost: 1 });
    expect(await hasher.verify(weak, 'a-long-password-1')).toBe(true);
    expect(hasher.needsRehash(weak)).toBe(true);
  });

  it('refuses whatever is not a hash, and an unknown account, without throwing', async () => {
    expect(await hasher.verify('', 'x')).toBe(false);
    expect(await hasher.verify('not-a-hash', 'not-a-hash')).toBe(false);
    expect(hasher.needsRehash('not-a-hash')).toBe(true);
    expect(await hasher.verifyNothing('anything')).toBe(false);
  });
});
