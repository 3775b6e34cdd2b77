/** The staff API (`staff:manage`): the same commands and schemas as the staff page (staff-lifecycle.ts). */
import { json } from '../http/json.ts';
import type { RouteContext } from '../http/route.ts';
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

const actor = (context: RouteContext) => context.session!.user.id;
const target = (context: RouteContext) => context.params.id ?? '';

export async function staffList(_request: Request, context: RouteContext): Promise<Response> {
  return json({ staff: await listStaff(context.deps.db, context.deps.now()) });
}

export async function staffCreate(_request: Request, context: RouteContext): Promise<Response> {
  const { data } = await context.readBody(newStaffSchema);
  return json(await createStaffAccount(context.deps, actor(context), data), { status: 201 });
}

export async function staffDeactivate(_request: Request, context: RouteContext): Promise<Response> {
  return json(await deactivateStaff(context.deps, actor(context), target(context)));
}

export async function staffReactivate(_request: Request, context: RouteContext): Promise<Response> {
  return json(await reactivateStaff(context.deps, actor(context), target(context)));
}

export async function staffRevokeSessions(_request: Request, context: RouteContext): Promise<Response> {
  return json(await revokeStaffSessions(context.deps, actor(context), target(context)));
}

export async function staffChangeRole(_request: Request, context: RouteContext): Promise<Response> {
  const { data } = await context.readBody(roleChangeSchema);
  await changeStaffRole(context.deps, actor(context), target(context), data);
  return new Response(null, { status: 204 });
}

export async function staffResetAuthenticator(_request: Request, context: RouteContext): Promise<Response> {
  return json(await resetAuthenticator(context.deps, actor(context), target(context)));
}
