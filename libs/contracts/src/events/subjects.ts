/**
 * NATS naming. Every subject starts with the deployment's prefix (NATS_PREFIX, default `qollqa`), so
 * test suites and deployments sharing one NATS server never see each other's messages.
 */
export const subjects = {
  /** JetStream stream that keeps every domain event. */
  eventStream: (prefix: string) => `${prefix.toUpperCase()}_EVENTS`,
  /** JetStream stream of events a consumer gave up on. */
  deadLetterStream: (prefix: string) => `${prefix.toUpperCase()}_DEAD_LETTERS`,
  /** Subject of a domain event: `qollqa.events.application.submitted`. */
  event: (prefix: string, type: string) => `${prefix}.events.${type}`,
  allEvents: (prefix: string) => `${prefix}.events.>`,
  /** Subject a consumer's rejected events go to: `qollqa.dead.credit-scoring.application.submitted`. */
  deadLetter: (prefix: string, consumer: string, type: string) =>
    `${prefix}.dead.${consumer}.${type}`,
  allDeadLetters: (prefix: string) => `${prefix}.dead.>`,
  /** Subject of a request–reply pattern: `qollqa.rpc.applications.get`. */
  rpc: (prefix: string, pattern: string) => `${prefix}.rpc.${pattern}`,
};
