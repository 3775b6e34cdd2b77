/**
 * What happens when a text arrives: find or open the sender's conversation (by keyed hash), store
 * the message encrypted, triage it, raise the conversation's priority (an emergency stays one until
 * a person changes it), queue it for an operator, alert on-call staff on a new emergency, and pick
 * the automatic reply. All in one transaction, once per Twilio MessageSid.
 */
import { randomUUID } from 'node:crypto';
import { isLocale, type Locale } from '#kernel/i18n/locales.ts';
import { decryptText, encryptField, newDataKey } from '../crypto/envelope.ts';
import { keyedHash } from '../crypto/keyed-hash.ts';
import type { Deps } from '../deps.ts';
import { enqueue } from '../queue/enqueue.ts';
import { higherPriority } from '../queue/priority.ts';
import { storedReasons, triage } from '../triage/triage.ts';
import { alertOnCall } from './alerts.ts';
import {
  type ConversationRow,
  conversationContext,
  insertConversation,
  insertSmsMessage,
  lockConversation,
  messageSeen,
  openConversationKey,
  recentInbound,
  updateConversation,
} from './conversation-store.ts';
import { emergencyNumber } from './emergency-numbers.ts';
import { hotlinePhone } from './hotline-number.ts';
import { keywordOf } from './keywords.ts';
import { linkReceipt } from './link-receipt.ts';
import { isMediaOnly, MEDIA_ONLY_PRIORITY, mediaReason } from './media/media-reasons.ts';
import { insertPendingMedia } from './media/media-store.ts';
import { fillTemplate, helpReply, LANGUAGE_MENU, SMS_TEMPLATES } from './templates.ts';
import { type InboundParams, inboundMedia } from './twilio-params.ts';

/** Below this, the language guess is not trusted and the sender gets a language menu. */
const LANGUAGE_CONFIDENCE = 0.3;

export interface Received {
  duplicate: boolean;
  conversationId?: string;
  /** Automatic reply for the TwiML answer, if any. */
  reply?: string;
}

function menuChoice(text: string): Locale | null {
  const code = text.trim().toLowerCase();
  return isLocale(code) ? code : null;
}

async function openConversation(
  tx: Parameters<Parameters<Deps['db']['transaction']>[0]>[0],
  deps: Deps,
  params: InboundParams,
  now: Date,
) {
  const senderHash = keyedHash(deps.keys.hashKey, 'sender', params.From);
  const existing = await lockConversation(tx, senderHash);
  if (existing) return { conversation: existing, isNew: false };
  const id = randomUUID();
  const dataKey = newDataKey();
  const created = await insertConversation(tx, deps.keys, {
    id,
    senderHash,
    channel: params.From.startsWith('whatsapp:') ? 'whatsapp' : 'sms',
    dataKey,
    sender: await encryptField(dataKey, params.From, conversationContext.sender(id)),
    country: params.FromCountry,
    now,
  });
  if (created) return { conversation: created, isNew: true };
  return { conversation: (await lockConversation(tx, senderHash))!, isNew: false };
}

export async function receiveMessage(deps: Deps, params: InboundParams): Promise<Received> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    if (await messageSeen(tx, params.MessageSid)) return { duplicate: true };
    const { conversation, isNew } = await openConversation(tx, deps, params, now);
    const dataKey = await openConversationKey(tx, deps.keys, conversation.id);
    const messageContext = conversationContext.message(conversation.id);
    const history = await Promise.all(
      (await recentInbound(tx, conversation.id)).map((m) => decryptText(dataKey, m.body, messageContext)),
    );
    const triaged = triage({ text: params.Body, history });
    const media = inboundMedia(params);
    // Media with no text: nobody knows yet what it says, so it waits no longer than an urgent item.
    const mediaOnly = isMediaOnly(params.Body, media);
    const result = mediaOnly
      ? { ...triaged, priority: higherPriority(triaged.priority, MEDIA_ONLY_PRIORITY) }
      : triaged;
    const reasons = storedReasons(mediaOnly ? [...triaged.reasons, mediaReason(media)] : triaged.reasons);
    await linkReceipt(tx, deps, conversation.id, params.Body, now);
    const keyword = keywordOf(params.Body);

    const messageId = randomUUID();
    await insertSmsMessage(tx, {
      id: messageId,
      conversationId: conversation.id,
      direction: 'in',
      messageSid: params.MessageSid,
      body: await encryptField(dataKey, params.Body, messageContext),
      priority: result.priority,
      reasons,
      status: 'received',
      now,
    });
    // Each item becomes durable work in this same transaction: nothing Twilio was told we have is lost.
    await insertPendingMedia(tx, { messageId, conversationId: conversation.id, items: media, now });

    const priority = keyword ? conversation.priority : higherPriority(conversation.priority, result.priority);
    const minor = conversation.minor || result.minor;
    const choice = !conversation.lang_confirmed ? menuChoice(params.Body) : null;
    const lang =
      choice ??
      (conversation.lang as Locale | null) ??
      (result.langConfidence >= LANGUAGE_CONFIDENCE ? result.lang : null);
    await updateConversation(
      tx,
      conversation.id,
      {
        priority,
        minor,
        lang: lang ?? undefined,
        langConfirmed: choice ? true : undefined,
        optedOut: keyword === 'stop' ? true : keyword === 'start' ? false : undefined,
      },
      now,
    );
    if (!keyword) {
      await enqueue(
        tx,
        {
          source: 'sms',
          sourceId: conversation.id,
          priority: result.priority,
          minor: result.minor,
          score: result.score,
          reasons,
          model: result.model,
        },
        now,
      );
    }
    if (priority === 'emergency' && conversation.priority !== 'emergency') {
      await alertOnCall(tx, deps, { source: 'sms', reasons, minor }, now);
    }

    const reply = chooseReply({ conversation, isNew, keyword, choice, lang });
    if (reply) {
      await insertSmsMessage(tx, {
        id: randomUUID(),
        conversationId: conversation.id,
        direction: 'out',
        messageSid: null,
        body: await encryptField(dataKey, reply, messageContext),
        status: 'twiml',
        now,
      });
    }
    return { duplicate: false, conversationId: conversation.id, reply };
  });
}

function chooseReply(s: {
  conversation: ConversationRow;
  isNew: boolean;
  keyword: ReturnType<typeof keywordOf>;
  choice: Locale | null;
  lang: Locale | null;
}): string | undefined {
  const templates = SMS_TEMPLATES[s.lang ?? 'en'];
  if (s.keyword === 'stop') return templates.stop;
  if (s.keyword === 'start') return templates.start;
  if (s.keyword === 'help') return helpReply(s.lang ?? 'en', hotlinePhone());
  if (s.conversation.opted_out) return undefined;
  if (!s.isNew && !s.choice) return undefined;
  if (!s.lang) return LANGUAGE_MENU;
  const number = emergencyNumber(s.conversation.country ?? undefined);
  return number ? fillTemplate(templates.welcome, { number }) : templates.welcomeNoNumber;
}
