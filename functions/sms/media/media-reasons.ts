/**
 * Why a message with media and no text waits no longer than an urgent one: nobody has heard or
 * seen what it carries, and a voice note may be the only way its sender can say they are in
 * danger. The reason is stored beside the queue item as a code; the console shows it in its
 * language (`console.reason.<code>`), and it stays until a person changes the priority.
 */
import type { Translate } from '#kernel/i18n/ui.ts';
import type { Priority } from '../../queue/priority.ts';
import type { InboundMedia } from '../twilio-params.ts';

export const MEDIA_REASONS = ['unheard-voice-note', 'unseen-photo', 'unseen-media'] as const;
export type MediaReason = (typeof MEDIA_REASONS)[number];

/** The floor for a message that is only media. */
export const MEDIA_ONLY_PRIORITY: Priority = 'urgent';

/** The reason by what Twilio declared: a label for people, not a decision about the bytes. */
export function mediaReason(items: readonly InboundMedia[]): MediaReason {
  if (items.some((m) => m.declaredType?.startsWith('audio/'))) return 'unheard-voice-note';
  if (items.some((m) => m.declaredType?.startsWith('image/'))) return 'unseen-photo';
  return 'unseen-media';
}

/** A message is "media only" when its text has nothing but whitespace. */
export function isMediaOnly(body: string, items: readonly InboundMedia[]): boolean {
  return items.length > 0 && body.trim() === '';
}

/** The reason as the console shows it, in the staff member's language. */
export function mediaReasonLabel(t: Translate, reason: MediaReason): string {
  return t(`console.reason.${reason}`);
}

/** The console's note beside an item whose media has not all arrived yet. */
export function mediaFetchingLabel(t: Translate): string {
  return t('console.media.fetching');
}
