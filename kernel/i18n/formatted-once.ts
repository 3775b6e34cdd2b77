/**
 * ICU's formatters cost far more to make than to use, and every page names countries and languages
 * and shows the hotline's hours: each such result is worked out once per process, by its key.
 */
const results = new Map<string, unknown>();

export function formattedOnce<T>(key: string, make: () => T): T {
  if (!results.has(key)) results.set(key, make());
  return results.get(key) as T;
}

/** The locale's date formatter with these options, made once per process. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return formattedOnce(
    `DateTimeFormat:${locale}:${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(locale, options),
  );
}

/** The locale's list formatter with these options, made once per process. */
export function listFormat(locale: string, options: Intl.ListFormatOptions): Intl.ListFormat {
  return formattedOnce(
    `ListFormat:${locale}:${JSON.stringify(options)}`,
    () => new Intl.ListFormat(locale, options),
  );
}
