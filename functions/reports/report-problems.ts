/** Validation problems of a report, in the reporter's language: one message per field. */
import type { z } from 'zod';
import { DEFAULT_LOCALE, isLocale, type Locale, negotiateLocale } from '#kernel/i18n/locales.ts';
import { type UiKey, useTranslations } from '#kernel/i18n/ui.ts';
import { HttpError } from '../http/http-error.ts';

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
