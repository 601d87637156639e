import { AsyncLocalStorage } from 'async_hooks';
import { randomUUID } from 'crypto';

export interface RequestContext {
  requestId: string;
}

/** The request being served, reachable from any code it calls (the logger reads it for every line). */
const storage = new AsyncLocalStorage<RequestContext>();

export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Visible characters only, bounded: an id that could forge log lines or bloat them is replaced. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * The id of a request: the one a trusted proxy sent, if it is sane, or a new UUID. An untrusted
 * client's id is ignored, so nobody can make their requests look like someone else's in the logs.
 */
export function requestIdFor(incoming: string | undefined, trustIncoming: boolean): string {
  if (trustIncoming && incoming && SANE_REQUEST_ID.test(incoming)) return incoming;
  return randomUUID();
}
