import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Min } from 'class-validator';
import { REQUEST_ID_PATTERN } from '../tracing/request-id';

/** The envelope every domain event travels in (SPEC.md, "Events"). */
export interface EventEnvelope<TPayload = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  aggregateId: string;
  /**
   * The aggregate's version after the change this event reports: it grows by one with each event of
   * the aggregate and is written in the same transaction as the change. A consumer that keeps state
   * copied from the aggregate applies it only when the event is newer than what it holds.
   */
  aggregateVersion: number;
  correlationId: string;
  causationId: string | null;
  /**
   * The X-Request-Id of the HTTP request whose handling wrote this event, directly or through the
   * events it caused; absent for work no request started (a scheduled close, a database trigger).
   */
  requestId?: string;
  payload: TPayload;
}

/** What a service hands to its outbox; the outbox fills in id and occurredAt. */
export interface EventDraft<TPayload = unknown> {
  type: string;
  version?: number;
  aggregateId: string;
  /** See EventEnvelope.aggregateVersion; an aggregate with a single event (a close) says 1. */
  aggregateVersion: number;
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
  @IsInt() @Min(1) aggregateVersion: number;
  @IsUUID() correlationId: string;
  @IsOptional() @IsUUID() causationId: string | null;
  @IsOptional() @IsString() @Matches(REQUEST_ID_PATTERN) requestId?: string;
  abstract payload: TPayload;
}
