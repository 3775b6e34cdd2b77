/**
 * One-time setup links: how a new staff member (and the very first admin) sets a password and
 * enrols the second factor, and how someone whose authenticator was reset enrols a new one. The
 * link holds a random token; only its hash is stored, it works once, it expires after 72 hours,
 * and a newer link for the same person revokes the older ones.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Config } from '../config/load-config.ts';
import type { Queryable } from '../db/database.ts';
import type { Role } from './roles.ts';
import { insertStaff } from './staff-store.ts';

export const SETUP_LINK_TTL_MS = 72 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest();

export async function createStaffWithSetupLink(
  db: Queryable,
  config: Pick<Config, 'publicBaseUrl'>,
  s: { email: string; role: Role; partnerId?: string | null },
  now: Date,
): Promise<{ userId: string; url: string }> {
  const userId = randomUUID();
  await insertStaff(db, { id: userId, email: s.email, role: s.role, partnerId: s.partnerId, now });
  return { userId, url: await newSetupLink(db, config, userId, now) };
}

export async function newSetupLink(
  db: Queryable,
  config: Pick<Config, 'publicBaseUrl'>,
  userId: string,
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await revokeSetupLinks(db, userId);
  await db.query('insert into setup_links (token_hash, user_id, expires_at) values ($1, $2, $3)', [
    hashToken(token),
    userId,
    new Date(now.getTime() + SETUP_LINK_TTL_MS),
  ]);
  return new URL(`/console/setup/${token}`, config.publicBaseUrl).href;
}

export async function openSetupLink(
  db: Queryable,
  token: string,
  now: Date,
): Promise<{ userId: string; email: string; role: Role } | null> {
  if (token.length > 100) return null;
  const [row] = await db.query<{ user_id: string; email: string; role: Role }>(
    `select l.user_id, u.email, u.role from setup_links l join staff_users u on u.id = l.user_id
     where l.token_hash = $1 and l.used_at is null and l.expires_at > $2 and u.deactivated_at is null`,
    [hashToken(token), now],
  );
  return row ? { userId: row.user_id, email: row.email, role: row.role } : null;
}

export async function spendSetupLink(db: Queryable, token: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    'update setup_links set used_at = $2 where token_hash = $1 and used_at is null returning 1',
    [hashToken(token), now],
  );
  return rows.length === 1;
}

/** Unused links of one person stop working (a newer link, a deactivated account). */
export async function revokeSetupLinks(db: Queryable, userId: string): Promise<number> {
  const rows = await db.query('delete from setup_links where user_id = $1 and used_at is null returning 1', [
    userId,
  ]);
  return rows.length;
}
