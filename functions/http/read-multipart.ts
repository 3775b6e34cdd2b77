/**
 * Splits a buffered `multipart/form-data` body (RFC 7578) into its parts, in one pass. Boundaries
 * are found with Buffer#indexOf, whose search stays linear whatever boundary a client chooses (a
 * JavaScript Boyer-Moore-Horspool search does not, and a general form parser spent a fifth of a
 * second of the event loop on one crafted 12 MB body). Part bodies are views into the buffer, never
 * copies. Every malformation is a 400, too many parts a 413.
 */
import { HttpError } from './http-error.ts';

export interface MultipartPart {
  name: string;
  /** Present (possibly empty) when the part is a file input. */
  filename?: string;
  contentType?: string;
  body: Buffer;
}

/** Headers of one part: a browser sends two short lines. */
const MAX_HEADER_BYTES = 8 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

function invalid(detail: string): HttpError {
  return new HttpError(400, 'invalid-multipart', `The form data could not be read: ${detail}.`);
}

/** The value of one parameter of a header like `form-data; name="a"; filename="b"`, or undefined. */
function headerParams(value: string): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  const semicolon = value.indexOf(';');
  const type = (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  let i = semicolon === -1 ? value.length : semicolon + 1;
  while (i < value.length) {
    while (value[i] === ' ' || value[i] === '\t' || value[i] === ';') i += 1;
    const equals = value.indexOf('=', i);
    if (equals === -1) break;
    const key = value.slice(i, equals).trim().toLowerCase();
    i = equals + 1;
    let param = '';
    if (value[i] === '"') {
      // A quoted string: backslash escapes the next character; it ends at the next bare quote.
      i += 1;
      while (i < value.length && value[i] !== '"') {
        if (value[i] === '\\' && i + 1 < value.length) i += 1;
        param += value[i];
        i += 1;
      }
      i += 1;
    } else {
      const end = value.indexOf(';', i);
      param = value.slice(i, end === -1 ? value.length : end).trim();
      i = end === -1 ? value.length : end;
    }
    if (key && !params.has(key)) params.set(key, param);
  }
  return { type, params };
}

export function multipartBoundary(contentType: string): string {
  const boundary = headerParams(contentType).params.get('boundary');
  if (!boundary || boundary.length > 70 || !/^[\x20-\x7e]+$/.test(boundary)) {
    throw invalid('the Content-Type names no valid boundary');
  }
  return boundary;
}

function parseHeaders(block: string): { name: string; filename?: string; contentType?: string } {
  let disposition: string | undefined;
  let contentType: string | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) throw invalid('a part header has no colon');
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (field === 'content-disposition') disposition = value;
    else if (field === 'content-type') contentType = value;
  }
  if (!disposition) throw invalid('a part has no Content-Disposition');
  const { type, params } = headerParams(disposition);
  const name = params.get('name');
  if (type !== 'form-data' || name === undefined) throw invalid('a part is not a named form field');
  return { name, filename: params.get('filename'), contentType };
}

export function parseMultipart(body: Buffer, contentType: string, maxParts: number): MultipartPart[] {
  const boundary = multipartBoundary(contentType);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const parts: MultipartPart[] = [];
  // The first delimiter may open the body without its CRLF; anything before it is preamble.
  let at: number;
  if (body.subarray(0, delimiter.length - 2).equals(delimiter.subarray(2))) {
    at = delimiter.length - 2;
  } else {
    const first = body.indexOf(delimiter);
    if (first === -1) throw invalid('no part starts');
    at = first + delimiter.length;
  }
  for (;;) {
    // After a delimiter: `--` closes the body; otherwise optional padding, then CRLF and headers.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts;
    while (body[at] === 0x20 || body[at] === 0x09) at += 1;
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a)
      throw invalid('a boundary is not followed by a line break');
    at += 2;
    if (parts.length === maxParts) {
      throw new HttpError(413, 'too-many-parts', `The form may have at most ${maxParts} fields and files.`);
    }
    const headerEnd = body.subarray(at, at + MAX_HEADER_BYTES + HEADER_END.length).indexOf(HEADER_END);
    if (headerEnd === -1) throw invalid('a part has no end of headers');
    const headers = parseHeaders(body.toString('latin1', at, at + headerEnd));
    const start = at + headerEnd + HEADER_END.length;
    const end = body.indexOf(delimiter, start - CRLF.length);
    if (end === -1) throw invalid('the last part is cut short');
    parts.push({ ...headers, body: body.subarray(start, Math.max(start, end)) });
    at = end + delimiter.length;
  }
}
