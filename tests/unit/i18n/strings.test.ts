import { describe, expect, it } from 'vitest';
import { LOCALE_CODES } from '#kernel/i18n/locales.ts';
import { STRINGS, useTranslations } from '#kernel/i18n/ui.ts';

const english = STRINGS.en!;
const keys = Object.keys(english);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI strings', () => {
  it('exist for exactly the configured locales', () => {
    expect(Object.keys(STRINGS).sort()).toEqual([...LOCALE_CODES].sort());
  });

  describe.each(LOCALE_CODES.filter((l) => l !== 'en'))('%s', (locale) => {
    const strings = STRINGS[locale]!;
    it('has every key English has, and no others', () => {
      expect(Object.keys(strings).sort()).toEqual([...keys].sort());
    });
    it('has no empty strings and keeps every placeholder', () => {
      for (const key of keys) {
        const text = strings[key as keyof typeof strings];
        expect(text?.trim(), `${locale}:${key}`).toBeTruthy();
        expect(placeholders(text ?? ''), `${locale}:${key}`).toEqual(
          placeholders(english[key as keyof typeof english]!),
        );
      }
    });
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
