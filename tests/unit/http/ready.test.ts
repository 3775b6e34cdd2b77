/**
 * `GET /api/ready`, a load balancer's readiness check: not ready until the node has read the content
 * snapshot and its first search index run after start has ended; a later publish that the index
 * has not caught up with yet never takes the node out of rotation.
 */
import { describe, expect, it } from 'vitest';
import type { ContentStore } from '../../../functions/cms/content-store.ts';
import { ready } from '../../../functions/health/health.ts';
import { HttpError } from '../../../functions/http/http-error.ts';

function store(version: number | null): ContentStore {
  return {
    current: () => (version === null ? null : { version, entries: () => [] }),
    refresh: async () => null,
    onChange: () => undefined,
    stop: async () => undefined,
  };
}

function problem(call: () => unknown): HttpError {
  try {
    call();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected a problem');
}

const request = new Request('http://localhost/api/ready');

describe('GET /api/ready', () => {
  it('is not ready before the snapshot is read, nor while the first search index is written', () => {
    const unread = problem(() => ready(request, { content: store(null), searchStarted: () => true }));
    expect([unread.status, unread.code, unread.headers?.['retry-after']]).toEqual([
      503,
      'content-not-read',
      '2',
    ]);
    const indexing = problem(() => ready(request, { content: store(3), searchStarted: () => false }));
    expect([indexing.status, indexing.code]).toEqual([503, 'search-index-building']);
  });

  it('is ready once the first index run has ended, whatever publishes follow', async () => {
    const response = ready(request, { content: store(7), searchStarted: () => true });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', contentVersion: 7 });
  });

  it('has nothing to wait for where no content store runs', async () => {
    const response = ready(request, {});
    expect(await response.json()).toEqual({ status: 'ready', contentVersion: null });
  });
});
