/**
 * The embedded database's folder on a first start: made in a separate process and moved into
 * place whole, so the server never runs PGlite's initdb itself (about 1.1 GB at its peak), and a
 * start killed half-way leaves nothing that looks like a database.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPglite } from '../../../functions/db/open-pglite.ts';

describe('a new embedded database folder', { timeout: 60_000 }, () => {
  let parent: string;
  beforeEach(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'waymark-embedded-'));
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('is created on first open, readable only by its owner, and keeps what is written', async () => {
    const dir = path.join(parent, 'pglite');
    const db = await openPglite(dir);
    await db.query('create table kept (note text)');
    await db.query("insert into kept values ('written before a restart')");
    await db.close();
    expect(existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(existsSync(`${dir}.creating`)).toBe(false);
    const again = await openPglite(dir);
    expect(await again.query('select note from kept')).toEqual([{ note: 'written before a restart' }]);
    await again.close();
  });

  it('is made anew over what a start killed half-way left beside it, and in an empty folder', async () => {
    const dir = path.join(parent, 'pglite');
    await mkdir(`${dir}.creating/base`, { recursive: true });
    await writeFile(`${dir}.creating/base/half-written`, 'x');
    await mkdir(dir);
    const db = await openPglite(dir);
    expect(await db.query('select 1 as one')).toEqual([{ one: 1 }]);
    await db.close();
    expect(existsSync(`${dir}.creating`)).toBe(false);
    expect(existsSync(path.join(dir, 'base', 'half-written'))).toBe(false);
  });
});
