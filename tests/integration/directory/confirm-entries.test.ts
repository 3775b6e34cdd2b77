/**
 * Confirming help-directory entries from the console, on real databases: only directory:verify may
 * list or confirm; a confirmation names an existing item with a source, is stored with who and
 * when, audited, written to the build's snapshot, and shows on the page; the build's overlay puts
 * the date on the entry readers see.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HelpEntry } from '#kernel/content/schemas.ts';
import { applyVerifications, verificationRecordSchema } from '#kernel/content/verification.ts';
import { normalizeDocument, reconcileSnapshot } from '../../../functions/cms/content-snapshot.ts';
import { createContentStore } from '../../../functions/cms/content-store.ts';
import { exportContent } from '../../../functions/cms/export-content.ts';
import { HELP_ENTRIES } from '../../../functions/directory/bundled-help-entries.ts';
import { confirmDirectoryItem, loadDirectoryPage } from '../../../functions/directory/directory-page.ts';
import { publicHsdsList } from '../../../functions/directory/hsds-api.ts';
import { snapshotPath } from '../../../functions/directory/verification-snapshot.ts';
import { listVerifications } from '../../../functions/directory/verifications.ts';
import { createLogger } from '../../../functions/http/logger.ts';
import type { Role } from '../../../functions/staff/roles.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe.each(engines)('confirming directory entries on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  let dataDir: string;
  beforeEach(async () => {
    t = await engine.create();
    dataDir = await mkdtemp(path.join(tmpdir(), 'waymark-directory-'));
    deps = createTestDeps(t.db, { DATA_DIR: dataDir });
  });
  afterEach(async () => {
    await t.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function staff(role: Role) {
    const id = randomUUID();
    const email = `${role}-${id.slice(0, 8)}@example.org`;
    await t.db.query('insert into staff_users (id, email, role, active) values ($1, $2, $3, true)', [
      id,
      email,
      role,
    ]);
    return { user: { id, email, role } };
  }

  it('lets only directory:verify list and confirm', async () => {
    for (const role of ['operator', 'partner-caseworker'] as const) {
      const who = { user: { id: randomUUID(), email: 'x@example.org', role } };
      await expect(loadDirectoryPage(deps, who, HELP_ENTRIES, new URLSearchParams())).rejects.toMatchObject({
        status: 403,
      });
      await expect(
        confirmDirectoryItem(deps, who, form({ country: 'QA', list: 'emergency' }), HELP_ENTRIES),
      ).rejects.toMatchObject({ status: 403 });
    }
    const view = await loadDirectoryPage(
      deps,
      await staff('supervisor'),
      HELP_ENTRIES,
      new URLSearchParams(),
    );
    expect(view.countries).toHaveLength(HELP_ENTRIES.length);
    expect(view.selected).toBeNull();
  });

  it('republishes the country in the content snapshot, so a running node serves the check', async () => {
    const documents = (await exportContent('content')).map(normalizeDocument);
    await reconcileSnapshot(t.db, documents, 'content-files', new Date());
    const store = await createContentStore(t.db, createLogger('silent'), { pollMs: 60_000 });
    try {
      const iom = () => {
        const qatar = store
          .current()!
          .entries('help')
          .find((e) => (e.data as unknown as HelpEntry).country === 'QA')!.data as unknown as HelpEntry;
        return qatar.organisations.find((o) => o.name === 'IOM Qatar')!;
      };
      expect(iom().lastVerified).toBeUndefined();
      const before = store.current()!.version;
      const result = await confirmDirectoryItem(
        deps,
        await staff('supervisor'),
        form({ country: 'QA', list: 'organisations', name: 'IOM Qatar', lastVerified: '2026-11-20' }),
        HELP_ENTRIES,
      );
      expect(result.republished).toBe(true);
      const after = await store.refresh();
      expect(after!.version).toBe(before + 1);
      expect(iom().lastVerified?.toISOString().slice(0, 10)).toBe('2026-11-20');
      expect(iom().verifiedBy).toMatch(/^supervisor-/);
    } finally {
      await store.stop();
    }
  });

  it('records who and when, audits it, writes the snapshot and shows the check', async () => {
    const supervisor = await staff('supervisor');
    const result = await confirmDirectoryItem(
      deps,
      supervisor,
      form({ country: 'QA', list: 'organisations', name: 'IOM Qatar', lastVerified: '2026-11-20' }),
      HELP_ENTRIES,
    );
    expect(result).toEqual({ item: 'QA/organisations/IOM Qatar', republished: false });
    await confirmDirectoryItem(deps, supervisor, form({ country: 'QA', list: 'emergency' }), HELP_ENTRIES);

    const stored = await listVerifications(t.db);
    expect(stored.map((s) => [s.record.item, s.record.lastVerified, s.staffId])).toEqual([
      [{ list: 'emergency' }, '2026-11-22', supervisor.user.id],
      [{ list: 'organisations', name: 'IOM Qatar' }, '2026-11-20', supervisor.user.id],
    ]);
    const audit = await t.db.query<{ subject: string; actor_id: string }>(
      `select subject, actor_id from audit_log where action = 'directory.verify' order by seq`,
    );
    expect(audit).toEqual([
      { subject: 'QA/organisations/IOM Qatar', actor_id: supervisor.user.id },
      { subject: 'QA/emergency', actor_id: supervisor.user.id },
    ]);

    const snapshot = verificationRecordSchema
      .array()
      .parse(JSON.parse(await readFile(snapshotPath(deps.config), 'utf8')));
    expect(snapshot).toHaveLength(2);
    const qa = HELP_ENTRIES.find((e) => e.country === 'QA')!;
    const seen = applyVerifications(qa, snapshot);
    expect(seen.emergency.lastVerified?.toISOString().slice(0, 10)).toBe('2026-11-22');
    expect(seen.organisations.find((o) => o.name === 'IOM Qatar')?.verifiedBy).toBe(supervisor.user.email);

    const view = await loadDirectoryPage(
      deps,
      supervisor,
      HELP_ENTRIES,
      new URLSearchParams({ country: 'qa' }),
    );
    const iom = view.selected!.items.find((i) => i.name === 'IOM Qatar')!;
    expect(iom).toMatchObject({ lastVerified: '2026-11-20', verifiedBy: supervisor.user.email });
    expect(view.countries.find((c) => c.country === 'QA')?.verified).toBe(2);

    // The HSDS API serves the check as the service's assured_date at once (who checked, never).
    const hsds = async () => {
      const response = await publicHsdsList('services')(
        new Request('https://hotline.example.org/api/directory/hsds/services?country=QA&per_page=200'),
        { deps } as never,
      );
      const body = (await response.json()) as { contents: { name: string; assured_date?: string }[] };
      return body.contents.find((c) => c.name === 'IOM Qatar');
    };
    expect((await hsds())?.assured_date).toBe('2026-11-20');
    expect(JSON.stringify(await hsds())).not.toContain(supervisor.user.email);

    // A later check replaces the earlier one for the same item.
    const admin = await staff('admin');
    await confirmDirectoryItem(
      deps,
      admin,
      form({ country: 'QA', list: 'organisations', name: 'IOM Qatar', lastVerified: '2026-11-21' }),
      HELP_ENTRIES,
    );
    const again = (await listVerifications(t.db)).filter((s) => s.record.item.list === 'organisations');
    expect(again.map((s) => [s.record.lastVerified, s.record.verifiedBy])).toEqual([
      ['2026-11-21', admin.user.email],
    ]);
    expect((await hsds())?.assured_date).toBe('2026-11-21');
  });

  it('refuses what the content does not hold, a future date, or an item without a source', async () => {
    const supervisor = await staff('supervisor');
    const cases: [Record<string, string>, number][] = [
      [{ country: 'QA', list: 'organisations', name: 'No such office' }, 422],
      [{ country: 'ZZ', list: 'emergency' }, 404],
      [{ country: 'qatar', list: 'emergency' }, 422],
      [{ country: 'QA', list: 'emergency', lastVerified: '2026-12-01' }, 422],
      [{ country: 'QA', list: 'everything' }, 422],
    ];
    for (const [fields, status] of cases) {
      await expect(
        confirmDirectoryItem(deps, supervisor, form(fields), HELP_ENTRIES),
        JSON.stringify(fields),
      ).rejects.toMatchObject({ status });
    }
    const qa = HELP_ENTRIES.find((e) => e.country === 'QA')!;
    const unsourced: HelpEntry = { ...qa, organisations: [{ ...qa.organisations[0]!, source: undefined }] };
    await expect(
      confirmDirectoryItem(
        deps,
        supervisor,
        form({ country: 'QA', list: 'organisations', name: qa.organisations[0]!.name }),
        [unsourced],
      ),
    ).rejects.toMatchObject({ status: 422 });
    expect(await listVerifications(t.db)).toEqual([]);
  });
});

describe('applyVerifications', () => {
  const qa = HELP_ENTRIES.find((e) => e.country === 'QA')!;
  const record = (lastVerified: string, name = 'IOM Qatar') => ({
    country: 'QA',
    item: { list: 'organisations' as const, name },
    lastVerified,
    verifiedBy: 'staff@example.org',
  });

  it('keeps a later check the entry already carries, and skips items that no longer exist', () => {
    const checked = applyVerifications(qa, [record('2026-10-01')]);
    const iom = (e: HelpEntry) => e.organisations.find((o) => o.name === 'IOM Qatar')!;
    expect(iom(checked).lastVerified?.toISOString().slice(0, 10)).toBe('2026-10-01');
    expect(
      iom(applyVerifications(checked, [record('2026-09-01')]))
        .lastVerified?.toISOString()
        .slice(0, 10),
    ).toBe('2026-10-01');
    expect(applyVerifications(qa, [record('2026-10-01', 'Renamed office')])).toEqual(qa);
    expect(applyVerifications(qa, [{ ...record('2026-10-01'), country: 'NP' }])).toEqual(qa);
  });
});
