/**
 * The build's overlay of console confirmations: the snapshot the server writes in DATA_DIR puts
 * the date on the item readers see; no file changes nothing; a damaged file stops the build.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HELP_ENTRIES } from '../../../functions/directory/bundled-help-entries.ts';

const qa = HELP_ENTRIES.find((e) => e.country === 'QA')!;

describe('withConsoleVerifications', () => {
  let dir: string;
  const saved = process.env.DATA_DIR;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'waymark-overlay-'));
    process.env.DATA_DIR = dir;
    vi.resetModules();
  });
  afterEach(async () => {
    if (saved === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = saved;
    await rm(dir, { recursive: true, force: true });
  });
  const overlay = async () =>
    (await import('../../../src/content/help-verifications.ts')).withConsoleVerifications;

  it('dates the confirmed item from the snapshot', async () => {
    await writeFile(
      path.join(dir, 'directory-verifications.json'),
      JSON.stringify([
        {
          country: 'QA',
          item: { list: 'emergency' },
          lastVerified: '2026-11-20',
          verifiedBy: 'a@example.org',
        },
      ]),
    );
    const entry = (await overlay())(qa);
    expect(entry.emergency.lastVerified?.toISOString().slice(0, 10)).toBe('2026-11-20');
    expect(entry.hotlines).toEqual(qa.hotlines);
  });

  it('changes nothing without a snapshot, and stops on a damaged one', async () => {
    expect((await overlay())(qa)).toEqual(qa);
    vi.resetModules();
    await writeFile(path.join(dir, 'directory-verifications.json'), JSON.stringify([{ country: 'Qatar' }]));
    const withDamaged = await overlay();
    expect(() => withDamaged(qa)).toThrow(/directory-verifications\.json: 0\.country/);
  });
});
