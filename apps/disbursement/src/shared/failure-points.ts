import { Injectable } from '@nestjs/common';

/** The lines of a payout where a crash must leave the books right (tested by arming them). */
export type FailurePoint =
  'after-reservation' | 'after-ledger-write' | 'after-loan-creation' | 'after-event-written';

export class SimulatedCrash extends Error {
  constructor(point: FailurePoint) {
    super(`simulated crash at ${point}`);
  }
}

/**
 * Lets a test stop the disbursement flow at a named line, as a crash there would: the database
 * transaction in progress rolls back and the event is not acknowledged. Inert unless armed.
 */
@Injectable()
export class FailurePoints {
  private readonly armed = new Map<FailurePoint, number>();

  arm(point: FailurePoint, times = 1): void {
    this.armed.set(point, times);
  }

  reach(point: FailurePoint): void {
    const remaining = this.armed.get(point) ?? 0;
    if (remaining <= 0) return;
    this.armed.set(point, remaining - 1);
    throw new SimulatedCrash(point);
  }
}
