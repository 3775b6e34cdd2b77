/** The console's queue API: list, claim, release, escalate, reprioritise, reassign, reply, close. */
import { z } from 'zod';
import { HttpError } from '../http/http-error.ts';
import { json } from '../http/json.ts';
import type { RouteContext } from '../http/route.ts';
import {
  changePriority,
  claimItem,
  claimNext,
  closeItem,
  escalate,
  OUTCOMES,
  reassign,
  release,
} from '../queue/claims.ts';
import { PRIORITIES } from '../queue/priority.ts';
import { can } from '../staff/roles.ts';
import { openQueue } from './queue-view.ts';
import { replyToItem } from './reply.ts';

const itemId = (context: RouteContext) => {
  const id = context.params.id ?? '';
  if (!z.uuid().safeParse(id).success) throw new HttpError(404, 'not-found', 'There is no such item.');
  return id;
};

const actor = (context: RouteContext) => {
  const user = context.session!.user;
  // Supervisors and admins may act on items others hold.
  return { id: user.id, mayOverride: can(user.role, 'queue:assign') };
};

export async function listQueue(_request: Request, context: RouteContext): Promise<Response> {
  const { deps, session } = context;
  return json({ items: await openQueue(deps.db, deps.config, session!.user.id, deps.now()) });
}

export async function claimNextItem(_request: Request, context: RouteContext): Promise<Response> {
  const item = await claimNext(context.deps, context.session!.user.id);
  return item ? json({ item }) : json({ item: null }, { status: 200 });
}

export async function claimOne(_request: Request, context: RouteContext): Promise<Response> {
  return json({ item: await claimItem(context.deps, context.session!.user.id, itemId(context)) });
}

export async function releaseOne(_request: Request, context: RouteContext): Promise<Response> {
  await release(context.deps, actor(context), itemId(context));
  return new Response(null, { status: 204 });
}

const reasonSchema = z.object({ reason: z.string().trim().min(3).max(500) });

export async function escalateOne(_request: Request, context: RouteContext): Promise<Response> {
  const { data } = await context.readBody(reasonSchema);
  await escalate(context.deps, actor(context), itemId(context), data.reason);
  return new Response(null, { status: 204 });
}

const prioritySchema = z.object({ priority: z.enum(PRIORITIES), reason: z.string().trim().min(3).max(500) });

export async function reprioritise(_request: Request, context: RouteContext): Promise<Response> {
  const { data } = await context.readBody(prioritySchema);
  await changePriority(context.deps, actor(context), itemId(context), data.priority, data.reason);
  return new Response(null, { status: 204 });
}

const reassignSchema = z.object({ staffId: z.uuid() });

export async function reassignOne(_request: Request, context: RouteContext): Promise<Response> {
  const { data } = await context.readBody(reassignSchema);
  await reassign(context.deps, actor(context), itemId(context), data.staffId);
  return new Response(null, { status: 204 });
}

const replySchema = z.object({ message: z.string().trim().min(1).max(1600) });

export async function replyOne(_request: Request, context: RouteContext): Promise<Response> {
  const { data } = await context.readBody(replySchema);
  await replyToItem(context.deps, context.session!.user.id, itemId(context), data.message);
  return new Response(null, { status: 202 });
}

const closeSchema = z.object({ outcome: z.enum(OUTCOMES) });

export async function closeOne(_request: Request, context: RouteContext): Promise<Response> {
  const { data } = await context.readBody(closeSchema);
  await closeItem(context.deps, actor(context), itemId(context), data.outcome);
  return new Response(null, { status: 204 });
}
