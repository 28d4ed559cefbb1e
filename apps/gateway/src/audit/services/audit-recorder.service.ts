import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isDatabaseUnavailable } from '@qollqa/persistence';
import { Repository } from 'typeorm';
import { AuditEntry } from '../entities/audit-entry.entity';

export type AuditRecord = Omit<AuditEntry, 'id' | 'seq'>;

/** A batch whose write failed is tried this many times in all, a second apart, before it is logged as lost. */
const WRITE_ATTEMPTS = 5;
const RETRY_AFTER_MS = 1000;

/**
 * Appends to the audit trail after the answer has gone: a write that fails is tried again and never
 * changes the answer. Entries are written one INSERT at a time, each with every entry that came while
 * the one before was written (alone when the gateway is quiet, many together under load — a
 * statement and a commit per batch, not per request), in the order they came. Entries not yet
 * written when the gateway stops are written first.
 */
@Injectable()
export class AuditRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditRecorder.name);
  private readonly described = new Set<Promise<void>>();
  private queue: AuditRecord[] = [];
  private writing: Promise<void> | null = null;

  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Records what `describe` resolves to (it may have to look up who signed in). */
  record(describe: () => Promise<AuditRecord>): void {
    const described = describe()
      .then(
        (record) => this.enqueue(record),
        (err) => this.logger.error(`An audit entry could not be described: ${message(err)}`),
      )
      .finally(() => this.described.delete(described));
    this.described.add(described);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.described]);
    await this.writing;
  }

  private enqueue(record: AuditRecord): void {
    this.queue.push(record);
    this.writing ??= this.writeQueued().finally(() => (this.writing = null));
  }

  /** Writes what is queued, then what came meanwhile, until nothing is left. */
  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      await this.write(batch);
    }
  }

  private async write(batch: AuditRecord[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.entries.insert(batch);
        return;
      } catch (err) {
        // Refused for what one entry holds, not for the database being away: the others go alone.
        if (batch.length > 1 && !isDatabaseUnavailable(err)) {
          for (const record of batch) await this.write([record]);
          return;
        }
        if (attempt >= WRITE_ATTEMPTS) {
          this.logger.error(
            `${batch.length} audit entries could not be written after ${attempt} attempts: ${message(err)}`,
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
      }
    }
  }
}

function message(err: unknown): string {
  return (err as Error)?.message ?? String(err);
}
