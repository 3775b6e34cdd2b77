/**
 * WhatsApp's customer-service window: a business may answer freely only within 24 hours of the
 * person's last message; after that, WhatsApp refuses anything but a template the organisation had
 * approved. The window is computed from the last inbound message, so the console can show it and
 * the outbox can refuse a free-form reply (a 4xx problem the operator reads) before Twilio would.
 */
import type { Locale } from '#kernel/i18n/locales.ts';
import type { Config } from '../config/load-config.ts';
import type { Queryable } from '../db/database.ts';
import { HttpError } from '../http/http-error.ts';

export const WINDOW_MS = 24 * 60 * 60 * 1000;

export interface ReplyWindow {
  channel: 'sms' | 'whatsapp';
  /** Free-form replies allowed now (always, for SMS). */
  open: boolean;
  lastInboundAt: Date | null;
  /** When the window closes (or closed); null for SMS or with no inbound message. */
  closesAt: Date | null;
}

export async function replyWindow(db: Queryable, conversationId: string, now: Date): Promise<ReplyWindow> {
  const [row] = await db.query<{ channel: 'sms' | 'whatsapp'; last_in: Date | null }>(
    `select c.channel,
       (select max(created_at) from sms_messages where conversation_id = c.id and direction = 'in') as last_in
     from conversations c where c.id = $1`,
    [conversationId],
  );
  if (!row) throw new HttpError(404, 'not-found', 'The conversation is gone.');
  const lastInboundAt = row.last_in ? new Date(row.last_in) : null;
  if (row.channel !== 'whatsapp') return { channel: 'sms', open: true, lastInboundAt, closesAt: null };
  const closesAt = lastInboundAt ? new Date(lastInboundAt.getTime() + WINDOW_MS) : null;
  return { channel: 'whatsapp', open: closesAt !== null && now < closesAt, lastInboundAt, closesAt };
}

/** The approved templates, the conversation's language first (then English, then the rest). */
export function templatesFor(
  config: Pick<Config, 'whatsappTemplates'>,
  lang: string | null,
): { locale: Locale; contentSid: string }[] {
  const entries = Object.entries(config.whatsappTemplates) as [Locale, string][];
  const rank = (l: Locale) => (l === lang ? 0 : l === 'en' ? 1 : 2);
  return entries
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([locale, contentSid]) => ({ locale, contentSid }));
}

/** Refuses a free-form reply to a WhatsApp conversation whose window has closed. */
export async function assertFreeFormAllowed(db: Queryable, conversationId: string, now: Date): Promise<void> {
  const window = await replyWindow(db, conversationId, now);
  if (window.open) return;
  throw new HttpError(
    409,
    'whatsapp-window-closed',
    'WhatsApp accepts free-form replies only within 24 hours of the person’s last message. Send one of the approved templates instead.',
  );
}
