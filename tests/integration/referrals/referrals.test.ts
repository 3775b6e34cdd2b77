/** Referrals from the hotline to partners: consent, minimal packets, intake decisions and the loop back. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  intakeDetailSchema,
  intakeOpenApi,
  intakeSummarySchema,
} from '../../../functions/referrals/intake-openapi.ts';
import { referralsNeedingSupervisor } from '../../../functions/referrals/referral-views.ts';
import { escalateOverdue } from '../../../functions/referrals/referral-workflow.ts';
import { verifyAuditChain } from '../../../functions/staff/audit.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { CONSENT, ORIGIN, PACKET, referralWorld, signedIn } from '../../helpers/referrals.ts';

describe.each(engines)('referrals on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  let world: Awaited<ReturnType<typeof referralWorld>>;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: ORIGIN });
    world = await referralWorld(t.db, deps);
  });
  afterEach(() => t.dispose());

  const refer = async (body: Record<string, unknown>, itemId?: string) => {
    const item = itemId ?? (await world.newItem());
    return world.operator.call('POST', `/api/console/queue/${item}/referrals`, body);
  };

  it('sends a consented referral with only the chosen fields, and the partner sees exactly those', async () => {
    const packet = { needs: ['shelter'], languages: ['ne'], summary: PACKET.summary };
    const response = await refer({ partnerId: world.shelter.id, packet, consent: CONSENT });
    expect(response.status).toBe(201);
    const { referral } = await response.json();
    expect(referral.status).toBe('sent');

    const list = await (await world.shelterWorker.call('GET', '/api/intake/referrals')).json();
    expect(list.referrals).toHaveLength(1);
    expect(intakeSummarySchema.array().safeParse(list.referrals).success).toBe(true);
    const shown = await world.shelterWorker.call('GET', `/api/intake/referrals/${referral.id}`);
    const detail = (await shown.json()).referral;
    expect(intakeDetailSchema.safeParse(detail).error).toBeUndefined();
    expect(detail.packet).toEqual(packet);
    expect(detail.fields).toEqual(['languages', 'needs', 'summary']);
    expect(detail.consent).toMatchObject({ givenBy: 'person', method: 'verbal-call' });
    expect(detail.consent.scope).toMatchObject({ partnerName: 'Safe House Beirut', fields: detail.fields });
    expect(detail.ackDueAt).toBe(new Date(deps.now().getTime() + 24 * 3_600_000).toISOString());
    // Nothing about the hotline's people or items reaches the partner.
    expect(JSON.stringify(detail)).not.toContain(world.operator.id);
    expect(JSON.stringify(detail)).not.toMatch(/operator-/);
  });

  it('refuses a referral without consent, or with consent not confirmed, and stores nothing', async () => {
    const itemId = await world.newItem();
    for (const consent of [
      undefined,
      { ...CONSENT, confirmed: false },
      { basis: 'consent', givenBy: 'person' },
    ]) {
      const response = await refer({ partnerId: world.shelter.id, packet: PACKET, consent }, itemId);
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = await response.json();
      expect(problem.errors.some((e: { field: string }) => e.field.startsWith('consent'))).toBe(true);
    }
    expect(await t.db.query('select id from referrals')).toHaveLength(0);
  });

  it('rejects packets with fields outside the minimum set, and items the operator does not hold', async () => {
    const extra = await refer({
      partnerId: world.shelter.id,
      packet: { ...PACKET, name: 'Asha' },
      consent: CONSENT,
    });
    expect(extra.status).toBe(422);
    const itemId = await world.newItem();
    const someoneElse = await world.otherSupervisor.call('GET', '/api/console/referrals');
    expect(someoneElse.status).toBe(200);
    await t.db.query(`update queue_items set claimed_by = null, status = 'waiting' where id = $1`, [itemId]);
    const notHeld = await refer({ partnerId: world.shelter.id, packet: PACKET, consent: CONSENT }, itemId);
    expect(notHeld.status).toBe(409);
  });

  it('holds an emergency exception until another supervisor confirms it', async () => {
    const itemId = await world.newItem();
    const created = await world.supervisor.call('POST', `/api/console/queue/${itemId}/referrals`, {
      partnerId: world.shelter.id,
      packet: PACKET,
      consent: {
        basis: 'emergency-exception',
        justification: 'Caller says she will be moved tonight; cannot talk.',
      },
    });
    expect(created.status).toBe(201);
    const { referral } = await created.json();
    expect(referral.status).toBe('awaiting-confirmation');
    expect(await referralsNeedingSupervisor(t.db, deps.now())).toBe(1);
    // Not visible to the partner yet.
    expect((await world.shelterWorker.call('GET', `/api/intake/referrals/${referral.id}`)).status).toBe(404);
    expect((await (await world.shelterWorker.call('GET', '/api/intake/referrals')).json()).referrals).toEqual(
      [],
    );
    // Operators cannot confirm; the supervisor who made it cannot either.
    expect((await world.operator.call('POST', `/api/console/referrals/${referral.id}/confirm`)).status).toBe(
      403,
    );
    expect(
      (await world.supervisor.call('POST', `/api/console/referrals/${referral.id}/confirm`)).status,
    ).toBe(409);
    expect(
      (await world.otherSupervisor.call('POST', `/api/console/referrals/${referral.id}/confirm`)).status,
    ).toBe(204);
    const detail = (
      await (await world.shelterWorker.call('GET', `/api/intake/referrals/${referral.id}`)).json()
    ).referral;
    expect(await referralsNeedingSupervisor(t.db, deps.now())).toBe(0);
    expect(detail.consentBasis).toBe('emergency-exception');
    expect(detail.consent.justification).toBeUndefined();
    const hotline = (
      await (await world.supervisor.call('GET', `/api/console/referrals/${referral.id}`)).json()
    ).referral;
    expect(hotline.consent.justification).toMatch(/moved tonight/);
  });

  it('closes the loop: the partner asks, the hotline answers, the partner accepts', async () => {
    const { referral } = await (
      await refer({ partnerId: world.shelter.id, packet: PACKET, consent: CONSENT })
    ).json();
    const path = `/api/intake/referrals/${referral.id}`;
    expect(
      (await world.shelterWorker.call('POST', `${path}/request-info`, { message: 'Is she alone?' })).status,
    ).toBe(204);
    const asked = (await (await world.operator.call('GET', `/api/console/referrals/${referral.id}`)).json())
      .referral;
    expect(asked.status).toBe('info-requested');
    expect(asked.events.at(-1)).toMatchObject({
      side: 'partner',
      kind: 'info-requested',
      message: 'Is she alone?',
    });
    expect(
      (
        await world.operator.call('POST', `/api/console/referrals/${referral.id}/info`, {
          message: 'With her daughter, 6.',
        })
      ).status,
    ).toBe(204);
    expect((await world.shelterWorker.call('POST', `${path}/accept`)).status).toBe(204);
    expect((await world.shelterWorker.call('POST', `${path}/decline`, { reason: 'too late' })).status).toBe(
      409,
    );
    const [seen] = (await (await world.operator.call('GET', '/api/console/referrals')).json()).referrals;
    expect(seen).toMatchObject({ id: referral.id, status: 'accepted' });
    const partnerView = (await (await world.shelterWorker.call('GET', path)).json()).referral;
    expect(partnerView.events.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'sent',
      'info-requested',
      'info-provided',
      'accepted',
    ]);
    expect(partnerView.events[3].message).toBe('With her daughter, 6.');
    expect((await verifyAuditChain(t.db, deps.keys)).problem).toBeUndefined();
  });

  it('gives a caseworker of another partner 404 on every intake route for every referral', async () => {
    const ids: string[] = [];
    for (const status of ['sent', 'accepted', 'declined']) {
      const { referral } = await (
        await refer({ partnerId: world.shelter.id, packet: PACKET, consent: CONSENT })
      ).json();
      if (status !== 'sent')
        await world.shelterWorker.call(
          'POST',
          `/api/intake/referrals/${referral.id}/${status === 'accepted' ? 'accept' : 'decline'}`,
          { reason: 'No beds this week.' },
        );
      ids.push(referral.id);
    }
    const routes = [
      ['GET', ''],
      ['GET', '/export'],
      ['POST', '/accept'],
      ['POST', '/decline'],
      ['POST', '/request-info'],
    ] as const;
    for (const id of ids) {
      for (const [method, suffix] of routes) {
        const response = await world.legalWorker.call(method, `/api/intake/referrals/${id}${suffix}`, {
          reason: 'Not ours but let us see',
          message: 'Let us see this one please',
        });
        expect(response.status, `${method} ${id}${suffix}`).toBe(404);
      }
    }
    expect((await (await world.legalWorker.call('GET', '/api/intake/referrals')).json()).referrals).toEqual(
      [],
    );
    // And nothing changed for the shelter.
    const statuses = await t.db.query<{ status: string }>('select status from referrals order by created_at');
    expect(statuses.map((s) => s.status).sort()).toEqual(['accepted', 'declined', 'sent']);
  });

  it('escalates an unacknowledged referral once its deadline passes, once', async () => {
    const { referral } = await (
      await refer({ partnerId: world.shelter.id, packet: PACKET, consent: CONSENT })
    ).json();
    const { referral: answered } = await (
      await refer({ partnerId: world.shelter.id, packet: PACKET, consent: CONSENT })
    ).json();
    await world.shelterWorker.call('POST', `/api/intake/referrals/${answered.id}/request-info`, {
      message: 'Which district?',
    });
    deps.setNow(new Date(deps.now().getTime() + 23 * 3_600_000));
    expect(await escalateOverdue(deps)).toEqual([]);
    deps.setNow(new Date(deps.now().getTime() + 2 * 3_600_000));
    expect(await escalateOverdue(deps)).toEqual([referral.id]);
    expect(await referralsNeedingSupervisor(t.db, deps.now())).toBe(1);
    expect(await escalateOverdue(deps)).toEqual([]);
    // A day later the supervisor signs in again and finds it first.
    const supervisor = await signedIn(t.db, deps, 'supervisor');
    const list = (await (await supervisor.call('GET', '/api/console/referrals')).json()).referrals;
    expect(list[0]).toMatchObject({ id: referral.id, overdue: true });
    expect(list[0].escalatedAt).not.toBeNull();
  });

  it('lets a supervisor re-route to another partner; the first partner loses the packet', async () => {
    const itemId = await world.newItem();
    const { referral } = await (
      await refer({ partnerId: world.shelter.id, packet: PACKET, consent: CONSENT }, itemId)
    ).json();
    const body = { partnerId: world.legal.id, packet: PACKET, consent: CONSENT, rerouteFrom: referral.id };
    expect((await world.operator.call('POST', `/api/console/queue/${itemId}/referrals`, body)).status).toBe(
      403,
    );
    const rerouted = await world.supervisor.call('POST', `/api/console/queue/${itemId}/referrals`, body);
    expect(rerouted.status).toBe(201);
    const old = (await (await world.shelterWorker.call('GET', `/api/intake/referrals/${referral.id}`)).json())
      .referral;
    expect(old).toMatchObject({ status: 'withdrawn', packet: null });
    const fresh = (await (await world.legalWorker.call('GET', '/api/intake/referrals')).json()).referrals;
    expect(fresh).toHaveLength(1);
  });

  it('exports a referral in HTCDS field names', async () => {
    const { referral } = await (
      await refer({ partnerId: world.shelter.id, packet: PACKET, consent: CONSENT })
    ).json();
    const response = await world.shelterWorker.call('GET', `/api/intake/referrals/${referral.id}/export`);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    expect(await response.json()).toMatchObject({
      standard: 'HTCDS',
      wmk_ReferralId: referral.id,
      cas_ReferredOrganisation: 'Safe House Beirut',
      con_Consent: true,
      prs_Gender: 'Feminine',
      prs_Citizenship: ['NP'],
      prs_PrimaryLanguage: 'ne',
      prs_SecondaryLanguage: 'en',
      vic_TypeOfExploitation: ['ForcedLabour'],
      cas_OutgoingReferralDetails: PACKET.summary,
      wmk_Needs: ['shelter', 'legal'],
    });
  });

  it('publishes an OpenAPI document of the intake routes', async () => {
    const doc = intakeOpenApi();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/intake/referrals',
        '/api/intake/referrals/{id}',
        '/api/intake/referrals/{id}/accept',
        '/api/intake/referrals/{id}/decline',
        '/api/intake/referrals/{id}/export',
        '/api/intake/referrals/{id}/request-info',
      ].sort(),
    );
    const served = await (await world.operator.call('GET', '/api/intake/openapi.json')).json();
    expect(served).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('lists partners by need, with the best region and language matches first', async () => {
    const response = await world.operator.call(
      'GET',
      '/api/console/partners?need=legal&region=LB&language=ne',
    );
    expect((await response.json()).partners.map((p: { name: string }) => p.name)).toEqual([
      'Migrant Legal Aid',
    ]);
    expect((await world.operator.call('GET', '/api/console/partners?need=nonsense')).status).toBe(400);
    const created = await world.admin.call('POST', '/api/console/partners', {
      name: 'Clinic',
      services: ['medical'],
      regions: [],
      languages: ['en'],
      intakeContact: 'clinic@example.org',
    });
    expect(created.status).toBe(201);
    expect((await world.operator.call('POST', '/api/console/partners', {})).status).toBe(403);
  });
});
