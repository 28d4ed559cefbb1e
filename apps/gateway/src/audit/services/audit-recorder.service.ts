import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditEntry } from '../entities/audit-entry.entity';

export type AuditRecord = Omit<AuditEntry, 'id' | 'seq'>;

/**
 * Appends to the audit trail after the answer has gone: a write that fails is logged and never
 * changes the answer. Writes still running when the gateway stops are awaited first.
 */
@Injectable()
export class AuditRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditRecorder.name);
  private readonly pending = new Set<Promise<void>>();

  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Records what `describe` resolves to (it may have to look up who signed in). */
  record(describe: () => Promise<AuditRecord>): void {
    const write = describe()
      .then((record) => this.entries.insert(record))
      .then(
        () => undefined,
        (err) =>
          this.logger.error(
            `An audit entry could not be written: ${(err as Error)?.message ?? err}`,
          ),
      )
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
