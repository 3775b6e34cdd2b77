/**
 * Every request body passes this guard before the app sees it, so that every request gets an
 * answer. A body declared larger than its path accepts is refused with 413 before a byte is read;
 * one that turns out larger while it is read fails the reader with the same 413. And whatever the
 * app read or left unread, the rest of the body is drained after the response: a socket closed on
 * unread bytes is reset, and the client would see a reset instead of the answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpError } from '../http/http-error.ts';
import { problemResponse } from '../http/problem.ts';
import { tooLarge } from '../http/read-body.ts';
import { REPORT_BODY_BYTES } from '../reports/read-report-body.ts';

/** Console forms, JSON calls and webhooks: far above what any of them sends. */
const DEFAULT_BODY_BYTES = 1024 * 1024;
/** Report submissions carry attachments; multipart framing adds a little to the files' size. */
const REPORT_PATH = /^\/(?:api\/reports|[a-z]{2}\/report\/sent)\/?(?:\?|$)/;
/** Past this many unread bytes after the answer, the connection is not worth keeping: close it. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

export function bodyLimitFor(url: string): number {
  return REPORT_PATH.test(url) ? REPORT_BODY_BYTES + 64 * 1024 : DEFAULT_BODY_BYTES;
}

/**
 * The body as the app reads it: counted, cut off at the limit, and never destroying the socket when
 * the app stops reading early (Node's own stream iterator would).
 */
async function* limitedBody(req: IncomingMessage, limit: number): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of req.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).byteLength;
    if (size > limit) throw tooLarge(limit);
    yield chunk as Buffer;
  }
}

function drain(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return;
  let unread = 0;
  req.on('data', (chunk: Buffer) => {
    unread += chunk.byteLength;
    if (unread > DRAIN_LIMIT) req.socket.destroy();
  });
  req.resume();
}

async function writeProblem(res: ServerResponse, error: HttpError, requestId: string): Promise<void> {
  const response = problemResponse(error, requestId);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Installs the guard on one request. Returns false when it already answered (the body was declared
 * too large); the app must then leave the request alone.
 */
export function guardBody(req: IncomingMessage, res: ServerResponse, requestId: string): boolean {
  res.once('finish', () => drain(req));
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  const limit = bodyLimitFor(req.url ?? '/');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (Number.isFinite(declared) && declared > limit) {
    void writeProblem(res, tooLarge(limit), requestId);
    return false;
  }
  // Astro's Node adapter reads `req.body` instead of the request stream when it is set.
  (req as IncomingMessage & { body?: AsyncIterable<Uint8Array> }).body = limitedBody(req, limit);
  return true;
}
