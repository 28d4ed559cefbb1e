import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { GATEWAY_KEYS, GatewayKeys } from '../secrets/gateway-keys';
import { ResponseCipher } from './response-cipher';

/** How long a key is remembered; after that the same key is a new request. */
export const IDEMPOTENCY_RETENTION = '24 hours';

export type IdempotencyClaim =
  | { outcome: 'claimed' }
  | { outcome: 'in_progress' }
  | { outcome: 'mismatch' }
  | { outcome: 'unreadable' }
  | { outcome: 'replay'; status: number; body: unknown };

@Injectable()
export class IdempotencyService {
  private readonly cipher: ResponseCipher;
  /**
   * A key in flight is a lease of this many milliseconds that its request renews (`renew`) while it
   * runs: once the lease runs out its request is gone (its gateway died) and a retry may take the key.
   */
  readonly leaseMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GATEWAY_KEYS) keys: GatewayKeys,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.cipher = new ResponseCipher(keys.responseKey);
    this.leaseMs = config.idempotencyLeaseMs;
  }

  static requestHash(method: string, path: string, body: unknown): string {
    return createHash('sha256')
      .update(`${method} ${path}\n${canonicalJson(body)}`)
      .digest('hex');
  }

  /** Claims the key for this request, or says why not: its answer exists, it runs, or it differs. */
  async claim(principal: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    // A dead request's key is taken over only with the same request: the service behind it then
    // finds what that request committed (each command is idempotent there) or does it.
    const inserted = await this.dataSource.query(
      `INSERT INTO idempotency_record AS r (principal, key, request_hash, status, lease_until)
       VALUES ($1, $2, $3, 'processing', now() + $4 * interval '1 millisecond')
       ON CONFLICT (principal, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = 'processing',
         response_status = NULL, response_body = NULL, created_at = now(), completed_at = NULL,
         lease_until = EXCLUDED.lease_until
       WHERE r.created_at < now() - interval '${IDEMPOTENCY_RETENTION}'
          OR (r.status = 'processing' AND r.lease_until < now() AND r.request_hash = EXCLUDED.request_hash)
       RETURNING key`,
      [principal, key, requestHash, this.leaseMs],
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

  /** The request holding the key still runs: its lease goes on. */
  async renew(principal: string, key: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_record SET lease_until = now() + $3 * interval '1 millisecond'
       WHERE principal = $1 AND key = $2 AND status = 'processing'`,
      [principal, key, this.leaseMs],
    );
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
