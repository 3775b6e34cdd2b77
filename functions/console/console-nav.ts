/**
 * The console's menu for one staff member: the rooms their role opens, and, for supervisors, how
 * many referrals wait for them (exceptions to confirm, partners that did not acknowledge in time).
 */
import type { Translate } from '#kernel/i18n/ui.ts';
import type { Deps } from '../deps.ts';
import { referralsNeedingSupervisor } from '../referrals/referral-views.ts';
import { can, type Permission } from '../staff/roles.ts';
import type { Session } from '../staff/sessions.ts';
import type { ConsoleNav } from './page-table.ts';

const ROOMS: { href: string; permission: Permission; label: Parameters<Translate>[0] }[] = [
  { href: '/console/', permission: 'queue:read', label: 'console.queue' },
  { href: '/console/search', permission: 'conversation:read', label: 'console.search' },
  { href: '/console/referrals', permission: 'referral:create', label: 'console.referrals' },
  { href: '/console/intake', permission: 'referral:intake', label: 'console.intake' },
  { href: '/console/floor', permission: 'queue:floor', label: 'console.floor' },
  { href: '/console/staff', permission: 'staff:manage', label: 'console.staff' },
  { href: '/console/partners', permission: 'partner:manage', label: 'console.partners' },
  { href: '/console/statistics', permission: 'statistics:read', label: 'console.statistics' },
  { href: '/console/directory', permission: 'directory:verify', label: 'console.directory' },
  { href: '/console/jobs', permission: 'jobs:read', label: 'console.jobs' },
  { href: '/console/simulator', permission: 'simulator:use', label: 'console.simulator' },
];

export async function consoleNav(deps: Deps, session: Session | null, t: Translate): Promise<ConsoleNav> {
  if (session?.stage !== 'full') return { links: [] };
  const role = session.user.role;
  const attention = can(role, 'referral:confirm') ? await referralsNeedingSupervisor(deps.db, deps.now()) : 0;
  return {
    email: session.user.email,
    csrf: session.csrfToken,
    live: can(role, 'queue:read'),
    links: ROOMS.filter((room) => can(role, room.permission)).map((room) => ({
      href: room.href,
      label: t(room.label),
      attention:
        room.href === '/console/referrals' && attention > 0
          ? t('console.referral.attention', { count: attention })
          : undefined,
    })),
  };
}
