import { Injectable } from '@nestjs/common';
import {
  ApplicationEvents,
  ApplicationStatus,
  ApplicationStatusChangedPayload,
  EventDraft,
  EventEnvelope,
  TimelineDetail,
} from '@qollqa/contracts';
import { OutboxService } from '@qollqa/messaging';
import { columnValues, WriteBatch } from '@qollqa/persistence';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Application } from '../entities/application.entity';
import { TimelineEntry } from '../entities/timeline-entry.entity';

export interface Transition {
  to: ApplicationStatus;
  by: string;
  note?: string | null;
  /** `note` is an English text the system wrote (for older clients), not a person's words. */
  noteBySystem?: boolean;
  /** What the system did at this step, coded, for every client to say in its own language. */
  detail?: TimelineDetail | null;
  /** The event that caused the transition, if any: the new event joins its correlation. */
  cause?: Pick<EventEnvelope, 'id' | 'correlationId'>;
}

/** An event about an application, before it is given the application's next version. */
export type ApplicationEventDraft<TPayload> = Omit<EventDraft<TPayload>, 'aggregateVersion'>;

/**
 * Moves an application to a new status the one way it is always done: the row, a timeline entry
 * and an `application.status_changed` event, all in the caller's transaction (in one statement). Every event about an
 * application goes out through here, one version newer than the last.
 */
@Injectable()
export class ApplicationTransitions {
  constructor(private readonly outbox: OutboxService) {}

  /**
   * `andAnnounce`, when given, makes the event that goes out after the status change (submitted,
   * approved) from the saved application: one version newer again, saved in the same write.
   */
  async move<TPayload>(
    manager: EntityManager,
    application: Application,
    transition: Transition,
    andAnnounce?: (saved: Application) => ApplicationEventDraft<TPayload>,
  ): Promise<TimelineEntry> {
    const from = application.status;
    application.status = transition.to;
    application.version += andAnnounce ? 2 : 1;
    // The row, its timeline entry and its events in one statement (a round trip each before).
    const writes = new WriteBatch();
    if (application.id) {
      writes.addBuilt(
        manager
          .createQueryBuilder()
          .update(Application)
          .set(columnValues(manager, Application, application))
          .where({ id: application.id }),
      );
    } else {
      // A new application: its id and times are given here, so the rest can name it at once.
      application.id = randomUUID();
      application.createdAt = application.updatedAt = new Date();
      writes.addBuilt(manager.createQueryBuilder().insert().into(Application).values(application));
    }
    const entry = manager.create(TimelineEntry, {
      applicationId: application.id,
      status: transition.to,
      at: new Date(),
      by: transition.by,
      note: transition.note ?? null,
      noteBySystem: Boolean(transition.note && transition.noteBySystem),
      detail: transition.detail ?? null,
    });
    writes.addBuilt(manager.createQueryBuilder().insert().into(TimelineEntry).values(entry));
    const draft = {
      type: ApplicationEvents.StatusChanged,
      aggregateId: application.id,
      aggregateVersion: andAnnounce ? application.version - 1 : application.version,
      payload: {
        applicationId: application.id,
        enterpriseId: application.enterpriseId,
        from: from ?? null,
        to: transition.to,
        by: transition.by,
        note: transition.note ?? null,
      } satisfies ApplicationStatusChangedPayload,
    };
    await this.outbox.add(
      manager,
      transition.cause ? OutboxService.causedBy(transition.cause, draft) : draft,
      writes,
    );
    if (andAnnounce) {
      await this.outbox.add(
        manager,
        { ...andAnnounce(application), aggregateVersion: application.version },
        writes,
      );
    }
    await writes.run(manager);
    return entry;
  }
}
