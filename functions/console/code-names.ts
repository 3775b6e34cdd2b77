/**
 * Countries and languages by name in the reader's language, for pickers and readable values: the
 * codes stay what is stored (ISO 3166-1 alpha-2, ISO 639-1), people choose and read names. The
 * lists come from the runtime's own data (Intl.DisplayNames), so nothing is fetched or shipped.
 */

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const PAIRS = [...LETTERS].flatMap((a) => [...LETTERS].map((b) => a + b));

/** Codes Intl knows a name for; "ZZ"-style placeholders and the like fall out. */
const REGION_CODES = (() => {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  return PAIRS.filter((code) => {
    const name = names.of(code);
    return (
      name !== undefined &&
      name !== code &&
      !/^(XA|XB|ZZ|QO|EU|EZ|UN|AA|QM|QN|QP|QQ|QR|QS|QT|QU|QV|QW|QX|QY|QZ|XC|XD|XE|XF|XG|XH|XI|XJ|XL|XM|XN|XO|XP|XQ|XR|XS|XT|XU|XV|XW|XX|XY|XZ)$/.test(
        code,
      )
    );
  });
})();

const LANGUAGE_CODES = (() => {
  const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  return PAIRS.map((p) => p.toLowerCase()).filter((code) => {
    const name = names.of(code);
    return name !== undefined && name !== code;
  });
})();

export interface NamedCode {
  code: string;
  name: string;
}

const sorted = (locale: string, list: NamedCode[]) =>
  list.sort((a, b) => a.name.localeCompare(b.name, locale));

export function countryName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale, 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale, 'en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function countries(locale: string): NamedCode[] {
  return sorted(
    locale,
    REGION_CODES.map((code) => ({ code, name: countryName(locale, code) })),
  );
}

export function languages(locale: string): NamedCode[] {
  return sorted(
    locale,
    LANGUAGE_CODES.map((code) => ({ code, name: languageName(locale, code) })),
  );
}
