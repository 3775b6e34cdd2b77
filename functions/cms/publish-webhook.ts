/**
 * `POST /api/cms/publish`: Sanity's webhook after a publish (create, update or delete). The body is
 * checked against the `sanity-webhook-signature` header (HMAC-SHA256 with the shared secret,
 * Sanity's documented scheme, verified by @sanity/webhook) before anything else happens: unsigned,
 * forged or stale requests get 401 and change nothing. A valid one names the document; the
 * document is read back from Sanity as it is published now (so a late or repeated webhook cannot
 * bring back an older version, and a deleted one reads as gone), checked against the site's
 * schema, and written to the database's content snapshot under the next publish number. Every
 * node learns of it by NOTIFY and serves it at once. `GET /api/cms/status` shows staff the state.
 */
import { decodeSignatureHeader, isValidSignature, SIGNATURE_HEADER_NAME } from '@sanity/webhook';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { json } from '../http/json.ts';
import { readLimitedText } from '../http/read-body.ts';
import type { RouteContext } from '../http/route.ts';
import { publishChange, type SnapshotDocument, snapshotVersion } from './content-snapshot.ts';
import { fetchPublished } from './content-source.ts';
import { checkDocument, InvalidSnapshotDocumentError } from './live-entries.ts';

/** Sanity signs at send time; an older signature is a replay (a redelivery is signed afresh). */
export const SIGNATURE_MAX_AGE_MS = 60 * 60_000;
const MAX_BODY_BYTES = 256 * 1024;

/** What the webhook's projection must carry: the document's id (drafts are never published). */
export const webhookBodySchema = z.object({
  _id: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
      'must be a published document id such as guide.warning-signs.fr',
    )
    .refine((id) => !id.startsWith('drafts.'), 'a draft is never published'),
});

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
  const source = deps.config.cms.sanity;
  if (!source) {
    throw new HttpError(
      409,
      'publishing-unavailable',
      'This site reads its content from the content/ folder: set SANITY_PROJECT_ID and SANITY_DATASET to publish from Sanity.',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new HttpError(400, 'invalid-body', 'The webhook body is not JSON.');
  }
  const payload = webhookBodySchema.safeParse(parsed);
  if (!payload.success)
    throw new HttpError(
      400,
      'invalid-body',
      `The webhook body needs the document's _id: ${payload.error.issues[0]!.message}.`,
    );
  const id = payload.data._id;

  let document: SnapshotDocument | null;
  try {
    document = await fetchPublished(source, id);
  } catch {
    // Sanity retries a webhook that was not answered with 2xx.
    throw new HttpError(503, 'sanity-unavailable', 'Sanity did not answer; the publish will be retried.');
  }
  if (document) {
    try {
      checkDocument(document);
    } catch (error) {
      if (!(error instanceof InvalidSnapshotDocumentError)) throw error;
      throw new HttpError(
        422,
        'invalid-document',
        `The published document ${id} does not match the site's schema; the site keeps the previous version.`,
        { fields: error.problems },
      );
    }
  }
  const { seq, changed } = await publishChange(deps.db, { id, document }, deps.now());
  deps.log.info('content published', { job: 'publish', id, count: seq });
  // This node catches up at once; the others hear the NOTIFY (or their next poll).
  await deps.content?.refresh().catch(() => undefined);
  return json({ id, version: seq, changed, deleted: document === null }, { status: 202 });
}

export async function publishStatus(deps: Deps) {
  return {
    version: await snapshotVersion(deps.db),
    served: deps.content?.current()?.version ?? null,
  };
}

export async function cmsStatus(_request: Request, { deps }: RouteContext): Promise<Response> {
  return json(await publishStatus(deps));
}
