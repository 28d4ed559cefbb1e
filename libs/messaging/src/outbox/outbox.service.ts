import { Injectable } from '@nestjs/common';
import { EventDraft, EventEnvelope } from '@qollqa/contracts';
import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { WriteBatch } from '@qollqa/persistence';
import { EntityManager } from 'typeorm';
import { RequestContext } from '../request-context/request-context';
import { markOutboxWritten } from './outbox-wake';

/**
 * Writes domain events into the service's outbox table. It must be given the EntityManager of the
 * transaction that makes the change: the event is stored if and only if the change commits. An
 * event written while a request is handled carries that request's id (`requestId`). The commit of
 * that transaction wakes a relay (outbox-wake.ts). Given a `WriteBatch`, the event's row goes into
 * it, and the caller runs the batch in that same transaction before it commits.
 */
const OUTBOX_ROW = 'outbox (event_id, type, envelope)';

@Injectable()
export class OutboxService {
  async add<TPayload>(
    manager: EntityManager,
    draft: EventDraft<TPayload>,
    batch?: WriteBatch,
  ): Promise<EventEnvelope<TPayload>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`Event ${draft.type} must be written inside the transaction of its change`);
    }
    if (!Number.isInteger(draft.aggregateVersion) || draft.aggregateVersion < 1) {
      throw new Error(`Event ${draft.type}: aggregateVersion must be a whole number from 1`);
    }
    if (draft.causationId && !isUUID(draft.causationId)) {
      throw new Error(`Event ${draft.type}: causationId must be an event or request id (a UUID)`);
    }
    const id = randomUUID();
    const requestId = RequestContext.requestId();
    const envelope: EventEnvelope<TPayload> = {
      id,
      type: draft.type,
      version: draft.version ?? 1,
      occurredAt: new Date().toISOString(),
      aggregateId: draft.aggregateId,
      aggregateVersion: draft.aggregateVersion,
      correlationId: draft.correlationId ?? id,
      causationId: draft.causationId ?? null,
      ...(requestId === undefined ? {} : { requestId }),
      payload: draft.payload,
    };
    const row = [id, envelope.type, JSON.stringify(envelope)];
    if (batch) batch.addRow(OUTBOX_ROW, row);
    else await manager.query(`INSERT INTO ${OUTBOX_ROW} VALUES ($1, $2, $3)`, row);
    markOutboxWritten(manager.queryRunner);
    return envelope;
  }

  /** Draft of an event caused by another one: same correlation, the cause's id as causation. */
  static causedBy<TPayload>(
    cause: Pick<EventEnvelope, 'id' | 'correlationId'>,
    draft: Omit<EventDraft<TPayload>, 'correlationId' | 'causationId'>,
  ): EventDraft<TPayload> {
    return { ...draft, correlationId: cause.correlationId, causationId: cause.id };
  }
}
