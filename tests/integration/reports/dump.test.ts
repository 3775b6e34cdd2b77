/** A database dump, of PGlite's files or of a PostgreSQL server, contains none of the submitted text. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../functions/db/migrate.ts';
import { openPglite } from '../../../functions/db/open-pglite.ts';
import { openPostgres } from '../../../functions/db/open-postgres.ts';
import { blankCluster } from '../../helpers/blank-data-folder.ts';
import { createTestDeps } from '../../helpers/deps.ts';
import { submitJson } from '../../helpers/report-client.ts';

const SECRET = 'Quokka-Marker-88213 kept in a container behind the fish factory';
const CONTACT = '+4479460099111';

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

function containsAny(haystack: Buffer, needles: string[]): string | undefined {
  return needles.find(
    (n) => haystack.includes(Buffer.from(n, 'utf8')) || haystack.includes(Buffer.from(n, 'utf16le')),
  );
}

describe('database dumps', () => {
  it('PGlite’s data files hold no report text, contact detail or receipt', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'waymark-dump-'));
    try {
      await blankCluster(dir);
      const db = await openPglite(dir);
      await migrate(db);
      const deps = createTestDeps(db);
      const response = await submitJson(deps, {
        description: SECRET,
        locale: 'en',
        contactMethod: 'sms',
        contactValue: CONTACT,
      });
      const { receipt } = await response.json();
      await db.query('checkpoint');
      await db.close();
      const needles = [
        'Quokka-Marker-88213',
        'fish factory',
        CONTACT.slice(1),
        receipt,
        receipt.replaceAll('-', ''),
      ];
      const all = await files(dir);
      expect(all.length).toBeGreaterThan(10);
      for (const file of all) {
        expect(containsAny(await readFile(file), needles), file).toBeUndefined();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'pg_dump of the PostgreSQL database holds none of it either',
    async () => {
      const url = process.env.TEST_DATABASE_URL!;
      const schema = `dump_${Date.now()}`;
      const admin = openPostgres(url, { poolSize: 1 });
      await admin.query(`create schema ${schema}`);
      const db = openPostgres(url, { poolSize: 2, searchPath: schema });
      try {
        await migrate(db);
        const deps = createTestDeps(db);
        const { receipt } = await (
          await submitJson(deps, {
            description: SECRET,
            locale: 'en',
            contactMethod: 'sms',
            contactValue: CONTACT,
          })
        ).json();
        const dump = execFileSync('pg_dump', ['--data-only', `--schema=${schema}`, url], {
          maxBuffer: 64 * 1024 * 1024,
        });
        expect(
          dump.includes(Buffer.from('insert', 'utf8')) || dump.includes(Buffer.from('COPY', 'utf8')),
        ).toBe(true);
        expect(
          containsAny(dump, [
            'Quokka-Marker-88213',
            'fish factory',
            CONTACT.slice(1),
            receipt,
            receipt.replaceAll('-', ''),
          ]),
        ).toBeUndefined();
      } finally {
        await db.close();
        await admin.query(`drop schema ${schema} cascade`);
        await admin.close();
      }
    },
  );
});
