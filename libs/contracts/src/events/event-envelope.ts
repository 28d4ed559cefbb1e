import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Min } from 'class-validator';

/** The envelope every domain event travels in (SPEC.md, "Events"). */
export interface EventEnvelope<TPayload = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  aggregateId: string;
  correlationId: string;
  causationId: string | null;
  payload: TPayload;
}

/** What a service hands to its outbox; the outbox fills in id and occurredAt. */
export interface EventDraft<TPayload = unknown> {
  type: string;
  version?: number;
  aggregateId: string;
  payload: TPayload;
  /** The event or request this one belongs to; a new chain starts when absent. */
  correlationId?: string;
  /** The id of the event or request that caused this one. */
  causationId?: string | null;
}

/**
 * Validated form of the envelope. Each event's class extends it and declares `payload` with its own
 * nested DTO, so a consumer's ValidationPipe checks envelope and payload in one go.
 */
export abstract class EventEnvelopeDto<TPayload = unknown> implements EventEnvelope<TPayload> {
  @IsUUID() id: string;
  @IsString() @Matches(/^[a-z_]+\.[a-z_.]+$/) type: string;
  @IsInt() @Min(1) version: number;
  @IsISO8601() occurredAt: string;
  @IsUUID() aggregateId: string;
  @IsUUID() correlationId: string;
  @IsOptional() @IsUUID() causationId: string | null;
  abstract payload: TPayload;
}
