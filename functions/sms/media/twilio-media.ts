/**
 * Twilio's Media resource, read and deleted with the account's credentials (Basic auth). The URL
 * is built from the configured API base and the item's ids, never taken from the webhook, so a
 * request can only ever go to Twilio (or TWILIO_API_BASE). Twilio answers a GET with a redirect
 * to its storage; fetch does not carry the Authorization header across origins.
 */
import type { Deps } from '../../deps.ts';

const TWILIO_API = 'https://api.twilio.com';

export interface MediaAddress {
  account_sid: string;
  message_sid: string;
  media_sid: string;
}

export class MediaFetchError extends Error {
  /** A short code kept in the row: an HTTP status, `timeout`, `too-large` or `network`. */
  readonly code: string;
  /** Worth trying again later. */
  readonly retry: boolean;
  constructor(code: string, retry: boolean) {
    super(`media fetch failed: ${code}`);
    this.name = 'MediaFetchError';
    this.code = code;
    this.retry = retry;
  }
}

export function mediaUrl(deps: Pick<Deps, 'config'>, m: MediaAddress, json = false): string {
  const base = (deps.config.twilio.apiBase ?? TWILIO_API).replace(/\/$/, '');
  return `${base}/2010-04-01/Accounts/${m.account_sid}/Messages/${m.message_sid}/Media/${m.media_sid}${json ? '.json' : ''}`;
}

function authorization(deps: Pick<Deps, 'config' | 'keys'>): string {
  const token = deps.keys.twilioAuthToken;
  return `Basic ${Buffer.from(`${deps.config.twilio.accountSid}:${token}`).toString('base64')}`;
}

/** The item's bytes, at most `maxBytes`, within `timeoutMs` for the whole transfer. */
export async function fetchTwilioMedia(
  deps: Pick<Deps, 'config' | 'keys'>,
  m: MediaAddress,
  limits: { maxBytes: number; timeoutMs: number },
): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const response = await fetch(mediaUrl(deps, m), {
      headers: { authorization: authorization(deps) },
      redirect: 'follow',
      signal,
    });
    if (!response.ok) {
      await response.body?.cancel();
      // 4xx other than "not yet there" and rate limits will not get better by waiting.
      const retry = response.status >= 500 || response.status === 429 || response.status === 404;
      throw new MediaFetchError(String(response.status), retry);
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > limits.maxBytes) {
      await response.body?.cancel();
      throw new MediaFetchError('too-large', false);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > limits.maxBytes) throw new MediaFetchError('too-large', false);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  } catch (error) {
    if (error instanceof MediaFetchError) throw error;
    if (signal.aborted) throw new MediaFetchError('timeout', true);
    throw new MediaFetchError('network', true);
  }
}

/** Deletes the item from Twilio; an item already gone counts as deleted. */
export async function deleteTwilioMedia(
  deps: Pick<Deps, 'config' | 'keys'>,
  m: MediaAddress,
  timeoutMs = 10_000,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(mediaUrl(deps, m, true), {
      method: 'DELETE',
      headers: { authorization: authorization(deps) },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new MediaFetchError('network', true);
  }
  await response.body?.cancel();
  if (response.ok || response.status === 404) return;
  throw new MediaFetchError(String(response.status), true);
}
