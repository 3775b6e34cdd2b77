/** Twilio's webhook parameters, validated (after the signature check) like any other input. */
import { z } from 'zod';

const address = z.string().regex(/^(whatsapp:)?\+?[0-9A-Za-z]{3,20}$/, 'not a phone number or sender id');

/**
 * Twilio's URL of one media item. Only its ids are kept: the fetch job builds the URL again from
 * the configured API base, so a webhook can never make the server fetch an address of its choosing.
 */
const MEDIA_URL =
  /\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Messages\/((?:MM|SM)[0-9a-zA-Z]{10,40})\/Media\/(ME[0-9a-fA-F]{32})$/;

export const MAX_MEDIA = 10;

const mediaFields = Object.fromEntries(
  Array.from({ length: MAX_MEDIA }, (_, i) => [
    [
      `MediaUrl${i}`,
      z
        .url({ protocol: /^https?$/ })
        .regex(MEDIA_URL, 'not a Twilio media URL')
        .optional(),
    ],
    [
      `MediaContentType${i}`,
      z
        .string()
        .regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+(;.{0,100})?$/i)
        .optional(),
    ],
  ]).flat(),
) as Record<string, z.ZodOptional<z.ZodString>>;

/** MediaUrl<i> or MediaContentType<i>, validated by the schema above. */
function mediaField(params: object, name: string): string | undefined {
  return (params as Record<string, string | undefined>)[name];
}

const inboundObject = z.object({
  MessageSid: z.string().regex(/^(SM|MM|SMS)[0-9a-zA-Z]{10,40}$/),
  AccountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/),
  From: address,
  To: address,
  Body: z.string().max(1600).default(''),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
  FromCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  ...mediaFields,
});

export const inboundParamsSchema = inboundObject.superRefine((params, ctx) => {
  for (let i = 0; i < params.NumMedia; i++) {
    if (!mediaField(params, `MediaUrl${i}`))
      ctx.addIssue({ code: 'custom', path: [`MediaUrl${i}`], message: 'missing' });
  }
});

export type InboundParams = z.infer<typeof inboundParamsSchema>;

export interface InboundMedia {
  position: number;
  accountSid: string;
  messageSid: string;
  mediaSid: string;
  /** What Twilio says the file is: a hint for the operator only, never for the cleaner. */
  declaredType: string | null;
}

/** The message's media items, in order (the first NumMedia of MediaUrl0..9). */
export function inboundMedia(params: InboundParams): InboundMedia[] {
  const items: InboundMedia[] = [];
  for (let i = 0; i < params.NumMedia; i++) {
    const match = MEDIA_URL.exec(mediaField(params, `MediaUrl${i}`) ?? '');
    if (!match) continue;
    items.push({
      position: i,
      accountSid: match[1]!,
      messageSid: match[2]!,
      mediaSid: match[3]!,
      declaredType: mediaField(params, `MediaContentType${i}`)?.split(';')[0]?.toLowerCase() ?? null,
    });
  }
  return items;
}

export const statusParamsSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-zA-Z]{10,40}$/),
  MessageStatus: z.enum([
    'accepted',
    'scheduled',
    'queued',
    'sending',
    'sent',
    'delivered',
    'undelivered',
    'failed',
    'read',
    'receiving',
    'received',
    'canceled',
  ]),
  ErrorCode: z.string().max(10).optional(),
});
