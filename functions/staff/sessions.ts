/**
 * Server-side staff sessions. The cookie carries a random token; the database keeps only its hash,
 * so a database leak yields no usable session. Sessions end after 30 idle minutes or 12 hours,
 * whichever comes first; the half-signed-in state (password done, second factor pending) lasts 5.
 * The cookie is HttpOnly and SameSite=Strict, and Secure (with the __Host- prefix) over HTTPS.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config/load-config.ts';
import type { Queryable } from '../db/database.ts';
import { readCookie } from '../http/cookies.ts';
import { STAFF_COLUMNS, type StaffRow } from './staff-store.ts';

export const IDLE_MS = 30 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const PASSWORD_STAGE_MS = 5 * 60 * 1000;

export interface Session {
  idHash: Buffer;
  stage: 'password' | 'full';
  csrfToken: string;
  user: StaffRow;
  /** A partner caseworker whose organisation an administrator deactivated: refused everywhere. */
  partnerInactive: boolean;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest();

export function cookieName(config: Pick<Config, 'https'>): string {
  return config.https ? '__Host-waymark-staff' : 'waymark-staff';
}

export function sessionCookie(config: Pick<Config, 'https'>, token: string): string {
  return `${cookieName(config)}=${token}; Path=/; HttpOnly; SameSite=Strict${config.https ? '; Secure' : ''}`;
}

export function clearedCookie(config: Pick<Config, 'https'>): string {
  return `${cookieName(config)}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${config.https ? '; Secure' : ''}`;
}

export function tokenFromRequest(config: Pick<Config, 'https'>, request: Request): string | null {
  return readCookie(request, cookieName(config));
}

export async function createSession(
  db: Queryable,
  userId: string,
  stage: 'password' | 'full',
  now: Date,
  /** For the password stage: the known device's failure bucket that let the password through. */
  deviceBucket: Buffer | null = null,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expires = new Date(now.getTime() + (stage === 'full' ? ABSOLUTE_MS : PASSWORD_STAGE_MS));
  await db.query(
    `insert into staff_sessions (id_hash, user_id, stage, csrf_token, created_at, last_seen_at, expires_at, device_bucket)
     values ($1, $2, $3, $4, $5, $5, $6, $7)`,
    [hashToken(token), userId, stage, csrfToken, now, expires, deviceBucket],
  );
  return { token, csrfToken };
}

/**
 * The session behind a cookie, if it still holds. `touch: false` reads it without counting as the
 * staff member's activity (live updates the browser keeps open by itself must not keep a session
 * alive forever).
 */
export async function readSession(
  db: Queryable,
  token: string | null,
  now: Date,
  { touch = true }: { touch?: boolean } = {},
): Promise<Session | null> {
  if (!token || token.length > 100) return null;
  const idHash = hashToken(token);
  const [row] = await db.query<
    StaffRow & {
      stage: 'password' | 'full';
      csrf_token: string;
      last_seen_at: Date;
      expires_at: Date;
      partner_active: boolean | null;
    }
  >(
    `select s.stage, s.csrf_token, s.last_seen_at, s.expires_at, ${STAFF_COLUMNS.map((c) => `u.${c}`).join(', ')},
            p.active as partner_active
     from staff_sessions s
     join staff_users u on u.id = s.user_id
     left join partners p on p.id = u.partner_id
     where s.id_hash = $1`,
    [idHash],
  );
  if (!row) return null;
  const idle =
    now.getTime() - row.last_seen_at.getTime() > (row.stage === 'full' ? IDLE_MS : PASSWORD_STAGE_MS);
  if (idle || now >= row.expires_at) {
    await db.query('delete from staff_sessions where id_hash = $1', [idHash]);
    return null;
  }
  if (!row.active) return null;
  // Writing on every request would make every page view a database write; once a minute is enough.
  if (touch && now.getTime() - row.last_seen_at.getTime() > 60_000) {
    await db.query('update staff_sessions set last_seen_at = $2 where id_hash = $1', [idHash, now]);
  }
  const { stage, csrf_token, partner_active } = row;
  const user = Object.fromEntries(STAFF_COLUMNS.map((c) => [c, row[c]])) as unknown as StaffRow;
  return {
    idHash,
    stage,
    csrfToken: csrf_token,
    user,
    partnerInactive: user.partner_id !== null && partner_active !== true,
  };
}

export async function endSession(db: Queryable, idHash: Buffer): Promise<void> {
  await db.query('delete from staff_sessions where id_hash = $1', [idHash]);
}

/** Ends every session of a partner organisation's caseworkers at once; returns how many there were. */
export async function endSessionsOfPartner(db: Queryable, partnerId: string): Promise<number> {
  const rows = await db.query(
    'delete from staff_sessions where user_id in (select id from staff_users where partner_id = $1) returning 1',
    [partnerId],
  );
  return rows.length;
}

/** Ends every session of one staff member at once; returns how many there were. */
export async function endSessionsOf(db: Queryable, userId: string): Promise<number> {
  const rows = await db.query('delete from staff_sessions where user_id = $1 returning 1', [userId]);
  return rows.length;
}

export function csrfMatches(session: Session, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
