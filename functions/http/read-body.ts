/**
 * Reads and validates a request body against a zod schema. JSON and form posts are both accepted
 * (the public forms work without JavaScript), in UTF-8 only; the byte limit is checked against
 * Content-Length first and enforced again while reading; every failure is a 4xx problem that
 * names each bad field.
 */
import type { z } from 'zod';
import { type FieldProblem, HttpError } from './http-error.ts';

export function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'body-too-large', `The request body may be at most ${limit} bytes.`);
}

/** Refuses a body whose Content-Length already says it is too large, before reading it. */
export function checkDeclaredLength(request: Request, limit: number): void {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
}

/**
 * What a failure while reading the body means: the server's size limit (a 413 thrown by the front
 * door, which runs from source while pages run from the build, so its HttpError is another class
 * and is recognised by its code), or else a broken upload, answered with `broken`.
 */
export function readFailure(
  error: unknown,
  broken = new HttpError(400, 'body-unreadable', 'The request body could not be read.'),
): HttpError {
  if (error instanceof HttpError) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'body-too-large') return new HttpError(413, 'body-too-large', String(message));
  return broken;
}

/** The whole body as bytes, or a 413 once it has grown past `limit` (the front door drains the rest). */
export async function readLimitedBytes(request: Request, limit: number): Promise<Buffer> {
  checkDeclaredLength(request, limit);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      throw readFailure(error);
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks, size);
}

export async function readLimitedText(request: Request, limit: number): Promise<string> {
  const bytes = await readLimitedBytes(request, limit);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'body-not-utf8', 'The request body must be UTF-8 text.');
  }
}

/** Form fields: repeated names become arrays (checkbox lists), single names stay strings. */
export function formToObject(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

export type BodyKind = 'json' | 'form';

/** `text/plain; charset="UTF-8"` -> `{ type: 'text/plain', charset: 'utf-8' }`, lower-cased. */
export function mediaTypeOf(request: Request): { type: string; charset?: string } {
  const [type = '', ...params] = (request.headers.get('content-type') ?? '').toLowerCase().split(';');
  const charset = params
    .map((p) => p.trim())
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"(.*)"$/, '$1');
  return { type: type.trim(), charset };
}

/** Text bodies are decoded as UTF-8; a body that says it is something else is refused, not guessed. */
export function requireUtf8(charset: string | undefined): void {
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpError(415, 'unsupported-charset', 'Send the request body in UTF-8 (charset=utf-8).');
  }
}

export async function readBody(request: Request, limit: number): Promise<{ kind: BodyKind; data: unknown }> {
  const { type, charset } = mediaTypeOf(request);
  if (type === 'application/json' || type.endsWith('+json')) {
    requireUtf8(charset);
    const text = await readLimitedText(request, limit);
    try {
      return { kind: 'json', data: JSON.parse(text) };
    } catch {
      throw new HttpError(400, 'invalid-json', 'The request body is not valid JSON.');
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    requireUtf8(charset);
    return { kind: 'form', data: formToObject(await readLimitedText(request, limit)) };
  }
  throw new HttpError(
    415,
    'unsupported-media-type',
    'Send application/json or application/x-www-form-urlencoded.',
  );
}

export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

export function parseWith<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new HttpError(422, 'validation-failed', 'Some fields are missing or not valid.', {
      fields: fieldProblems(parsed.error),
    });
  }
  return parsed.data;
}

export async function readValidBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  limit = 64 * 1024,
): Promise<{ kind: BodyKind; data: z.infer<S> }> {
  const body = await readBody(request, limit);
  return { kind: body.kind, data: parseWith(schema, body.data) };
}
