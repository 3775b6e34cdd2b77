/**
 * What the console's plain HTML forms can do (they work without JavaScript): each action names
 * the permission it needs, which is checked here before the same functions the API uses run.
 */
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
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
import { replyToItem } from './reply.ts';

const ACTIONS: Record<string, Permission> = {
  next: 'queue:claim',
  claim: 'queue:claim',
  release: 'queue:claim',
  escalate: 'queue:claim',
  close: 'queue:claim',
  priority: 'conversation:priority',
  reply: 'conversation:reply',
  note: 'conversation:read',
  reassign: 'queue:assign',
};

const text = (form: FormData, name: string, max: number) =>
  String(form.get(name) ?? '')
    .trim()
    .slice(0, max);

/** Runs the form's action; returns where the browser should go next. */
export async function performAction(
  deps: Deps,
  session: Session,
  form: FormData,
  itemId?: string,
): Promise<string> {
  const action = text(form, 'action', 20);
  const permission = ACTIONS[action];
  if (!permission) throw new HttpError(400, 'unknown-action', 'Unknown action.');
  if (!can(session.user.role, permission))
    throw new HttpError(403, 'forbidden', 'Your role does not allow this.');
  const actor = { id: session.user.id, mayOverride: can(session.user.role, 'queue:assign') };
  if (action === 'next') {
    const item = await claimNext(deps, session.user.id);
    return item ? `/console/items/${item.id}` : '/console/';
  }
  if (!itemId || !z.uuid().safeParse(itemId).success)
    throw new HttpError(404, 'not-found', 'There is no such item.');
  const back = `/console/items/${itemId}`;
  switch (action) {
    case 'claim':
      await claimItem(deps, session.user.id, itemId);
      return back;
    case 'release':
      await release(deps, actor, itemId);
      return '/console/';
    case 'escalate':
      await escalate(deps, actor, itemId, text(form, 'reason', 500) || 'escalated');
      return back;
    case 'priority': {
      const priority = z.enum(PRIORITIES).safeParse(text(form, 'priority', 20));
      const reason = text(form, 'reason', 500);
      if (!priority.success || reason.length < 3)
        throw new HttpError(422, 'priority-invalid', 'Choose a priority and give a reason.');
      await changePriority(deps, actor, itemId, priority.data, reason);
      return back;
    }
    case 'close': {
      const outcome = z.enum(OUTCOMES).safeParse(text(form, 'outcome', 40));
      if (!outcome.success) throw new HttpError(422, 'outcome-invalid', 'Choose an outcome.');
      await closeItem(deps, actor, itemId, outcome.data);
      return '/console/';
    }
    case 'reassign': {
      const to = z.uuid().safeParse(text(form, 'to', 40));
      if (!to.success) throw new HttpError(422, 'no-such-operator', 'Choose an active hotline staff member.');
      await reassign(deps, actor, itemId, to.data);
      return back;
    }
    case 'note': {
      const note = text(form, 'note', 4000);
      if (!note) throw new HttpError(422, 'note-empty', 'Write a note first.');
      await addNote(deps, session.user.id, itemId, note);
      return back;
    }
    default: {
      const message = text(form, 'message', 1600);
      if (!message) throw new HttpError(422, 'message-empty', 'Write a message first.');
      await replyToItem(deps, session.user.id, itemId, message);
      return back;
    }
  }
}
