/**
 * Reads a report submission in any of its three encodings: JSON (apps, the enhanced form),
 * URL-encoded (the plain form) and multipart (the plain form with attachments).
 */
import { HttpError } from '../http/http-error.ts';
import { readBody } from '../http/read-body.ts';

const JSON_LIMIT = 64 * 1024;

export interface RawReport {
  via: 'api' | 'form';
  data: Record<string, unknown>;
  files: Uint8Array[];
}

export async function readReportBody(request: Request): Promise<RawReport> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new HttpError(400, 'invalid-multipart', 'The form data could not be read.');
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
