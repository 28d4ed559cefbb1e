/**
 * Whether an error says the database could not be reached or dropped the connection (it is
 * restarting, failing over, out of connections), as opposed to a query the database refused. Such
 * an error is the service being unavailable for a while (503, try again), never a bug (500).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 4; depth++) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || isUnavailableSqlState(code))) {
      return true;
    }
    if (typeof message === 'string' && LOST_CONNECTION.test(message)) return true;
    // TypeORM's own words for a connection its pool took back while a query waited on it.
    const { name } = cause as { name?: unknown };
    if (typeof name === 'string' && RELEASED_RUNNER.test(name)) return true;
    // TypeORM's QueryFailedError keeps the driver's error; an AggregateError its attempts'.
    cause =
      (cause as { driverError?: unknown }).driverError ??
      (cause as { errors?: unknown[] }).errors?.[0] ??
      (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** Socket errors of a connection attempt or of a connection that went away. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of an unavailable server: class 08 (connection exception), 57P01–57P03 (admin or crash
 * shutdown, cannot connect now: starting up or shutting down), 53300 (too many connections).
 */
function isUnavailableSqlState(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code) || code === '53300';
}

/** TypeORM's errors for a query runner whose connection went (QueryRunnerAlreadyReleasedError…). */
const RELEASED_RUNNER = /^QueryRunner(Provider)?AlreadyReleasedError$/;

/** node-postgres's own words for a connection it lost or could not get from its pool. */
const LOST_CONNECTION =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;
