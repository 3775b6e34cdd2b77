import { describe, expect, it } from 'vitest';
import { createRebuildQueue } from '../../../functions/cms/rebuild-queue.ts';
import { deployHookBuilder } from '../../../functions/cms/site-builders.ts';
import { createLogger } from '../../../functions/http/logger.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('rebuild queue', () => {
  it('coalesces publishes during a build into exactly one more build', async () => {
    const gates = [deferred(), deferred()];
    let builds = 0;
    const queue = createRebuildQueue(
      'in-process',
      async () => {
        await gates[builds++]!.promise;
      },
      createLogger('silent'),
    );
    expect(queue.request()).toBe('started');
    for (let i = 0; i < 5; i++) expect(queue.request()).toBe('queued');
    expect(queue.status()).toMatchObject({ state: 'building', pending: true });
    gates[0]!.resolve();
    await new Promise((r) => setTimeout(r, 10));
    expect(builds).toBe(2);
    expect(queue.status()).toMatchObject({ state: 'building', pending: false });
    gates[1]!.resolve();
    await queue.idle();
    expect(builds).toBe(2);
    expect(queue.status()).toMatchObject({ state: 'idle', pending: false, builds: 2, failures: 0 });
  });

  it('keeps working after a failed build and shows why it failed', async () => {
    let fail = true;
    const lines: string[] = [];
    const queue = createRebuildQueue(
      'deploy-hook',
      async () => {
        if (fail) throw new Error('Sanity document "guide.x.en" (guides/x/en) is not valid');
      },
      createLogger('info', (l) => lines.push(l)),
    );
    queue.request();
    await queue.idle();
    expect(queue.status()).toMatchObject({ failures: 1, builds: 0 });
    expect(queue.status().lastError).toContain('guide.x.en');
    // The log says that it failed, not what the content was.
    expect(lines.join('')).not.toContain('guide.x.en');
    fail = false;
    expect(queue.request()).toBe('started');
    await queue.idle();
    expect(queue.status()).toMatchObject({ failures: 1, builds: 1, lastError: undefined });
  });
});

describe('deploy hook', () => {
  it('POSTs to the hook and fails the build when the host refuses', async () => {
    const calls: { url: string; method?: string }[] = [];
    let status = 201;
    const fetcher = (async (url: string, init?: RequestInit) => {
      calls.push({ url, method: init?.method });
      return new Response(null, { status });
    }) as typeof fetch;
    const build = deployHookBuilder('https://hooks.example.org/build/abc', fetcher);
    await build();
    expect(calls).toEqual([{ url: 'https://hooks.example.org/build/abc', method: 'POST' }]);
    status = 500;
    await expect(build()).rejects.toThrow(/answered 500/);
  });
});
