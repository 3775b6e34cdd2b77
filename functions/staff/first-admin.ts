/**
 * On a fresh install there is nobody to sign in: create the first administrator and hand out a
 * one-time set-up link (printed by the server at start, and left in DATA_DIR for installs where
 * nobody watches the output). Again at every start until an administrator has finished setting up,
 * in case the link expired; each new link revokes the older ones, and the file goes as soon as it
 * is no longer needed, so an old copy of it opens nothing.
 */
import { chmod, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/load-config.ts';
import type { Deps } from '../deps.ts';
import { appendAudit } from './audit.ts';
import { createStaffWithSetupLink, newSetupLink } from './setup-links.ts';

export function firstAdminLinkFile(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'first-admin-link.txt');
}

export async function firstAdminLink(
  deps: Pick<Deps, 'db' | 'config' | 'keys' | 'now'>,
): Promise<string | null> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string; active: boolean }>(
      `select id, active from staff_users where role = 'admin' and deactivated_at is null
       order by active desc, created_at limit 1`,
    );
    const admin = rows[0];
    if (admin?.active) return null;
    const { userId, url } = admin
      ? { userId: admin.id, url: await newSetupLink(tx, deps.config, admin.id, now) }
      : await createStaffWithSetupLink(tx, deps.config, { email: 'admin', role: 'admin' }, now);
    await appendAudit(
      tx,
      deps.keys,
      { actorId: null, action: 'staff.setup-link', subject: userId, details: { via: 'first-admin' } },
      now,
    );
    return url;
  });
}

/** At start: a fresh link written to the file (owner-only), or no file when no link is due. */
export async function publishFirstAdminLink(
  deps: Pick<Deps, 'db' | 'config' | 'keys' | 'now'>,
): Promise<string | null> {
  const link = await firstAdminLink(deps);
  const file = firstAdminLinkFile(deps.config);
  if (!link) {
    await rm(file, { force: true });
    return null;
  }
  await writeFile(file, `${link}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return link;
}

/** An administrator has finished setting up: no first-admin link is due any more. */
export async function removeFirstAdminLinkFile(config: Pick<Config, 'dataDir'>): Promise<void> {
  await rm(firstAdminLinkFile(config), { force: true });
}
