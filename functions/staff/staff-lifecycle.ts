/**
 * A staff account's life: created with a set-up link, then deactivated and reactivated, signed out
 * everywhere, given another role, or sent a new set-up link when the authenticator is lost.
 * The staff page and the API call these same commands with these same schemas, so the rules live
 * here only: the console never loses its last active administrator, a caseworker belongs to an
 * active partner, and every change is audited in the transaction that makes it.
 */
import { z } from 'zod';
import type { Queryable, Transaction } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { appendAudit } from './audit.ts';
import { ROLES, type Role } from './roles.ts';
import { endSessionsOf, IDLE_MS } from './sessions.ts';
import { createStaffWithSetupLink, newSetupLink, revokeSetupLinks } from './setup-links.ts';

// Changes to accounts are serialised, so two administrators demoting each other at once cannot
// leave the console without one.
const STAFF_LOCK = 0x53_54_41_46; // "STAF"

const withPartner = <T extends { role: Role; partnerId?: string | undefined }>(s: T) =>
  s.role !== 'partner-caseworker' || s.partnerId !== undefined;
const partnerNeeded = { message: 'a partner caseworker needs partnerId', path: ['partnerId'] };

export const newStaffSchema = z
  .object({
    email: z.email().max(200),
    role: z.enum(ROLES),
    partnerId: z.uuid().optional(),
  })
  .refine(withPartner, partnerNeeded);
export type NewStaff = z.infer<typeof newStaffSchema>;

export const roleChangeSchema = z
  .object({ role: z.enum(ROLES), partnerId: z.uuid().optional() })
  .refine(withPartner, partnerNeeded);
export type RoleChange = z.infer<typeof roleChangeSchema>;

export const staffIdSchema = z.uuid();

export type StaffStatus = 'active' | 'pending-setup' | 'deactivated';

export interface StaffSummary {
  id: string;
  email: string;
  role: Role;
  partnerId: string | null;
  partnerName: string | null;
  status: StaffStatus;
  /** Signed-in sessions that are still open. */
  sessions: number;
  lastSignInAt: Date | null;
}

type LifecycleDeps = Pick<Deps, 'db' | 'config' | 'keys' | 'now'>;

interface Target {
  id: string;
  email: string;
  role: Role;
  active: boolean;
  deactivated: boolean;
}

async function lockAndLoad(tx: Transaction, staffId: string): Promise<Target> {
  await tx.query('select pg_advisory_xact_lock($1)', [STAFF_LOCK]);
  const [row] = staffIdSchema.safeParse(staffId).success
    ? await tx.query<Target>(
        'select id, email, role, active, deactivated_at is not null as deactivated from staff_users where id = $1',
        [staffId],
      )
    : [];
  if (!row) throw new HttpError(404, 'not-found', 'There is no such staff member.');
  return row;
}

async function keepAnAdministrator(tx: Queryable, target: Target): Promise<void> {
  if (target.role !== 'admin' || !target.active) return;
  const [others] = await tx.query<{ n: number }>(
    `select count(*)::int as n from staff_users where role = 'admin' and active and id <> $1`,
    [target.id],
  );
  if ((others?.n ?? 0) === 0) {
    throw new HttpError(
      409,
      'last-admin',
      'This is the last active administrator: make someone else an administrator first.',
    );
  }
}

async function activePartner(
  tx: Queryable,
  role: Role,
  partnerId: string | undefined,
): Promise<string | null> {
  if (role !== 'partner-caseworker') return null;
  const [partner] = await tx.query('select 1 from partners where id = $1 and active', [partnerId]);
  if (!partner) {
    throw new HttpError(422, 'no-such-partner', 'Choose an active partner organisation.', {
      fields: [{ field: 'partnerId', message: 'Choose an active partner organisation.' }],
    });
  }
  return partnerId!;
}

export async function createStaffAccount(
  deps: LifecycleDeps,
  actorId: string | null,
  input: NewStaff,
  via: 'console' | 'cli' = 'console',
): Promise<{ id: string; setupLink: string }> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [STAFF_LOCK]);
    const partnerId = await activePartner(tx, input.role, input.partnerId);
    const [taken] = await tx.query('select 1 from staff_users where email = $1', [
      input.email.trim().toLowerCase(),
    ]);
    if (taken) throw new HttpError(409, 'staff-exists', 'An account with this email already exists.');
    const created = await createStaffWithSetupLink(
      tx,
      deps.config,
      { email: input.email, role: input.role, partnerId },
      now,
    );
    await appendAudit(
      tx,
      deps.keys,
      { actorId, action: 'staff.created', subject: input.email, details: { role: input.role, via } },
      now,
    );
    return { id: created.userId, setupLink: created.url };
  });
}

/** The account can no longer sign in; its sessions and unused set-up links end at once. */
export async function deactivateStaff(
  deps: LifecycleDeps,
  actorId: string,
  staffId: string,
): Promise<{ sessionsRevoked: number }> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const target = await lockAndLoad(tx, staffId);
    await keepAnAdministrator(tx, target);
    await tx.query(
      'update staff_users set active = false, deactivated_at = coalesce(deactivated_at, $2) where id = $1',
      [target.id, now],
    );
    const sessionsRevoked = await endSessionsOf(tx, target.id);
    const linksRevoked = await revokeSetupLinks(tx, target.id);
    await appendAudit(
      tx,
      deps.keys,
      {
        actorId,
        action: 'staff.deactivated',
        subject: target.id,
        details: { sessionsRevoked, linksRevoked },
      },
      now,
    );
    return { sessionsRevoked };
  });
}

/**
 * The account may sign in again with its password and authenticator. One that never finished
 * set-up needs a new set-up link (resetAuthenticator).
 */
export async function reactivateStaff(
  deps: LifecycleDeps,
  actorId: string,
  staffId: string,
): Promise<{ status: StaffStatus }> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const target = await lockAndLoad(tx, staffId);
    const [row] = await tx.query<{ active: boolean }>(
      `update staff_users set deactivated_at = null,
         active = (password_hash is not null and totp_secret is not null)
       where id = $1 returning active`,
      [target.id],
    );
    await appendAudit(tx, deps.keys, { actorId, action: 'staff.reactivated', subject: target.id }, now);
    return { status: row?.active ? 'active' : 'pending-setup' };
  });
}

export async function revokeStaffSessions(
  deps: LifecycleDeps,
  actorId: string,
  staffId: string,
): Promise<{ sessionsRevoked: number }> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const target = await lockAndLoad(tx, staffId);
    const sessionsRevoked = await endSessionsOf(tx, target.id);
    await appendAudit(
      tx,
      deps.keys,
      { actorId, action: 'staff.sessions-revoked', subject: target.id, details: { sessionsRevoked } },
      now,
    );
    return { sessionsRevoked };
  });
}

/** Takes effect on the account's next request: every request reads the role afresh. */
export async function changeStaffRole(
  deps: LifecycleDeps,
  actorId: string,
  staffId: string,
  change: RoleChange,
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const target = await lockAndLoad(tx, staffId);
    if (change.role !== 'admin') await keepAnAdministrator(tx, target);
    const partnerId = await activePartner(tx, change.role, change.partnerId);
    await tx.query('update staff_users set role = $2, partner_id = $3 where id = $1', [
      target.id,
      change.role,
      partnerId,
    ]);
    await appendAudit(
      tx,
      deps.keys,
      {
        actorId,
        action: 'staff.role-changed',
        subject: target.id,
        details: { from: target.role, to: change.role, partnerId },
      },
      now,
    );
  });
}

/**
 * For a lost or compromised authenticator: the secret and password are gone, every session ends,
 * and a fresh set-up link (revoking older ones) lets the person choose a password and enrol again.
 */
export async function resetAuthenticator(
  deps: LifecycleDeps,
  actorId: string,
  staffId: string,
): Promise<{ setupLink: string; sessionsRevoked: number }> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const target = await lockAndLoad(tx, staffId);
    if (target.deactivated)
      throw new HttpError(409, 'staff-deactivated', 'This account is deactivated: reactivate it first.');
    await tx.query(
      'update staff_users set totp_secret = null, password_hash = null, active = false where id = $1',
      [target.id],
    );
    const sessionsRevoked = await endSessionsOf(tx, target.id);
    const setupLink = await newSetupLink(tx, deps.config, target.id, now);
    await appendAudit(
      tx,
      deps.keys,
      { actorId, action: 'staff.authenticator-reset', subject: target.id, details: { sessionsRevoked } },
      now,
    );
    return { setupLink, sessionsRevoked };
  });
}

export async function listStaff(db: Queryable, now: Date): Promise<StaffSummary[]> {
  const rows = await db.query<{
    id: string;
    email: string;
    role: Role;
    partner_id: string | null;
    partner_name: string | null;
    active: boolean;
    deactivated: boolean;
    sessions: number;
    last_sign_in_at: Date | null;
  }>(
    `select u.id, u.email, u.role, u.partner_id, p.name as partner_name, u.active,
            u.deactivated_at is not null as deactivated, u.last_sign_in_at,
            (select count(*)::int from staff_sessions s
             where s.user_id = u.id and s.stage = 'full' and s.expires_at > $1 and s.last_seen_at > $2) as sessions
     from staff_users u left join partners p on p.id = u.partner_id
     order by u.email`,
    [now, new Date(now.getTime() - IDLE_MS)],
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    partnerId: r.partner_id,
    partnerName: r.partner_name,
    status: r.deactivated ? 'deactivated' : r.active ? 'active' : 'pending-setup',
    sessions: r.sessions,
    lastSignInAt: r.last_sign_in_at,
  }));
}

/** Active hotline staff (no partner caseworkers): whom an item can be handed to. */
export async function activeHotlineStaff(db: Queryable): Promise<{ id: string; email: string }[]> {
  return db.query<{ id: string; email: string }>(
    `select id, email from staff_users where active and role <> 'partner-caseworker' order by email`,
  );
}
