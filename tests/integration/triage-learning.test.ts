/**
 * Learning from the floor: a person's priority change becomes an encrypted local training example,
 * deleted with its item by retention; every queue item names the model that sorted it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itemDetail } from '../../functions/console/item-detail.ts';
import { changePriority } from '../../functions/queue/claims.ts';
import { purge } from '../../functions/retention/purge.ts';
import { readCorrections } from '../../functions/triage/corrections-store.ts';
import { activeModel } from '../../functions/triage/model.ts';
import { engines, type TestDatabase } from '../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { PUBLIC_URL, textHotline } from '../helpers/twilio.ts';

const DAY = 86_400_000;
const SUPERVISOR = { id: '00000000-0000-4000-8000-000000000001', mayOverride: true };

describe.each(engines)('triage corrections on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, {
      PUBLIC_BASE_URL: PUBLIC_URL,
      RETENTION_DAYS: 'noise:7,closed:90,referral:30',
    });
    await t.db.query(
      `insert into staff_users (id, email, role, active) values ($1, 'sup@example.org', 'supervisor', true)`,
      [SUPERVISOR.id],
    );
  });
  afterEach(() => t.dispose());

  const latestItem = async () =>
    (
      await t.db.query<{ id: string; triage_model: string | null }>(
        `select id, triage_model from queue_items where source = 'sms' order by created_at desc limit 1`,
      )
    )[0]!;

  it('records the model version on the item and keeps a corrected label as an encrypted example', async () => {
    const text = 'the boss in the bakery on Rue Verte keeps the back door shut with a padlock';
    await textHotline(deps, text, '+33612345678');
    const item = await latestItem();
    expect(item.triage_model).toBe(activeModel()!.version);
    await changePriority(deps, SUPERVISOR, item.id, 'emergency', 'padlocked in: cannot leave');

    const [stored] = await t.db.query<{ body: Uint8Array; priority: string }>(
      'select body, priority from triage_corrections where item_id = $1',
      [item.id],
    );
    expect(stored!.priority).toBe('emergency');
    expect(Buffer.from(stored!.body).includes(Buffer.from('padlock'))).toBe(false);
    expect(await readCorrections(t.db, deps.keys)).toEqual([{ text, priority: 'emergency', minor: false }]);

    // A second change replaces the example: the latest human decision is the label.
    await changePriority(deps, SUPERVISOR, item.id, 'urgent', 'spoke to her: the door opens from inside');
    expect((await readCorrections(t.db, deps.keys)).map((c) => c.priority)).toEqual(['urgent']);

    const detail = await itemDetail(deps, SUPERVISOR.id, item.id);
    expect(detail.triageModel).toBe(activeModel()!.version);
  });

  it('deletes the example with its item when retention deletes the item', async () => {
    await textHotline(deps, 'hello good morning', '+40712345678');
    const item = await latestItem();
    await changePriority(deps, SUPERVISOR, item.id, 'noise', 'a greeting only');
    expect(await readCorrections(t.db, deps.keys)).toHaveLength(1);
    deps.setNow(new Date(deps.now().getTime() + 8 * DAY));
    await purge(deps, { dryRun: false });
    expect(await t.db.query('select 1 from triage_corrections')).toEqual([]);
  });
});
