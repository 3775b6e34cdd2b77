/** SQL for staff accounts, setup links and sessions. */
import type { Queryable } from '../db/database.ts';
import type { Role } from './roles.ts';

export interface StaffRow {
  id: string;
  email: string;
  role: Role;
  partner_id: string | null;
  password_hash: string | null;
  totp_secret: Uint8Array | null;
  /** May sign in now: set up (password and authenticator) and not deactivated. */
  active: boolean;
}

export const STAFF_COLUMNS = [
  'id',
  'email',
  'role',
  'partner_id',
  'password_hash',
  'totp_secret',
  'active',
] as const satisfies readonly (keyof StaffRow)[];
const STAFF = STAFF_COLUMNS.join(', ');

export async function staffByEmail(db: Queryable, email: string): Promise<StaffRow | undefined> {
  return (
    await db.query<StaffRow>(`select ${STAFF} from staff_users where email = $1`, [
      email.trim().toLowerCase(),
    ])
  )[0];
}

export async function staffById(db: Queryable, id: string): Promise<StaffRow | undefined> {
  return (await db.query<StaffRow>(`select ${STAFF} from staff_users where id = $1`, [id]))[0];
}

export async function countStaff(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>('select count(*)::int as n from staff_users'))[0]?.n ?? 0;
}

export async function insertStaff(
  db: Queryable,
  s: { id: string; email: string; role: Role; partnerId?: string | null; now: Date },
): Promise<void> {
  await db.query(
    'insert into staff_users (id, email, role, partner_id, created_at) values ($1, $2, $3, $4, $5)',
    [s.id, s.email.trim().toLowerCase(), s.role, s.partnerId ?? null, s.now],
  );
}

export async function completeSetup(
  db: Queryable,
  id: string,
  passwordHash: string,
  totpSecret: Buffer,
): Promise<boolean> {
  const rows = await db.query(
    'update staff_users set password_hash = $2, totp_secret = $3, active = true where id = $1 and deactivated_at is null returning 1',
    [id, passwordHash, totpSecret],
  );
  return rows.length === 1;
}
