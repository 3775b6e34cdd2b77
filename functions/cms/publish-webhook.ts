/**
 * `POST /api/cms/publish`: Sanity's webhook after a publish. The body is checked against the
 * `sanity-webhook-signature` header (HMAC-SHA256 with the shared secret, Sanity's documented
 * scheme, verified by @sanity/webhook) before anything else happens: unsigned, forged or stale
 * requests get 401 and trigger nothing. A valid one asks for a rebuild, which coalesces with any
 * already under way. The body itself is not used: the build reads the dataset as it is then.
 * `GET /api/cms/status` shows staff how publishing is going.
 */
import { decodeSignatureHeader, isValidSignature, SIGNATURE_HEADER_NAME } from '@sanity/webhook';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { json } from '../http/json.ts';
import { readLimitedText } from '../http/read-body.ts';
import type { RouteContext } from '../http/route.ts';

/** Sanity signs at send time; an older signature is a replay (a redelivery is signed afresh). */
export const SIGNATURE_MAX_AGE_MS = 60 * 60_000;
const MAX_BODY_BYTES = 256 * 1024;

export async function verifySanitySignature(
  body: string,
  header: string | null,
  secret: string,
  now: Date,
): Promise<boolean> {
  if (!header) return false;
  try {
    const { timestamp } = decodeSignatureHeader(header);
    if (Math.abs(now.getTime() - timestamp) > SIGNATURE_MAX_AGE_MS) return false;
    return await isValidSignature(body, header, secret);
  } catch {
    // A malformed header is a forged one.
    return false;
  }
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, 'invalid-signature', message, {
    headers: { 'www-authenticate': 'Signature realm="sanity-webhook"' },
  });
}

export async function publishWebhook(request: Request, { deps }: RouteContext): Promise<Response> {
  const secret = deps.config.cms.webhookSecret;
  const body = await readLimitedText(request, MAX_BODY_BYTES);
  if (!secret) throw unauthorized('Publishing webhooks are not configured: set SANITY_WEBHOOK_SECRET.');
  if (!(await verifySanitySignature(body, request.headers.get(SIGNATURE_HEADER_NAME), secret, deps.now())))
    throw unauthorized('The webhook signature is missing, not valid or too old.');
  const publisher = deps.publisher;
  if (!publisher) {
    throw new HttpError(
      409,
      'publishing-unavailable',
      'This node does not rebuild the site (development mode).',
    );
  }
  const outcome = publisher.request();
  deps.log.info('publish webhook accepted', { job: 'publish', status: outcome });
  return json({ rebuild: outcome, status: publisher.status() }, { status: 202 });
}

export function publishStatus(deps: Deps) {
  return deps.publisher?.status() ?? { mode: 'none', state: 'idle' };
}

export async function cmsStatus(_request: Request, { deps }: RouteContext): Promise<Response> {
  return json(publishStatus(deps));
}
