import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { EventEnvelope } from '@qollqa/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { ConsumerFaults } from '../faults/consumer-faults';

/**
 * Makes an event handler idempotent: the handler's effect and the record "this consumer processed
 * this event id" commit in one transaction. A redelivered event finds its record and does nothing;
 * two replicas handling the same event at once serialise on the record's primary key.
 */
@Injectable()
export class InboxService {
  private readonly faults: ConsumerFaults;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    this.faults = ConsumerFaults.of(config.natsPrefix, config.service);
  }

  /** Runs `effect` once per event id; returns false when the event had already been processed. */
  async processOnce(
    event: Pick<EventEnvelope, 'id' | 'type' | 'aggregateId'>,
    effect: (manager: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager.query(
        `INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.config.service, event.id, event.type],
      );
      if (inserted.length === 0) return false;
      await effect(manager);
      await this.faults.beforeCommit(event);
      return true;
    });
  }
}
