/**
 * A web report on the item page, through the console's front door: every field it holds with a
 * readable label in the operator's language (people, children, kinds of exploitation, signs), its
 * photo as a download that the browser may neither sniff nor run, each view audited, and reply tools
 * that fit the channel (no SMS segment counter, no SMS canned texts).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleView } from '../../../functions/console/page-table.ts';
import { openConsoleRequest } from '../../../functions/console/pages.ts';
import type { ItemPageData } from '../../../functions/console/queue-pages.ts';
import { handleApi } from '../../../functions/routes.ts';
import { createSession, sessionCookie } from '../../../functions/staff/sessions.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { photo } from '../../helpers/media-files.ts';
import { CLIENT } from '../../helpers/report-client.ts';

const ORIGIN = 'https://hotline.example.org';

describe.each(engines)('a web report on the item page on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: ORIGIN });
  });
  afterEach(async () => {
    await deps.media.close();
    await t.dispose();
  });

  async function operator(role: 'operator' | 'supervisor' = 'operator') {
    const id = randomUUID();
    await t.db.query(`insert into staff_users (id, email, role, active) values ($1, $2, $3, true)`, [
      id,
      `op-${id}@example.org`,
      role,
    ]);
    const { token, csrfToken } = await createSession(t.db, id, 'full', deps.now());
    return { id, cookie: sessionCookie(deps.config, token).split(';')[0]!, csrf: csrfToken };
  }

  it('shows every field with labels, serves the photo safely, and audits each view', async () => {
    const form = new FormData();
    form.set('description', 'Twelve workers are kept in a house behind the factory');
    form.set('locale', 'fr');
    form.set('country', 'QA');
    form.set('place', 'Industrial area, street 4');
    form.set('peopleCount', '12');
    form.set('childrenInvolved', 'yes');
    form.append('exploitation', 'labour');
    form.append('signs', 'documents-taken');
    form.append('signs', 'locked-in');
    form.set('inDanger', 'unsure');
    form.append(
      'attachments',
      new Blob([new Uint8Array(await photo('jpeg'))], { type: 'image/jpeg' }),
      'house.jpg',
    );
    const sent = await handleApi(
      new Request(`${ORIGIN}/api/reports`, { method: 'POST', body: form }),
      deps,
      CLIENT,
    );
    expect(sent.status).toBe(201);
    const [item] = await t.db.query<{ id: string }>(`select id from queue_items where source = 'report'`);
    const who = await operator();

    const answer = await openConsoleRequest(
      new Request(`${ORIGIN}/console/items/${item!.id}`, {
        headers: { cookie: who.cookie, 'accept-language': 'en' },
      }),
      deps,
      '192.0.2.1',
    );
    if (!('view' in answer)) throw new Error(`expected the page, got ${answer.response.status}`);
    const data = (answer.view as ConsoleView<ItemPageData>).data;
    const fields = Object.fromEntries(data.fields.map((f) => [f.label, f.value]));
    expect(fields).toMatchObject({
      Country: 'Qatar',
      'People affected': '12',
      'Children involved': 'Yes',
      'In danger now': 'Not sure',
      'Kinds of exploitation': 'Forced labour',
    });
    const values = data.fields.map((f) => f.value).join(' | ');
    expect(values).toContain('Industrial area, street 4');
    expect(values).not.toMatch(/documents-taken|locked-in|\bQA\b/);
    expect(data.tools).toMatchObject({ segmentCounter: false, templates: false });
    expect(data.templates).toEqual([]);
    expect(data.attachments).toHaveLength(1);

    const download = await handleApi(
      new Request(`${ORIGIN}${data.attachments[0]!.href}`, { headers: { cookie: who.cookie } }),
      deps,
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
    expect(download.headers.get('content-disposition')).toMatch(
      /^attachment; filename="attachment-[0-9a-f]{8}\.jpg"$/,
    );
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    const views = await t.db.query(`select 1 from audit_log where action = 'record.attachment.view'`);
    expect(views).toHaveLength(1);

    // Another item's attachment id, or none at all, is simply not there.
    const wrong = await handleApi(
      new Request(`${ORIGIN}/api/console/queue/${item!.id}/attachments/${randomUUID()}`, {
        headers: { cookie: who.cookie },
      }),
      deps,
    );
    expect(wrong.status).toBe(404);
  });

  it('lets a supervisor, and not an operator, leave an item out of the statistics from its page', async () => {
    const sent = await handleApi(
      new Request(`${ORIGIN}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ description: 'A training message, not a real report', locale: 'en' }),
      }),
      deps,
      CLIENT,
    );
    expect(sent.status).toBe(201);
    const [item] = await t.db.query<{ id: string }>(`select id from queue_items where source = 'report'`);
    const post = async (who: Awaited<ReturnType<typeof operator>>) => {
      const answer = await openConsoleRequest(
        new Request(`${ORIGIN}/console/items/${item!.id}`, {
          method: 'POST',
          headers: {
            cookie: who.cookie,
            origin: ORIGIN,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ csrf: who.csrf, action: 'statistics', exclude: 'true' }),
        }),
        deps,
        '192.0.2.1',
      );
      return 'response' in answer ? answer.response.status : answer.view.status;
    };
    expect(await post(await operator('operator'))).toBe(403);
    expect(await post(await operator('supervisor'))).toBe(303);
    const [row] = await t.db.query<{ excluded: boolean }>(
      'select excluded from statistics_items where item_id = $1',
      [item!.id],
    );
    expect(row?.excluded).toBe(true);
  });
});
