import { headers as natsHeaders, MsgHdrs } from '@nats-io/nats-core';
import { isRequestId, REQUEST_ID_HEADER } from '@qollqa/contracts';
import { CLS_ID, ClsServiceManager } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';

/**
 * The request being handled, kept in nestjs-cls's async context (AsyncLocalStorage) rather than
 * passed from call to call: the gateway opens it for each HTTP request, a service for each
 * request–reply message (from the NATS header) and each event (from its envelope). Logs, the
 * request–reply client and the outbox read the request id from here.
 */
export const RequestContext = {
  /** The id of the request this code runs for, or undefined outside any request. */
  requestId(): string | undefined {
    const cls = ClsServiceManager.getClsService();
    return cls.isActive() ? (cls.getId() ?? undefined) : undefined;
  },

  /** Runs `work` in a context of its own, for the request `requestId` (or for none). */
  run<T>(requestId: string | undefined, work: () => T): T {
    const store = requestId === undefined ? {} : { [CLS_ID]: requestId };
    return ClsServiceManager.getClsService().runWith(store, work);
  },

  /** A client's request id when it is well-formed, else a new one (a UUID). */
  accept(value: unknown): string {
    return isRequestId(value) ? value : randomUUID();
  },

  /** NATS headers that carry the current request id, or undefined outside a request. */
  natsHeaders(): MsgHdrs | undefined {
    const requestId = RequestContext.requestId();
    if (requestId === undefined) return undefined;
    const headers = natsHeaders();
    headers.set(REQUEST_ID_HEADER, requestId);
    return headers;
  },

  /** The request id a NATS message carries, if it is well-formed. */
  fromNatsHeaders(headers: MsgHdrs | undefined): string | undefined {
    const value = headers?.get(REQUEST_ID_HEADER);
    return isRequestId(value) ? value : undefined;
  },
};
