import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../functions/db/migrate.ts';
import { openPglite } from '../../../functions/db/open-pglite.ts';
import { appendAudit } from '../../../functions/staff/audit.ts';

describe('npm run audit:verify', () => {
  it('passes an intact chain and names the first broken link of a tampered one', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'waymark-audit-'));
    try {
      const db = await openPglite(path.join(dataDir, 'pglite'));
      await migrate(db);
      for (let i = 0; i < 4; i++) {
        await db.transaction((tx) =>
          appendAudit(tx, keys, { actorId: null, action: 'export', subject: `r${i}` }, new Date()),
        );
      }
      await db.close();
      const run = () =>
        spawnSync(process.execPath, ['functions/staff/audit-verify-cli.ts'], {
          env: { PATH: process.env.PATH, DATA_DIR: dataDir },
          encoding: 'utf8',
        });
      const ok = run();
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('intact: 4 entries');

      const again = await openPglite(path.join(dataDir, 'pglite'));
      await again.query(`update audit_log set subject = 'changed' where subject = 'r2'`);
      await again.close();
      const broken = run();
      expect(broken.status).toBe(2);
      expect(broken.stderr).toContain('BROKEN at entry 3');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
