import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleApi } from '../../../functions/routes.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { CLIENT, postJson, submitJson } from '../../helpers/report-client.ts';

const DESCRIPTION = 'My cousin works at a farm near the river and the boss keeps all their passports';

describe.each(engines)('reports on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db);
  });
  afterEach(() => t.dispose());

  it('accepts the minimum report and answers with a receipt', async () => {
    const response = await submitJson(deps, { description: DESCRIPTION, locale: 'en' });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({ receipt: expect.stringMatching(/^\d{4}-\d{4}-\d{4}-\d{4}$/), status: 'received' });
    const [row] = await t.db.query<{ n: number }>('select count(*)::int as n from reports');
    expect(row?.n).toBe(1);
  });

  it('puts every report in the queue with its triage priority', async () => {
    await submitJson(deps, {
      description: DESCRIPTION,
      locale: 'en',
      inDanger: 'yes',
      childrenInvolved: 'yes',
    });
    const items = await t.db.query<{ priority: string; minor: boolean; reasons: string[] }>(
      'select priority, minor, reasons from queue_items',
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ priority: 'emergency', minor: true });
    expect(items[0]!.reasons).toContain('danger-now');
  });

  it('stores no report text, receipt or contact detail in readable form', async () => {
    const secret = 'Unique-marker-Zanzibar-4471 they locked us in the basement';
    const response = await submitJson(deps, {
      description: secret,
      locale: 'en',
      place: 'Marker-Place-Kalimantan',
      contactMethod: 'sms',
      contactValue: '+15550001234',
    });
    const { receipt } = await response.json();
    const dump = JSON.stringify(
      await t.db.query(
        `select r.*, m.*, q.* from reports r left join report_messages m on m.report_id = r.id left join queue_items q on q.source_id = r.id`,
      ),
      (_k, v) =>
        v && typeof v === 'object' && 'length' in v && !Array.isArray(v)
          ? Buffer.from(v).toString('latin1')
          : v,
    );
    for (const needle of ['Zanzibar', 'Kalimantan', '5550001234', receipt, receipt.replaceAll('-', '')]) {
      expect(dump).not.toContain(needle);
    }
  });

  it('requires proof of work on the JSON path and accepts each solution once', async () => {
    const missing = await postJson(deps, '/api/reports', { description: DESCRIPTION, locale: 'en' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors[0].field).toBe('altcha');
    const challenge = await (
      await handleApi(new Request('http://test/api/reports/challenge'), deps, CLIENT)
    ).json();
    const { solveChallenge } = await import('../../../functions/reports/proof-of-work.ts');
    const altcha = solveChallenge(challenge);
    expect(
      (await postJson(deps, '/api/reports', { description: DESCRIPTION, locale: 'en', altcha })).status,
    ).toBe(201);
    const replayed = await postJson(deps, '/api/reports', { description: DESCRIPTION, locale: 'en', altcha });
    expect(replayed.status).toBe(400);
    expect((await replayed.json()).code).toBe('proof-of-work-replayed');
  });

  it('rejects an expired or forged solution', async () => {
    const challenge = await (
      await handleApi(new Request('http://test/api/reports/challenge'), deps, CLIENT)
    ).json();
    const { solveChallenge } = await import('../../../functions/reports/proof-of-work.ts');
    const altcha = solveChallenge(challenge);
    deps.setNow(new Date(deps.now().getTime() + 3600_000));
    const expired = await postJson(deps, '/api/reports', { description: DESCRIPTION, locale: 'en', altcha });
    expect((await expired.json()).code).toBe('proof-of-work-expired');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(altcha, 'base64').toString()), signature: 'a'.repeat(64) }),
    ).toString('base64');
    const rejected = await postJson(deps, '/api/reports', {
      description: DESCRIPTION,
      locale: 'en',
      altcha: forged,
    });
    expect((await rejected.json()).code).toBe('proof-of-work-invalid');
  });

  it('explains every invalid field in the reporter’s language', async () => {
    const response = await submitJson(deps, {
      description: 'short',
      locale: 'fr',
      peopleCount: 'many',
      inDanger: 'maybe',
      contactMethod: 'sms',
      country: 'Narnia',
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = await response.json();
    const fields = problem.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['contactValue', 'country', 'description', 'inDanger', 'peopleCount']);
    const description = problem.errors.find((e: { field: string }) => e.field === 'description').message;
    const { STRINGS } = await import('#kernel/i18n/ui.ts');
    expect(description).toBe(
      STRINGS.fr?.['report.error.description'] ?? STRINGS.en?.['report.error.description'],
    );
  });

  it('creates one report for retries and double submits with the same idempotency key', async () => {
    const idempotencyKey = randomUUID();
    const fields = { description: DESCRIPTION, locale: 'en', idempotencyKey };
    const [a, b] = await Promise.all([submitJson(deps, fields), submitJson(deps, fields)]);
    const c = await submitJson(deps, fields);
    const receipts = await Promise.all([a, b, c].map(async (r) => (await r.json()).receipt));
    expect(new Set(receipts).size).toBe(1);
    const [row] = await t.db.query<{ n: number }>('select count(*)::int as n from reports');
    expect(row?.n).toBe(1);
  });

  it('accepts the plain form post, and refuses a filled-in honeypot without losing anything', async () => {
    const form = (extra: string) =>
      handleApi(
        new Request('http://test/api/reports', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `description=${encodeURIComponent(DESCRIPTION)}&locale=es&signs=debt&signs=no-pay${extra}`,
        }),
        deps,
        CLIENT,
      );
    expect((await form('')).status).toBe(201);
    const trapped = await form('&website=http://spam.example');
    expect(trapped.status).toBe(422);
    expect((await trapped.json()).errors[0].field).toBe('website');
  });

  it('limits the plain form path more strictly than the proof-of-work path', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await handleApi(
        new Request('http://test/api/reports', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `description=${encodeURIComponent(DESCRIPTION)}&locale=en`,
        }),
        deps,
        { socketAddress: '198.51.100.9' },
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Another client is not affected, and no address is stored anywhere.
    expect(
      (await submitJson(deps, { description: DESCRIPTION, locale: 'en' }, { socketAddress: '198.51.100.10' }))
        .status,
    ).toBe(201);
    const buckets = JSON.stringify(await t.db.query('select * from rate_limits'));
    expect(buckets).not.toContain('198.51.100');
  });
});
