import { RequestContext } from '@qollqa/messaging';

/**
 * pino's mixin: every log line written while a request is handled names it (`requestId`), in the
 * gateway and in each service that handles its messages or the events it caused.
 */
export function requestIdLogFields(): { requestId?: string } {
  const requestId = RequestContext.requestId();
  return requestId === undefined ? {} : { requestId };
}
