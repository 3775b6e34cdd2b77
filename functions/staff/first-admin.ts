/**
 * On a fresh install there is nobody to sign in: create the first administrator and hand out a
 * one-time set-up link (printed by the server at start). Again at every start until that
 * administrator has finished setting up, in case the link expired.
 */
import type { Deps } from '../deps.ts';
import { createStaffWithSetupLink, newSetupLink } from './setup-links.ts';

export async function firstAdminLink(deps: Pick<Deps, 'db' | 'config' | 'now'>): Promise<string | null> {
  const rows = await deps.db.query<{ id: string; active: boolean }>(
    `select id, active from staff_users where role = 'admin' order by active desc, created_at limit 1`,
  );
  const admin = rows[0];
  if (admin?.active) return null;
  if (admin) return newSetupLink(deps.db, deps.config, admin.id, deps.now());
  const { url } = await createStaffWithSetupLink(
    deps.db,
    deps.config,
    { email: 'admin', role: 'admin' },
    deps.now(),
  );
  return url;
}
