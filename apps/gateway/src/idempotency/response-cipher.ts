import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for stored responses: a replayed answer to POST /api/applications holds the PIN, which
 * must not sit in the database in clear text. The key is the gateway's own (see GatewayKeys).
 */
export class ResponseCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The response cipher needs a 32-byte key');
  }

  encrypt(value: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([
      cipher.update(JSON.stringify(value ?? null), 'utf8'),
      cipher.final(),
    ]);
    return [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64')).join('.');
  }

  decrypt(stored: string): unknown {
    const [iv, tag, data] = stored.split('.').map((part) => Buffer.from(part, 'base64'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return JSON.parse(Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8'));
  }
}
