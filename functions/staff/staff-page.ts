/**
 * The staff page of the page table: administrators create accounts (each gets a one-time set-up
 * link), deactivate or reactivate them, sign them out everywhere, change their role, or reset their
 * authenticator. Every action is a command of staff-lifecycle.ts, the same the API calls, with the
 * same schemas; the form's fields are only turned into their input.
 */
import type { UiKey } from '#kernel/i18n/ui.ts';
import type { PageAction, PageData, StaffPageContext } from '../console/page-table.ts';
import { staffPage as declarePage } from '../console/page-table.ts';
import { HttpError } from '../http/http-error.ts';
import { listPartners } from '../referrals/partners.ts';
import type { ROLES } from './roles.ts';
import {
  changeStaffRole,
  createStaffAccount,
  deactivateStaff,
  listStaff,
  newStaffSchema,
  reactivateStaff,
  resetAuthenticator,
  revokeStaffSessions,
  roleChangeSchema,
} from './staff-lifecycle.ts';

/** Least privilege first: a new account is an operator unless someone chooses otherwise. */
const ROLE_ORDER = [
  'operator',
  'supervisor',
  'admin',
  'partner-caseworker',
] as const satisfies (typeof ROLES)[number][];

const field = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const optional = (form: FormData, name: string) => field(form, name) || undefined;

const KNOWN: Partial<Record<string, UiKey>> = {
  'last-admin': 'console.staff.lastAdmin',
  'staff-exists': 'console.staffExists',
  'no-such-partner': 'console.staffInvalid',
  'staff-deactivated': 'console.staff.reactivateFirst',
};

/** Runs a command; its known refusals are said in the staff member's language. */
function act(
  run: (
    context: StaffPageContext,
    form: FormData,
    emailOf: () => Promise<string>,
  ) => Promise<{ notice: string; link?: string }>,
): PageAction {
  return {
    async run(context, form) {
      const staffId = field(form, 'staff');
      const emailOf = async () =>
        (await listStaff(context.deps.db, context.deps.now())).find((s) => s.id === staffId)?.email ?? '';
      try {
        return { state: await run(context, form, emailOf) };
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        const key = KNOWN[error.code];
        if (!key || error.status === 404) throw error;
        throw new HttpError(error.status, error.code, context.t(key));
      }
    },
  };
}

export const staffAccountsPage = declarePage({
  path: '/console/staff',
  access: { permission: 'staff:manage' },
  async load({ deps }: StaffPageContext, state) {
    return {
      notice: state?.notice as string | undefined,
      link: state?.link as string | undefined,
      staff: await listStaff(deps.db, deps.now()),
      partners: await listPartners(deps.db),
      roles: ROLE_ORDER,
      defaultRole: ROLE_ORDER[0],
    };
  },
  actions: {
    create: act(async ({ deps, session, t }, form) => {
      const parsed = newStaffSchema.safeParse({
        email: field(form, 'email'),
        role: field(form, 'role'),
        partnerId: optional(form, 'partnerId'),
      });
      if (!parsed.success) throw new HttpError(422, 'staff-invalid', t('console.staffInvalid'));
      const { setupLink } = await createStaffAccount(deps, session.user.id, parsed.data);
      return { notice: t('console.staffCreated'), link: setupLink };
    }),
    deactivate: act(async ({ deps, session, t }, form, emailOf) => {
      const { sessionsRevoked } = await deactivateStaff(deps, session.user.id, field(form, 'staff'));
      return { notice: t('console.staff.deactivated', { email: await emailOf(), count: sessionsRevoked }) };
    }),
    reactivate: act(async ({ deps, session, t }, form, emailOf) => {
      const { status } = await reactivateStaff(deps, session.user.id, field(form, 'staff'));
      return {
        notice: t(status === 'active' ? 'console.staff.reactivated' : 'console.staff.reactivatedPending', {
          email: await emailOf(),
        }),
      };
    }),
    'revoke-sessions': act(async ({ deps, session, t }, form, emailOf) => {
      const { sessionsRevoked } = await revokeStaffSessions(deps, session.user.id, field(form, 'staff'));
      return {
        notice: t('console.staff.sessionsRevoked', { email: await emailOf(), count: sessionsRevoked }),
      };
    }),
    role: act(async ({ deps, session, t }, form, emailOf) => {
      const parsed = roleChangeSchema.safeParse({
        role: field(form, 'role'),
        partnerId: optional(form, 'partnerId'),
      });
      if (!parsed.success) throw new HttpError(422, 'staff-invalid', t('console.staffInvalid'));
      await changeStaffRole(deps, session.user.id, field(form, 'staff'), parsed.data);
      return {
        notice: t('console.staff.roleChanged', {
          email: await emailOf(),
          role: t(`console.role.${parsed.data.role}` as UiKey),
        }),
      };
    }),
    'reset-authenticator': act(async ({ deps, session, t }, form, emailOf) => {
      const { setupLink } = await resetAuthenticator(deps, session.user.id, field(form, 'staff'));
      return { notice: t('console.staff.authenticatorReset', { email: await emailOf() }), link: setupLink };
    }),
  },
});
export type StaffPageData = PageData<typeof staffAccountsPage>;
