import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * The gateway's generated secrets, kept in its schema. The first replica to start inserts a random
 * value; every other replica (and every later start) reads that one: insert-if-absent, then read, so
 * two replicas starting at once end with the same secret.
 */
@Injectable()
export class GatewaySecrets {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async obtain(name: string, bytes: number): Promise<Buffer> {
    await this.dataSource.query(
      'INSERT INTO gateway_secret (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
      [name, randomBytes(bytes).toString('base64')],
    );
    const [row] = await this.dataSource.query<{ value: string }[]>(
      'SELECT value FROM gateway_secret WHERE name = $1',
      [name],
    );
    return Buffer.from(row.value, 'base64');
  }
}
