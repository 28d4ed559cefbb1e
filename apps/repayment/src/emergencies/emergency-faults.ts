import { Injectable } from '@nestjs/common';

/** Where an emergency's declaration may be stopped by a test, as a crash there would stop it. */
export type EmergencyFaultPoint = 'after-loan';

export class SimulatedEmergencyCrash extends Error {
  constructor(point: EmergencyFaultPoint) {
    super(`simulated crash at ${point}`);
  }
}

/**
 * Lets a test stop a declaration half-way — `after-loan`: once a loan's own transaction has
 * committed, the next loans untouched — as the service dying there would. Inert unless armed.
 */
@Injectable()
export class EmergencyFaults {
  private readonly armed = new Map<EmergencyFaultPoint, number>();

  /** The `times`-th time the point is reached, the declaration stops there. */
  arm(point: EmergencyFaultPoint, times = 1): void {
    this.armed.set(point, times);
  }

  reach(point: EmergencyFaultPoint): void {
    const remaining = this.armed.get(point);
    if (remaining === undefined) return;
    if (remaining > 1) {
      this.armed.set(point, remaining - 1);
      return;
    }
    this.armed.delete(point);
    throw new SimulatedEmergencyCrash(point);
  }
}
