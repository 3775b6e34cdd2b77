/**
 * The README promises JSON lines: every line the running server writes, on stdout and on stderr,
 * must parse as JSON, including what Astro itself says when a request makes it fail (here, path
 * parameters that are not valid percent-encoding), and none may carry the request's query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../helpers/running-server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ LOG_LEVEL: 'debug' });
}, 300_000);
afterAll(() => server?.stop());

const PROVOKING = [
  '/console/items/%FF?secret=query-text',
  '/console/preview/%C0/%C0',
  '/console/%E0%A4%A',
  '/en/%E0%A4%A/',
  '/_image?href=%2Fx.png&w=10',
  '/_server-islands/x',
];

describe('server output', () => {
  it('is JSON lines only, Astro errors included, and names no query', async () => {
    for (const path of PROVOKING) {
      for (const method of ['GET', 'POST']) {
        const response = await fetch(`${server.url}${path}`, {
          method,
          redirect: 'manual',
          ...(method === 'POST'
            ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' }
            : {}),
        });
        await response.arrayBuffer();
        expect(response.status, `${method} ${path}`).toBeLessThan(500);
      }
    }
    await server.stop();

    const lines = [...server.stdout, ...server.stderr].filter((l) => l !== '');
    const notJson = lines.filter((line) => {
      try {
        return typeof JSON.parse(line) !== 'object';
      } catch {
        return true;
      }
    });
    expect(notJson).toEqual([]);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const astroErrors = entries.filter((e) => e.level === 'error' && String(e.msg).startsWith('astro'));
    expect(astroErrors.length).toBeGreaterThan(0);
    // Each says which request it was about, by id and route, and nothing the request carried.
    expect(astroErrors.every((e) => typeof e.requestId === 'string' && typeof e.route === 'string')).toBe(
      true,
    );
    expect(lines.join('\n')).not.toContain('query-text');
    expect(server.stderr.filter((l) => l !== '')).toEqual([]);
  });
});
