/**
 * Search and archive: items found by receipt code and by phone number through their keyed hashes
 * (any way the number is written), by date, status, priority and reason; closed items included;
 * each search audited without its terms; "contacted before" counts earlier episodes with links.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactsBefore, searchItems, searchSchema } from '../../../functions/console/search.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { submitJson } from '../../helpers/report-client.ts';
import { PUBLIC_URL, textHotline } from '../../helpers/twilio.ts';

const ORIGIN = PUBLIC_URL;

describe.each(engines)('search and archive on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: ORIGIN });
  });
  afterEach(() => t.dispose());

  const search = (input: Record<string, string>) =>
    searchItems(deps, 'a1b2c3d4-0000-4000-8000-000000000000', searchSchema.parse(input));

  it('finds by receipt, by phone in any spelling, by status, priority, date and reason', async () => {
    const sent = await submitJson(deps, { description: 'They took our passports at the farm', locale: 'en' });
    const receipt = (await sent.json()).receipt as string;
    const { response } = await textHotline(deps, 'help me please', '+9779800000042');
    expect(response.status).toBe(200);
    const [report] = await t.db.query<{ id: string }>(`select id from queue_items where source = 'report'`);
    const [sms] = await t.db.query<{ id: string }>(`select id from queue_items where source = 'sms'`);

    expect((await search({ receipt })).map((r) => r.id)).toEqual([report!.id]);
    expect((await search({ receipt: receipt.replaceAll('-', ' ') })).map((r) => r.id)).toEqual([report!.id]);
    expect(await search({ receipt: '0000-0000-0000-0000' })).toEqual([]);
    for (const phone of ['+9779800000042', '00977 980 000 0042', '977-9800000042'])
      expect(
        (await search({ phone })).map((r) => r.id),
        phone,
      ).toEqual([sms!.id]);
    expect(await search({ phone: '+9779800000043' })).toEqual([]);

    await t.db.query(`update queue_items set status = 'closed', closed_at = $2 where id = $1`, [
      report!.id,
      deps.now(),
    ]);
    expect((await search({ status: 'closed' })).map((r) => r.id)).toEqual([report!.id]);
    const day = deps.now().toISOString().slice(0, 10);
    expect(await search({ from: day, to: day })).toHaveLength(2);
    expect(await search({ to: '2020-01-01' })).toEqual([]);
    const [{ reasons }] = (await t.db.query<{ reasons: string[] }>(
      'select reasons from queue_items where id = $1',
      [report!.id],
    )) as [{ reasons: string[] }];
    if (reasons[0])
      expect((await search({ reason: reasons[0].slice(0, 6) })).map((r) => r.id)).toContain(report!.id);
    expect(await search({ reason: '%%' })).toEqual([]);

    const audits = await t.db.query<{ details: unknown }>(
      `select details from audit_log where action = 'record.search'`,
    );
    expect(audits.length).toBeGreaterThan(5);
    expect(JSON.stringify(audits)).not.toContain('9779800000042');
    expect(JSON.stringify(audits)).not.toContain(receipt);
  });

  it('says how often the person was here before, and links there', async () => {
    await textHotline(deps, 'help me please', '+9779800000042');
    const [sms] = await t.db.query<{ id: string }>(`select id from queue_items where source = 'sms'`);
    expect((await contactsBefore(deps, { id: sms!.id, linkedItemId: null })).count).toBe(0);
    await t.db.query(`insert into queue_events (item_id, at, kind) values ($1, $2, 'closed')`, [
      sms!.id,
      deps.now(),
    ]);
    const before = await contactsBefore(deps, { id: sms!.id, linkedItemId: null });
    expect(before.count).toBe(1);
    expect(before.lastAt).toEqual(deps.now());
  });
});
