/**
 * A form posted from another address than the console's own (the console opened under another host
 * name, or behind a proxy that rewrites it) is refused; this says why, naming both addresses and
 * PUBLIC_BASE_URL, because "reload and try again" never fixes it.
 */
import type { Translate } from '#kernel/i18n/ui.ts';
import { HttpError } from '../http/http-error.ts';

export function originProblem(request: Request, publicBaseUrl: URL, t: Translate): HttpError {
  const seen = request.headers.get('origin') ?? '';
  return new HttpError(403, 'csrf', t('console.error.host', { seen, expected: publicBaseUrl.origin }));
}
