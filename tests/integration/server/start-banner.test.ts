/**
 * A server started for a person (`LOG_FORMAT=pretty`, the default on a terminal) says where
 * everything is in a few lines; started for a log collector it writes JSON lines only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../helpers/running-server.ts';

describe('start banner', { timeout: 300_000 }, () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('shows the addresses, the database and where the first-admin link is', async () => {
    server = await startServer({ LOG_FORMAT: 'pretty' });
    const out = server.stdout.join('\n');
    expect(out).toContain('Waymark is running.');
    expect(out).toContain(`Public site   ${server.url}/`);
    expect(out).toContain(`Console       ${server.url}/console/`);
    expect(out).toContain(`Simulator     ${server.url}/console/simulator`);
    expect(out).toMatch(/Database {6}embedded \(PGlite\) in \S+pglite, \d+ migrations/);
    // Not a terminal here: the one-time link stays in its file and out of the output.
    expect(out).toContain('the one-time link is in');
    expect(out).not.toContain('/console/setup/');
  });

  it('writes JSON lines only when told to', async () => {
    server = await startServer({ LOG_FORMAT: 'json' });
    const lines = server.stdout.filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.some((l) => JSON.parse(l).msg === 'Waymark is listening')).toBe(true);
  });
});
