/**
 * The console's queue API: list, claim the next, and every item command of queue-commands.ts
 * (claim, release, escalate, reprioritise, reassign, reply, close, note) with its own schema.
 */
import { json } from '../http/json.ts';
import type { Route, RouteContext } from '../http/route.ts';
import { claimNextFor, ITEM_COMMANDS, type ItemCommandName, validItemId } from './queue-commands.ts';
import { openQueue } from './queue-view.ts';

export async function listQueue(_request: Request, context: RouteContext): Promise<Response> {
  const { deps, session } = context;
  return json({ items: await openQueue(deps.db, deps.config, session!.user.id, deps.now()) });
}

export async function claimNextItem(_request: Request, context: RouteContext): Promise<Response> {
  return json({ item: await claimNextFor(context.deps, context.session!) });
}

const ANSWERS: Record<ItemCommandName, (result: unknown) => Response> = {
  claim: (item) => json({ item }),
  release: () => new Response(null, { status: 204 }),
  escalate: () => new Response(null, { status: 204 }),
  priority: () => new Response(null, { status: 204 }),
  reassign: () => new Response(null, { status: 204 }),
  reply: () => new Response(null, { status: 202 }),
  call: () => new Response(null, { status: 204 }),
  close: () => new Response(null, { status: 204 }),
  note: () => new Response(null, { status: 201 }),
};

/** The route of one item command: `POST /api/console/queue/:id/<path>`. */
export function itemCommandRoute(name: ItemCommandName, path: string = name): Route {
  const command = ITEM_COMMANDS[name];
  return {
    method: 'POST',
    path: `/api/console/queue/:id/${path}`,
    access: { permission: command.permission },
    handler: async (_request, context) => {
      const id = validItemId(context.params.id);
      const needsBody = Object.keys(command.schema.shape).length > 0;
      const input = needsBody ? (await context.readBody(command.schema)).data : {};
      // biome-ignore lint/suspicious/noExplicitAny: each command's input is its own schema's
      const result = await command.run(context.deps, context.session!, id, input as any);
      return ANSWERS[name](result);
    },
  };
}
