/** Sending Sanity's publish webhook to a node, and waiting for a page to show what was published. */
import { encodeSignatureHeader } from '@sanity/webhook';

export async function sendPublish(
  baseUrl: string,
  id: string,
  secret: string,
  options: { signedAt?: number } = {},
): Promise<Response> {
  const body = JSON.stringify({ _id: id, _type: id.split('.')[0] });
  return fetch(`${baseUrl}/api/cms/publish`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'sanity-webhook-signature': await encodeSignatureHeader(body, options.signedAt ?? Date.now(), secret),
    },
    body,
  });
}

/** Polls a page until `ready` holds for its text; rejects with the last text after `timeoutMs`. */
export async function waitForPage(
  url: string,
  ready: (text: string, status: number) => boolean,
  timeoutMs = 30_000,
): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  let status = 0;
  for (;;) {
    const response = await fetch(url);
    last = await response.text();
    status = response.status;
    if (ready(last, status)) return last;
    if (Date.now() > until) throw new Error(`${url} (${status}) never became ready:\n${last.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
