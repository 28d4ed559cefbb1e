/**
 * The header that names one request from end to end: sent by a client (or given by the gateway),
 * echoed on every answer, carried in NATS request–reply headers to the services, written in every
 * log line about the request and in the envelope of the events it caused.
 */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A client's own request id: 1–128 printable characters of this set; anything else is replaced. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value);
}
