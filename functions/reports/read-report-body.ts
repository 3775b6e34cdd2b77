/**
 * Reads a report submission in any of its three encodings: JSON (apps), URL-encoded (forms
 * without files) and multipart (the report form, with or without attachments). Every malformed
 * body is a 4xx problem: no boundary, a part cut short, too many parts or bytes, text that is not
 * UTF-8, a charset other than UTF-8, any other type. Never a failure of ours.
 */
import { HttpError } from '../http/http-error.ts';
import { mediaTypeOf, readBody, readLimitedBytes, requireUtf8 } from '../http/read-body.ts';
import { parseMultipart } from '../http/read-multipart.ts';

const JSON_LIMIT = 64 * 1024;
/** The largest report submission: attachments (10 MB) plus the fields and the multipart framing. */
export const REPORT_BODY_BYTES = 12 * 1024 * 1024;
/** The form has about 50 fields and files when every box is ticked. */
const MAX_PARTS = 100;

export interface RawReport {
  via: 'api' | 'form';
  data: Record<string, unknown>;
  files: Uint8Array[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

async function readMultipart(request: Request, contentType: string): Promise<RawReport> {
  const parts = parseMultipart(await readLimitedBytes(request, REPORT_BODY_BYTES), contentType, MAX_PARTS);
  // A Map, not an object: a field named `__proto__` must stay a field.
  const fields = new Map<string, string | string[]>();
  const files: Uint8Array[] = [];
  for (const part of parts) {
    // The file field is a file whether or not the client named it; files sent in other fields are
    // not read at all.
    if (part.name === 'attachments') {
      files.push(part.body);
      continue;
    }
    if (part.filename !== undefined) continue;
    let value: string;
    try {
      value = utf8.decode(part.body);
    } catch {
      throw new HttpError(400, 'body-not-utf8', 'The form fields must be UTF-8 text.');
    }
    const existing = fields.get(part.name);
    if (existing === undefined) fields.set(part.name, value);
    else if (Array.isArray(existing)) existing.push(value);
    else fields.set(part.name, [existing, value]);
  }
  const data = Object.fromEntries(fields);
  // The enhanced form sends a proof of work; the plain form cannot.
  return { via: data.altcha ? 'api' : 'form', data, files };
}

export async function readReportBody(request: Request): Promise<RawReport> {
  const { type, charset } = mediaTypeOf(request);
  if (type === 'multipart/form-data') {
    requireUtf8(charset);
    return readMultipart(request, request.headers.get('content-type') ?? '');
  }
  const body = await readBody(request, JSON_LIMIT);
  if (body.data === null || typeof body.data !== 'object' || Array.isArray(body.data)) {
    throw new HttpError(400, 'invalid-body', 'Send a JSON object.');
  }
  return {
    via: body.kind === 'json' ? 'api' : 'form',
    data: body.data as Record<string, unknown>,
    files: [],
  };
}
