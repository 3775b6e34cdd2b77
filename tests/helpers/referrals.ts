/** A hotline with staff, two partner organisations with a caseworker each, and a report in the queue. */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../functions/db/database.ts';
import { claimItem } from '../../functions/queue/claims.ts';
import { createPartner } from '../../functions/referrals/partners.ts';
import { handleApi } from '../../functions/routes.ts';
import type { Role } from '../../functions/staff/roles.ts';
import { createSession, sessionCookie } from '../../functions/staff/sessions.ts';
import type { TestDeps } from './deps.ts';
import { submitJson } from './report-client.ts';

export const ORIGIN = 'https://hotline.example.org';

export interface Caller {
  id: string;
  call(method: string, path: string, body?: unknown): Promise<Response>;
}

export async function signedIn(
  db: Database,
  deps: TestDeps,
  role: Role,
  partnerId: string | null = null,
): Promise<Caller> {
  const id = randomUUID();
  await db.query(
    'insert into staff_users (id, email, role, partner_id, active) values ($1, $2, $3, $4, true)',
    [id, `${role}-${id.slice(0, 8)}@example.org`, role, partnerId],
  );
  const { token, csrfToken } = await createSession(db, id, 'full', deps.now());
  const cookie = sessionCookie(deps.config, token).split(';')[0]!;
  return {
    id,
    call: (method, path, body) =>
      handleApi(
        new Request(`${ORIGIN}${path}`, {
          method,
          headers: { cookie, 'x-csrf-token': csrfToken, origin: ORIGIN, 'content-type': 'application/json' },
          body: body === undefined || method === 'GET' ? undefined : JSON.stringify(body),
        }),
        deps,
      ),
  };
}

export const PACKET = {
  sex: 'Feminine',
  ageRange: '18-24',
  nationality: ['NP'],
  languages: ['ne', 'en'],
  exploitationTypes: ['ForcedLabour'],
  currentLocation: { country: 'LB', area: 'Beirut, Achrafieh' },
  needs: ['shelter', 'legal'],
  safeContact: { method: 'whatsapp', value: '+9613123456', times: 'after 21:00' },
  summary: 'Domestic worker, passport held by employer, wants to leave safely tonight.',
} as const;

export const CONSENT = {
  basis: 'consent',
  givenBy: 'person',
  method: 'verbal-call',
  confirmed: true,
} as const;

export async function referralWorld(db: Database, deps: TestDeps) {
  const shelter = await createPartner(deps, null, {
    name: 'Safe House Beirut',
    services: ['shelter', 'psychosocial'],
    regions: ['LB'],
    languages: ['ar', 'en', 'ne'],
    intakeContact: 'intake@safehouse.example',
    ackHours: 24,
  });
  const legal = await createPartner(deps, null, {
    name: 'Migrant Legal Aid',
    services: ['legal'],
    regions: ['LB'],
    languages: ['ar', 'en'],
    intakeContact: '+9611000000',
  });
  const operator = await signedIn(db, deps, 'operator');
  const supervisor = await signedIn(db, deps, 'supervisor');
  const otherSupervisor = await signedIn(db, deps, 'supervisor');
  const admin = await signedIn(db, deps, 'admin');
  const shelterWorker = await signedIn(db, deps, 'partner-caseworker', shelter.id);
  const legalWorker = await signedIn(db, deps, 'partner-caseworker', legal.id);
  let flats = 0;
  const newItem = async () => {
    flats += 1;
    await submitJson(deps, { description: `Someone is locked in a flat on floor ${flats}`, locale: 'en' });
    const [item] = await db.query<{ id: string }>(
      `select id from queue_items where status = 'waiting' order by created_at desc limit 1`,
    );
    await claimItem(deps, operator.id, item!.id);
    return item!.id;
  };
  return {
    shelter,
    legal,
    operator,
    supervisor,
    otherSupervisor,
    admin,
    shelterWorker,
    legalWorker,
    newItem,
  };
}
