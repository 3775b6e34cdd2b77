/**
 * `POST /api/sms/inbound`: Twilio's webhook for incoming SMS and WhatsApp messages. Signed or
 * refused (403, nothing stored); processed once per MessageSid; answered with TwiML at once.
 */
import twilio from 'twilio';
import { HttpError } from '../http/http-error.ts';
import { fieldProblems } from '../http/read-body.ts';
import type { RouteContext } from '../http/route.ts';
import { receiveMessage } from './receive-message.ts';
import { inboundParamsSchema } from './twilio-params.ts';
import { verifiedParams } from './verify-signature.ts';

export function twimlResponse(reply?: string): Response {
  const twiml = new twilio.twiml.MessagingResponse();
  if (reply) twiml.message(reply);
  return new Response(twiml.toString(), {
    headers: { 'content-type': 'text/xml; charset=utf-8', 'cache-control': 'no-store' },
  });
}

export async function inboundSms(request: Request, { deps }: RouteContext): Promise<Response> {
  const params = await verifiedParams(request, deps);
  const parsed = inboundParamsSchema.safeParse(params);
  if (!parsed.success) {
    throw new HttpError(400, 'invalid-twilio-params', 'The webhook parameters are not valid.', {
      fields: fieldProblems(parsed.error),
    });
  }
  const received = await receiveMessage(deps, parsed.data);
  return twimlResponse(received.duplicate ? undefined : received.reply);
}
