/** Twilio's webhook parameters, validated (after the signature check) like any other input. */
import { z } from 'zod';

const address = z.string().regex(/^(whatsapp:)?\+?[0-9A-Za-z]{3,20}$/, 'not a phone number or sender id');

export const inboundParamsSchema = z.object({
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
});

export type InboundParams = z.infer<typeof inboundParamsSchema>;

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
