/**
 * Reads the form a console page was posted, URL-encoded or multipart, within a byte limit. A body of
 * another type is a 415, one too large a 413 and one that cannot be read a 400, as problem
 * responses: a page never works on a silently emptied form.
 */
import { HttpError } from './http-error.ts';
import { problemResponse } from './problem.ts';
import { checkDeclaredLength, mediaTypeOf, readFailure, readLimitedText, requireUtf8 } from './read-body.ts';

/** Console forms hold a few fields and, at most, a long note. */
export const CONSOLE_FORM_BYTES = 256 * 1024;

export async function readForm(request: Request, limit = CONSOLE_FORM_BYTES): Promise<FormData> {
  const { type, charset } = mediaTypeOf(request);
  if (type === 'application/x-www-form-urlencoded') {
    requireUtf8(charset);
    const form = new FormData();
    for (const [name, value] of new URLSearchParams(await readLimitedText(request, limit))) {
      form.append(name, value);
    }
    return form;
  }
  if (type === 'multipart/form-data') {
    checkDeclaredLength(request, limit);
    try {
      return await request.formData();
    } catch (error) {
      throw readFailure(error, new HttpError(400, 'invalid-form', 'The form data could not be read.'));
    }
  }
  throw new HttpError(
    415,
    'unsupported-media-type',
    'Send the form as a web form (URL-encoded or multipart).',
  );
}

/** The form, or the problem response a page returns instead of going on. */
export async function readFormOrProblem(request: Request): Promise<FormData | Response> {
  try {
    return await readForm(request);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return problemResponse(error, request.headers.get('x-request-id') ?? '');
  }
}
