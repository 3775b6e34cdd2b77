/**
 * Reads and validates a request body against a zod schema. JSON and form posts are both accepted
 * (the public forms work without JavaScript); the byte limit is enforced while reading, whatever
 * Content-Length claims; every failure is a 4xx problem that names each bad field.
 */
import type { z } from 'zod';
import { type FieldProblem, HttpError } from './http-error.ts';

/**
 * How much of a body that is over its limit is still read (and thrown away) before the 413: a
 * client that is still sending when the server stops reading gets its connection reset and never
 * sees the answer. The front door cuts bodies off at the same size (astro.config.mjs).
 */
export const MAX_DRAINED_BYTES = 32 * 1024 * 1024;

/** The whole body as bytes, or a 413 once it has grown past `limit`. */
export async function readLimitedBytes(request: Request, limit: number): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const tooLarge = () =>
    new HttpError(413, 'body-too-large', `The request body may be at most ${limit} bytes.`);
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      if (size > limit) throw tooLarge();
      throw new HttpError(400, 'body-unreadable', 'The request body could not be read.');
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > MAX_DRAINED_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    if (size <= limit) chunks.push(chunk.value);
  }
  if (size > limit) throw tooLarge();
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

export async function readBody(request: Request, limit: number): Promise<{ kind: BodyKind; data: unknown }> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) {
    const text = await readLimitedText(request, limit);
    try {
      return { kind: 'json', data: JSON.parse(text) };
    } catch {
      throw new HttpError(400, 'invalid-json', 'The request body is not valid JSON.');
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
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
