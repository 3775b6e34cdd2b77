/** Validation problems of a report, in the reporter's language: one message per field. */
import type { z } from 'zod';
import { DEFAULT_LOCALE, isLocale, type Locale, negotiateLocale } from '#kernel/i18n/locales.ts';
import { type UiKey, useTranslations } from '#kernel/i18n/ui.ts';
import { HttpError } from '../http/http-error.ts';
import type { Refusal } from '../media/cleaning-contract.ts';

export function reportLocale(body: unknown, request: Request): Locale {
  const claimed = (body as { locale?: unknown } | null)?.locale;
  if (isLocale(claimed)) return claimed;
  return negotiateLocale(request.headers.get('accept-language')) ?? DEFAULT_LOCALE;
}

export function reportFieldError(
  locale: Locale,
  field: string,
  code = 'report-invalid',
  status = 422,
): HttpError {
  const t = useTranslations(locale);
  return new HttpError(status, code, t('report.error.summary'), {
    fields: [{ field, message: t(`report.error.${field}` as UiKey) }],
  });
}

export function reportValidationError(locale: Locale, error: z.ZodError): HttpError {
  const t = useTranslations(locale);
  const fields = [...new Set(error.issues.map((i) => String(i.path[0] ?? 'description')))];
  return new HttpError(422, 'report-invalid', t('report.error.summary'), {
    fields: fields.map((field) => ({ field, message: t(`report.error.${field}` as UiKey) })),
  });
}

/** Why an attachment could not be cleaned, said so that the reporter knows what to do about it. */
const REFUSALS: Record<Refusal, { status: number; code: string; message: UiKey }> = {
  'unsupported-type': { status: 422, code: 'attachment-type', message: 'report.error.attachments' },
  unreadable: { status: 422, code: 'attachment-unreadable', message: 'report.error.attachmentUnreadable' },
  encrypted: { status: 422, code: 'attachment-encrypted', message: 'report.error.attachmentEncrypted' },
  'too-large': { status: 422, code: 'attachment-too-large', message: 'report.error.attachmentTooComplex' },
  'too-slow': { status: 422, code: 'attachment-too-slow', message: 'report.error.attachmentTooComplex' },
  'too-much-memory': {
    status: 422,
    code: 'attachment-too-much-memory',
    message: 'report.error.attachmentTooComplex',
  },
  busy: { status: 503, code: 'attachments-busy', message: 'report.error.attachmentsBusy' },
};

export function attachmentRefusedError(locale: Locale, refusal: Refusal): HttpError {
  const t = useTranslations(locale);
  const { status, code, message } = REFUSALS[refusal];
  return new HttpError(status, code, t('report.error.summary'), {
    fields: [{ field: 'attachments', message: t(message) }],
    // Busy is the server's state, not the file's: the same files may be sent again in a minute.
    headers: refusal === 'busy' ? { 'retry-after': '60' } : undefined,
  });
}
