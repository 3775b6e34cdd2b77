/**
 * Reads a report submission in any of its three encodings: JSON (apps, the enhanced form),
 * URL-encoded (the plain form) and multipart (the plain form with attachments). A body that cannot
 * be read is a 400, one that is too large a 413, any other type a 415: never a failure of ours.
 */
import { HttpError } from '../http/http-error.ts';
import { checkDeclaredLength, mediaTypeOf, readBody, readFailure, requireUtf8 } from '../http/read-body.ts';

const JSON_LIMIT = 64 * 1024;
/** The largest report submission, attachments and multipart framing included. */
export const REPORT_BODY_BYTES = 12 * 1024 * 1024;

export interface RawReport {
  via: 'api' | 'form';
  data: Record<string, unknown>;
  files: Uint8Array[];
}

async function readMultipart(request: Request): Promise<RawReport> {
  checkDeclaredLength(request, REPORT_BODY_BYTES);
  let form: FormData;
  try {
    form = await request.formData();
  } catch (error) {
    throw readFailure(error, new HttpError(400, 'invalid-multipart', 'The form data could not be read.'));
  }
  const data: Record<string, string | string[]> = {};
  const files: Uint8Array[] = [];
  for (const [key, value] of form) {
    if (typeof value !== 'string') {
      if (key === 'attachments') files.push(new Uint8Array(await value.arrayBuffer()));
      continue;
    }
    const existing = data[key];
    data[key] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  // The enhanced form sends a proof of work; the plain form cannot.
  return { via: data.altcha ? 'api' : 'form', data, files };
}

export async function readReportBody(request: Request): Promise<RawReport> {
  const { type, charset } = mediaTypeOf(request);
  if (type === 'multipart/form-data') {
    requireUtf8(charset);
    return readMultipart(request);
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
