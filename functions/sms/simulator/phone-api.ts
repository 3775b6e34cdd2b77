/**
 * `POST /api/simulator/phone`: the simulator's phone as an API, for administrators (simulator:use),
 * so a photo or a voice note can be sent as well as a text. Multipart: `phone` (E.164), `message`,
 * optional `country`, and up to three `media` files. The files travel the whole production path:
 * webhook, media job, cleaner, encrypted store, deletion from the (simulated) Twilio.
 */
import { z } from 'zod';
import { HttpError } from '../../http/http-error.ts';
import { json } from '../../http/json.ts';
import { fieldProblems, mediaTypeOf, readLimitedBytes } from '../../http/read-body.ts';
import { parseMultipart } from '../../http/read-multipart.ts';
import type { RouteContext } from '../../http/route.ts';
import { handleApiLater } from './handle-api-later.ts';
import { textAsPhone } from './simulate.ts';
import { SIMULATOR_MAX_FILE_BYTES, SIMULATOR_MAX_FILES } from './simulator-media.ts';

export const SIMULATOR_PHONE_BODY_BYTES = SIMULATOR_MAX_FILES * SIMULATOR_MAX_FILE_BYTES + 64 * 1024;

const phoneSchema = z.object({
  phone: z.string().regex(/^(whatsapp:)?\+[1-9][0-9]{6,14}$/, 'must be +E.164, or whatsapp:+E.164'),
  message: z.string().max(1600).default(''),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function simulatorPhoneRoute(request: Request, context: RouteContext): Promise<Response> {
  if (mediaTypeOf(request).type !== 'multipart/form-data')
    throw new HttpError(415, 'unsupported-media-type', 'Send the phone’s message as multipart/form-data.');
  const parts = parseMultipart(
    await readLimitedBytes(request, SIMULATOR_PHONE_BODY_BYTES),
    request.headers.get('content-type') ?? '',
    SIMULATOR_MAX_FILES + 8,
  );
  const fields: Record<string, string> = Object.create(null);
  const media: Uint8Array[] = [];
  for (const part of parts) {
    if (part.name === 'media') {
      if (part.body.byteLength > 0) media.push(part.body);
      continue;
    }
    if (part.filename !== undefined) continue;
    try {
      fields[part.name] = utf8.decode(part.body);
    } catch {
      throw new HttpError(400, 'body-not-utf8', 'The form fields must be UTF-8 text.');
    }
  }
  const parsed = phoneSchema.safeParse({ ...fields });
  if (!parsed.success)
    throw new HttpError(400, 'invalid-body', 'The phone’s message is not valid.', {
      fields: fieldProblems(parsed.error),
    });
  if (!parsed.data.message.trim() && media.length === 0)
    throw new HttpError(400, 'empty-message', 'Write a message or attach a photo or a voice note.');
  const answer = await textAsPhone(context.deps, await handleApiLater(), context.session!.user.id, {
    from: parsed.data.phone,
    body: parsed.data.message,
    country: parsed.data.country,
    media,
  });
  return json({ delivered: answer.ok, media: media.length }, { status: answer.ok ? 202 : 502 });
}
