/**
 * What can be done to a queue item, once: each command names its permission and its zod schema, and
 * both doors call it the same way, the API route with a JSON or form body and the console's plain
 * HTML form with its fields. So an escalation needs a reason on both, reassigning names `staffId`
 * on both, and a field too long is refused on both (never cut short on one).
 */
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { fieldProblems } from '../http/read-body.ts';
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
import { can, type Permission } from '../staff/roles.ts';
import type { Session } from '../staff/sessions.ts';
import { addNote } from './notes.ts';
import { recordCall, replyToItem } from './reply.ts';

export const reasonSchema = z.object({ reason: z.string().trim().min(3).max(500) });
export const prioritySchema = z.object({
  priority: z.enum(PRIORITIES),
  reason: z.string().trim().min(3).max(500),
});
export const reassignSchema = z.object({ staffId: z.uuid() });
export const replySchema = z.object({ message: z.string().trim().min(1).max(1600) });
export const closeSchema = z.object({ outcome: z.enum(OUTCOMES) });
export const noteSchema = z.object({ note: z.string().trim().min(1).max(4000) });
const none = z.object({});

interface ItemCommand<S extends z.ZodType> {
  permission: Permission;
  schema: S;
  run(deps: Deps, session: Session, itemId: string, input: z.infer<S>): Promise<unknown>;
  /** Where the console's form goes after it: back to the item, or to the queue. */
  after: 'item' | 'queue';
}

const command = <S extends z.ZodType>(c: ItemCommand<S>) => c;

/** Supervisors and administrators may act on items others hold. */
export const actorOf = (session: Session) => ({
  id: session.user.id,
  mayOverride: can(session.user.role, 'queue:assign'),
});

export const ITEM_COMMANDS = {
  claim: command({
    permission: 'queue:claim',
    schema: none,
    run: (deps, session, id) => claimItem(deps, session.user.id, id),
    after: 'item',
  }),
  release: command({
    permission: 'queue:claim',
    schema: none,
    run: (deps, session, id) => release(deps, actorOf(session), id),
    after: 'queue',
  }),
  escalate: command({
    permission: 'queue:claim',
    schema: reasonSchema,
    run: (deps, session, id, input) => escalate(deps, actorOf(session), id, input.reason),
    after: 'item',
  }),
  priority: command({
    permission: 'conversation:priority',
    schema: prioritySchema,
    run: (deps, session, id, input) =>
      changePriority(deps, actorOf(session), id, input.priority, input.reason),
    after: 'item',
  }),
  reassign: command({
    permission: 'queue:assign',
    schema: reassignSchema,
    run: (deps, session, id, input) => reassign(deps, actorOf(session), id, input.staffId),
    after: 'item',
  }),
  reply: command({
    permission: 'conversation:reply',
    schema: replySchema,
    run: (deps, session, id, input) => replyToItem(deps, session.user.id, id, input.message),
    after: 'item',
  }),
  call: command({
    permission: 'conversation:reply',
    schema: none,
    run: (deps, session, id) => recordCall(deps, session.user.id, id),
    after: 'item',
  }),
  close: command({
    permission: 'queue:claim',
    schema: closeSchema,
    run: (deps, session, id, input) => closeItem(deps, actorOf(session), id, input.outcome),
    after: 'queue',
  }),
  note: command({
    permission: 'conversation:read',
    schema: noteSchema,
    run: (deps, session, id, input) => addNote(deps, session.user.id, id, input.note),
    after: 'item',
  }),
} as const;

export type ItemCommandName = keyof typeof ITEM_COMMANDS;

export function validItemId(id: string | undefined): string {
  if (!id || !z.uuid().safeParse(id).success) throw new HttpError(404, 'not-found', 'There is no such item.');
  return id;
}

/** The same validation the API applies to a body, for a console form's fields. */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): z.infer<S> {
  const fields = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  const parsed = schema.safeParse(fields);
  if (!parsed.success)
    throw new HttpError(422, 'validation-failed', 'Some fields are missing or not valid.', {
      fields: fieldProblems(parsed.error),
    });
  return parsed.data;
}

/** Claims the most urgent waiting item; both doors share it. */
export const claimNextFor = (deps: Deps, session: Session) => claimNext(deps, session.user.id);
