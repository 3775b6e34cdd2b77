/** `POST /api/sms/status`: Twilio's delivery reports for messages the hotline sent. */
import { HttpError } from '../http/http-error.ts';
import type { RouteContext } from '../http/route.ts';
import { statusParamsSchema } from './twilio-params.ts';
import { verifiedParams } from './verify-signature.ts';

export async function smsStatus(request: Request, { deps }: RouteContext): Promise<Response> {
  const parsed = statusParamsSchema.safeParse(await verifiedParams(request, deps));
  if (!parsed.success)
    throw new HttpError(400, 'invalid-twilio-params', 'The status parameters are not valid.');
  const { MessageSid, MessageStatus, ErrorCode } = parsed.data;
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `update sms_messages set status = $2, error_code = $3, updated_at = $4 where message_sid = $1`,
      [MessageSid, MessageStatus, ErrorCode ?? null, deps.now()],
    );
    await tx.query(
      `update outbox set delivery_status = $2, delivery_error = $3, updated_at = $4 where provider_sid = $1`,
      [MessageSid, MessageStatus, ErrorCode ?? null, deps.now()],
    );
  });
  return new Response(null, { status: 204 });
}
