/**
 * Twilio signs each webhook with the account's auth token over the URL it called and the posted
 * parameters. Behind a proxy the URL the server sees is not that URL, so the public one is rebuilt
 * from PUBLIC_BASE_URL; a missing or forged signature is refused before anything is stored.
 */
import twilio from 'twilio';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { readLimitedText } from '../http/read-body.ts';

export function publicUrl(deps: Pick<Deps, 'config'>, request: Request): string {
  const { pathname, search } = new URL(request.url);
  return new URL(pathname + search, deps.config.publicBaseUrl).href;
}

/** Reads the form body and returns its parameters once the signature is proven. */
export async function verifiedParams(request: Request, deps: Deps): Promise<Record<string, string>> {
  const signature = request.headers.get('x-twilio-signature');
  const text = await readLimitedText(request, 64 * 1024);
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) params[key] = value;
  if (
    !signature ||
    !twilio.validateRequest(deps.keys.twilioAuthToken, signature, publicUrl(deps, request), params)
  ) {
    throw new HttpError(
      403,
      'signature-invalid',
      'This request is not signed by the hotline’s Twilio account.',
    );
  }
  return params;
}
