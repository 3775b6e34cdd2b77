import { describe, expect, it } from 'vitest';
import { LOCALE_CODES } from '#kernel/i18n/locales.ts';
import { STRINGS, useTranslations } from '#kernel/i18n/ui.ts';

const english = STRINGS.en!;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * Counted strings (`search.found.one`, `.other`, ...) come in the plural forms of each language:
 * English has one and other, Arabic six, Chinese one. A family is known by English's two forms.
 */
const PLURAL = /^(.+)\.(zero|one|two|few|many|other)$/;
const families = new Set(
  Object.keys(english)
    .map((k) => PLURAL.exec(k))
    .filter((m) => m && `${m[1]}.one` in english && `${m[1]}.other` in english)
    .map((m) => m![1]!),
);
const isPlural = (key: string) => families.has(PLURAL.exec(key)?.[1] ?? '');
const keys = Object.keys(english).filter((k) => !isPlural(k));
const pluralKeys = (locale: string) =>
  [...families].flatMap((family) =>
    new Intl.PluralRules(locale).resolvedOptions().pluralCategories.map((c) => `${family}.${c}`),
  );

describe('UI strings', () => {
  it('exist for exactly the configured locales', () => {
    expect(Object.keys(STRINGS).sort()).toEqual([...LOCALE_CODES].sort());
  });

  describe.each(LOCALE_CODES.filter((l) => l !== 'en'))('%s', (locale) => {
    const strings = STRINGS[locale]!;
    it('has every key English has, counted strings in its own plural forms, and no others', () => {
      expect(Object.keys(strings).sort()).toEqual([...keys, ...pluralKeys(locale)].sort());
    });
    it('has no empty strings and keeps every placeholder', () => {
      for (const key of [...keys, ...pluralKeys(locale)]) {
        const text = strings[key as keyof typeof strings];
        const original =
          english[(isPlural(key) ? key.replace(PLURAL, '$1.other') : key) as keyof typeof english]!;
        expect(text?.trim(), `${locale}:${key}`).toBeTruthy();
        expect(placeholders(text ?? ''), `${locale}:${key}`).toEqual(placeholders(original));
      }
    });
  });

  it('gives English exactly its own plural forms', () => {
    expect(Object.keys(english).filter(isPlural).sort()).toEqual(pluralKeys('en').sort());
    expect(families).toContain('search.found');
  });

  it('falls back to English for a missing key and marks it in staff tools', () => {
    const t = useTranslations('xx', { markMissing: true });
    expect(t('notFound.title')).toBe('Page not found');
  });

  it('fills placeholders', () => {
    const t = useTranslations('en');
    expect(t('site.name', { unused: 1 })).toBe('Waymark');
  });
});
