import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { GATEWAY_KEYS, GatewayKeys } from '../secrets/gateway-keys';
import { ResponseCipher } from './response-cipher';

/** How long a key is remembered; after that the same key is a new request. */
const RETENTION = '24 hours';
/** A 'processing' record older than this belongs to a request that died: its key may be reused. */
const ABANDONED_AFTER = '2 minutes';

export type IdempotencyClaim =
  | { outcome: 'claimed' }
  | { outcome: 'in_progress' }
  | { outcome: 'mismatch' }
  | { outcome: 'unreadable' }
  | { outcome: 'replay'; status: number; body: unknown };

@Injectable()
export class IdempotencyService {
  private readonly cipher: ResponseCipher;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GATEWAY_KEYS) keys: GatewayKeys,
  ) {
    this.cipher = new ResponseCipher(keys.responseKey);
  }

  static requestHash(method: string, path: string, body: unknown): string {
    return createHash('sha256')
      .update(`${method} ${path}\n${canonicalJson(body)}`)
      .digest('hex');
  }

  /** Claims the key for this request, or says why not: its answer exists, it runs, or it differs. */
  async claim(principal: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const inserted = await this.dataSource.query(
      `INSERT INTO idempotency_record AS r (principal, key, request_hash, status) VALUES ($1, $2, $3, 'processing')
       ON CONFLICT (principal, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = 'processing',
         response_status = NULL, response_body = NULL, created_at = now(), completed_at = NULL
       WHERE r.created_at < now() - interval '${RETENTION}'
          OR (r.status = 'processing' AND r.created_at < now() - interval '${ABANDONED_AFTER}')
       RETURNING key`,
      [principal, key, requestHash],
    );
    if (inserted.length > 0) return { outcome: 'claimed' };
    const [record] = await this.dataSource.query(
      `SELECT request_hash, status, response_status, response_body FROM idempotency_record
       WHERE principal = $1 AND key = $2`,
      [principal, key],
    );
    if (!record) return this.claim(principal, key, requestHash); // removed meanwhile: try again
    if (record.request_hash !== requestHash) return { outcome: 'mismatch' };
    if (record.status === 'processing') return { outcome: 'in_progress' };
    let body: unknown;
    try {
      body = this.cipher.decrypt(record.response_body);
    } catch {
      // Encrypted under a key of before (the key derived from the JWT secret, until the upgrade):
      // the request was done, its answer can't be shown again, and it must not run twice.
      return { outcome: 'unreadable' };
    }
    return { outcome: 'replay', status: record.response_status, body };
  }

  async complete(principal: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_record SET status = 'completed', response_status = $3, response_body = $4,
         completed_at = now() WHERE principal = $1 AND key = $2`,
      [principal, key, status, this.cipher.encrypt(body)],
    );
  }

  /** The request failed in a way a retry may cure (5xx): forget the key. */
  async release(principal: string, key: string): Promise<void> {
    await this.dataSource.query(
      'DELETE FROM idempotency_record WHERE principal = $1 AND key = $2',
      [principal, key],
    );
  }
}

/** JSON with object keys sorted, so the same body always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
