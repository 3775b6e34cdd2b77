import { describe, expect, it } from 'vitest';
import { LOCALE_CODES, LOCALES, negotiateLocale, textDirection } from '#kernel/i18n/locales.ts';

describe('locale module', () => {
  it('has the twelve locales of the design, each once', () => {
    expect([...LOCALE_CODES].sort()).toEqual([
      'ar',
      'bn',
      'en',
      'es',
      'fr',
      'id',
      'ne',
      'ro',
      'ru',
      'tl',
      'vi',
      'zh',
    ]);
    expect(new Set(LOCALE_CODES).size).toBe(LOCALES.length);
  });

  it('knows Arabic is right to left and the rest left to right', () => {
    for (const l of LOCALES) expect(textDirection(l.code)).toBe(l.code === 'ar' ? 'rtl' : 'ltr');
  });

  it('negotiates Accept-Language by quality and primary subtag', () => {
    expect(negotiateLocale('fr-CA,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(negotiateLocale('de-DE,de;q=0.9,ne;q=0.5')).toBe('ne');
    expect(negotiateLocale('en;q=0.2, zh-Hant-TW;q=0.9')).toBe('zh');
    expect(negotiateLocale('fil-PH')).toBe('tl');
    expect(negotiateLocale('ar;q=0, ro')).toBe('ro');
    expect(negotiateLocale('*')).toBe('en');
    expect(negotiateLocale('')).toBe('en');
    expect(negotiateLocale(';;;,,q=abc')).toBe('en');
  });
});
