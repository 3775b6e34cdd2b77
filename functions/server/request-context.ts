/**
 * Which request the server is answering, for log lines written deep inside code that does not know
 * (Astro's renderer, a library): the request id and route, nothing that came with the request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogFields } from '../http/logger.ts';

const requests = new AsyncLocalStorage<{ requestId: string; route: string }>();

export function withRequest<T>(request: { requestId: string; route: string }, run: () => T): T {
  return requests.run(request, run);
}

export function currentRequest(): LogFields | undefined {
  return requests.getStore();
}
