/**
 * The partner directory: organisations the hotline refers people to, what they offer, where and in
 * which languages, and each one's own encryption key (a record key that wraps only that partner's
 * referral keys; crypto/record-keys.ts keeps it, wrapped by the master key).
 * Administrators manage it; operators search it when they refer someone.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createRecordKey } from '../crypto/record-keys.ts';
import type { Queryable } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { appendAudit } from '../staff/audit.ts';
import { endSessionsOfPartner } from '../staff/sessions.ts';
import { PARTNER_SERVICES, type PartnerService } from './referral-schema.ts';

export const partnerSchema = z.object({
  name: z.string().trim().min(2).max(160),
  services: z.array(z.enum(PARTNER_SERVICES)).min(1, 'choose at least one service'),
  regions: z.array(z.string().regex(/^[A-Z]{2}$/, 'must be ISO 3166-1 alpha-2 codes such as NP')).max(50),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'must be ISO 639 codes such as ne')).max(30),
  intakeContact: z.string().trim().min(3).max(200),
  ackHours: z.number().int().min(1).max(720).optional(),
  retentionDays: z.number().int().min(1).max(3650).optional(),
});
export type NewPartner = z.infer<typeof partnerSchema>;

export interface Partner {
  id: string;
  name: string;
  services: PartnerService[];
  regions: string[];
  languages: string[];
  intakeContact: string;
  ackHours: number | null;
  retentionDays: number | null;
  active: boolean;
}

interface PartnerRow {
  id: string;
  name: string;
  services: PartnerService[];
  regions: string[];
  languages: string[];
  intake_contact: string;
  ack_hours: number | null;
  retention_days: number | null;
  active: boolean;
}

const COLUMNS = 'id, name, services, regions, languages, intake_contact, ack_hours, retention_days, active';

/** The partner's key; its referrals' keys are wrapped by it (packet-crypto.ts). */
export const partnerKeyContext = (partnerId: string) => `partner:${partnerId}`;

const toPartner = (r: PartnerRow): Partner => ({
  id: r.id,
  name: r.name,
  services: r.services,
  regions: r.regions,
  languages: r.languages,
  intakeContact: r.intake_contact,
  ackHours: r.ack_hours,
  retentionDays: r.retention_days,
  active: r.active,
});

export async function createPartner(
  deps: Pick<Deps, 'db' | 'keys' | 'now'>,
  actorId: string | null,
  partner: NewPartner,
): Promise<Partner> {
  const id = randomUUID();
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [taken] = await tx.query('select 1 from partners where lower(name) = lower($1)', [partner.name]);
    if (taken) throw new HttpError(409, 'partner-exists', 'A partner with this name already exists.');
    const [row] = await tx.query<PartnerRow>(
      `insert into partners (id, name, services, regions, languages, intake_contact, ack_hours, retention_days, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${COLUMNS}`,
      [
        id,
        partner.name,
        partner.services,
        partner.regions,
        partner.languages,
        partner.intakeContact,
        partner.ackHours ?? null,
        partner.retentionDays ?? null,
        now,
      ],
    );
    await createRecordKey(tx, deps.keys, partnerKeyContext(id), { wrapsKeys: true });
    await appendAudit(tx, deps.keys, { actorId, action: 'partner.create', subject: id }, now);
    return toPartner(row!);
  });
}

/**
 * Deactivating a partner ends its caseworkers' access at once: their sessions end here, and the
 * access check (staff/authorize.ts) refuses any caseworker of an inactive partner.
 */
export async function setPartnerActive(
  deps: Pick<Deps, 'db' | 'now' | 'keys'>,
  actorId: string,
  partnerId: string,
  active: boolean,
): Promise<{ sessionsRevoked: number }> {
  return deps.db.transaction(async (tx) => {
    const rows = z.uuid().safeParse(partnerId).success
      ? await tx.query('update partners set active = $2 where id = $1 returning id', [partnerId, active])
      : [];
    if (rows.length === 0) throw new HttpError(404, 'not-found', 'There is no such partner.');
    const sessionsRevoked = active ? 0 : await endSessionsOfPartner(tx, partnerId);
    await appendAudit(
      tx,
      deps.keys,
      {
        actorId,
        action: active ? 'partner.activate' : 'partner.deactivate',
        subject: partnerId,
        details: { sessionsRevoked },
      },
      deps.now(),
    );
    return { sessionsRevoked };
  });
}

export interface PartnerFilter {
  need?: PartnerService;
  region?: string;
  language?: string;
  includeInactive?: boolean;
}

/** Partners, best matches first: those offering the need, in the region and the language. */
export async function listPartners(db: Queryable, filter: PartnerFilter = {}): Promise<Partner[]> {
  const rows = await db.query<PartnerRow>(
    `select ${COLUMNS} from partners
     where ($1::boolean or active)
       and ($2::text is null or $2 = any(services))
     order by (cardinality(regions) = 0 or $3::text = any(regions)) desc,
              ($4::text = any(languages)) desc, name`,
    [filter.includeInactive ?? false, filter.need ?? null, filter.region ?? null, filter.language ?? null],
  );
  return rows.map(toPartner);
}

export async function getPartner(db: Queryable, partnerId: string): Promise<Partner | null> {
  const [row] = await db.query<PartnerRow>(`select ${COLUMNS} from partners where id = $1`, [partnerId]);
  return row ? toPartner(row) : null;
}
