import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encryptField } from '../../../functions/crypto/envelope.ts';
import { insertMessage, openReportKey, reportContext } from '../../../functions/reports/report-store.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { postJson, submitJson } from '../../helpers/report-client.ts';

describe.each(engines)('anonymous follow-up on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  let receipt: string;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db);
    const response = await submitJson(deps, {
      description: 'They took our passports at the airport',
      locale: 'ro',
    });
    receipt = (await response.json()).receipt;
  });
  afterEach(() => t.dispose());

  it('shows the status and the staff’s messages to whoever holds the receipt', async () => {
    const [report] = await t.db.query<{ id: string }>('select id from reports');
    const key = await openReportKey(t.db, deps.keys, report!.id);
    await insertMessage(t.db, {
      reportId: report!.id,
      author: 'staff',
      body: await encryptField(
        key,
        'We are looking into it. Are you safe?',
        reportContext.message(report!.id),
      ),
      now: deps.now(),
    });
    const response = await postJson(deps, '/api/reports/lookup', { receipt: receipt.replaceAll('-', ' ') });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.status).toBe('received');
    expect(body.messages).toEqual([
      expect.objectContaining({ from: 'staff', text: 'We are looking into it. Are you safe?' }),
    ]);
  });

  it('adds the reporter’s reply to the thread and brings the report back to the queue', async () => {
    const response = await postJson(deps, '/api/reports/reply', {
      receipt,
      message: 'Yes, but they moved us to another farm',
    });
    expect(response.status).toBe(201);
    const lookup = await (await postJson(deps, '/api/reports/lookup', { receipt })).json();
    expect(lookup.messages.map((m: { from: string }) => m.from)).toEqual(['you']);
    const stored = JSON.stringify(await t.db.query('select body::text from report_messages'));
    expect(stored).not.toContain('another farm');
  });

  it('answers a wrong receipt exactly like an unknown one', async () => {
    const wrongDigit = receipt.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    const a = await postJson(deps, '/api/reports/lookup', { receipt: wrongDigit });
    const b = await postJson(deps, '/api/reports/lookup', { receipt: '0000-0000-0000-0000' });
    expect(a.status).toBe(404);
    const strip = (p: { requestId: string }) => ({ ...p, requestId: undefined });
    expect(strip(await a.json())).toEqual(strip(await b.json()));
  });

  it('rejects malformed receipts with a clear message', async () => {
    const response = await postJson(deps, '/api/reports/lookup', { receipt: '12-34', locale: 'en' });
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0].field).toBe('receipt');
  });

  it('rate-limits guessing', async () => {
    const client = { socketAddress: '192.0.2.44' };
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push(
        (
          await postJson(
            deps,
            '/api/reports/lookup',
            { receipt: `0000-0000-0000-${String(i).padStart(4, '0')}` },
            client,
          )
        ).status,
      );
    }
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses[20]).toBe(429);
    // Even the right receipt is refused until the window passes.
    expect((await postJson(deps, '/api/reports/lookup', { receipt }, client)).status).toBe(429);
  });
});
