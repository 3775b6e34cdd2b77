/**
 * Server-side staff sessions. The cookie carries a random token; the database keeps only its hash,
 * so a database leak yields no usable session. Sessions end after 30 idle minutes or 12 hours,
 * whichever comes first; the half-signed-in state (password done, second factor pending) lasts 5.
 * The cookie is HttpOnly and SameSite=Strict, and Secure (with the __Host- prefix) over HTTPS.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config/load-config.ts';
import type { Queryable } from '../db/database.ts';
import type { StaffRow } from './staff-store.ts';

export const IDLE_MS = 30 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const PASSWORD_STAGE_MS = 5 * 60 * 1000;

export interface Session {
  idHash: Buffer;
  stage: 'password' | 'full';
  csrfToken: string;
  user: StaffRow;
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
  const header = request.headers.get('cookie');
  if (!header) return null;
  const name = cookieName(config);
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}

export async function createSession(
  db: Queryable,
  userId: string,
  stage: 'password' | 'full',
  now: Date,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expires = new Date(now.getTime() + (stage === 'full' ? ABSOLUTE_MS : PASSWORD_STAGE_MS));
  await db.query(
    `insert into staff_sessions (id_hash, user_id, stage, csrf_token, created_at, last_seen_at, expires_at)
     values ($1, $2, $3, $4, $5, $5, $6)`,
    [hashToken(token), userId, stage, csrfToken, now, expires],
  );
  return { token, csrfToken };
}

export async function readSession(db: Queryable, token: string | null, now: Date): Promise<Session | null> {
  if (!token || token.length > 100) return null;
  const idHash = hashToken(token);
  const [row] = await db.query<{
    stage: 'password' | 'full';
    csrf_token: string;
    last_seen_at: Date;
    expires_at: Date;
    user_id: string;
  }>('select stage, csrf_token, last_seen_at, expires_at, user_id from staff_sessions where id_hash = $1', [
    idHash,
  ]);
  if (!row) return null;
  const idle =
    now.getTime() - row.last_seen_at.getTime() > (row.stage === 'full' ? IDLE_MS : PASSWORD_STAGE_MS);
  if (idle || now >= row.expires_at) {
    await db.query('delete from staff_sessions where id_hash = $1', [idHash]);
    return null;
  }
  const [user] = await db.query<StaffRow>(
    'select id, email, role, partner_id, password_hash, totp_secret, active from staff_users where id = $1',
    [row.user_id],
  );
  if (!user?.active) return null;
  // Writing on every request would make every page view a database write; once a minute is enough.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    await db.query('update staff_sessions set last_seen_at = $2 where id_hash = $1', [idHash, now]);
  }
  return { idHash, stage: row.stage, csrfToken: row.csrf_token, user };
}

export async function endSession(db: Queryable, idHash: Buffer): Promise<void> {
  await db.query('delete from staff_sessions where id_hash = $1', [idHash]);
}

export function csrfMatches(session: Session, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
