import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { siteSettingsSchema } from '#kernel/content/schemas.ts';
import { LOCALE_CODES } from '#kernel/i18n/locales.ts';
import { hotlinePhone } from '../../../functions/sms/hotline-number.ts';
import { countSegments } from '../../../functions/sms/segments.ts';
import { fillTemplate, helpReply, LANGUAGE_MENU, SMS_TEMPLATES } from '../../../functions/sms/templates.ts';

const longestEmergencyNumber = readdirSync('content/help')
  .map((f) => String(parse(readFileSync(`content/help/${f}`, 'utf8')).emergency.number))
  .sort((a, b) => b.length - a.length)[0]!;

/** The longest hotline number the site settings accept: + and 21 digits. */
const longestHotlineNumber = `+${'9'.repeat(21)}`;

describe('SMS segments', () => {
  it('tests with the longest hotline number the settings accept, and nothing longer is accepted', () => {
    const settings = (phone: string) => ({
      hotline: {
        phone,
        languages: ['en'],
        hours: { days: ['mon'], opens: '08:00', closes: '17:00', timeZone: 'UTC' },
      },
    });
    expect(siteSettingsSchema.safeParse(settings(longestHotlineNumber)).success).toBe(true);
    expect(siteSettingsSchema.safeParse(settings(`${longestHotlineNumber}9`)).success).toBe(false);
  });

  it('counts GSM-7, extension characters and UCS-2 as carriers do', () => {
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('a'.repeat(161)).segments).toBe(2);
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('é'.repeat(70)).encoding).toBe('GSM-7');
    expect(countSegments('ê'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSegments('ê'.repeat(71)).segments).toBe(2);
    expect(countSegments('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
  });

  it('has every automatic reply in every locale', () => {
    expect(Object.keys(SMS_TEMPLATES).sort()).toEqual([...LOCALE_CODES].sort());
  });

  describe.each(LOCALE_CODES)('%s', (locale) => {
    it.each(Object.keys(SMS_TEMPLATES.en))(
      '%s fits in one segment with the longest emergency number',
      (name) => {
        const text = fillTemplate(SMS_TEMPLATES[locale][name as keyof (typeof SMS_TEMPLATES)['en']], {
          number: longestEmergencyNumber,
          phone: longestHotlineNumber,
        });
        expect(text).not.toMatch(/\{\w+\}/);
        expect(countSegments(text).segments, text).toBe(1);
      },
    );
  });

  it('answers HELP with the hotline phone in every language, and without it when there is none', () => {
    for (const locale of LOCALE_CODES) {
      expect(helpReply(locale, '+44 20 7946 0123')).toContain('+44 20 7946 0123');
      expect(helpReply(locale, undefined)).toBe(SMS_TEMPLATES[locale].help);
    }
  });

  it('never texts an example number: the shipped sample settings give no phone', () => {
    expect(hotlinePhone()).toBeUndefined();
    const real = siteSettingsSchema.parse({
      hotline: {
        phone: '+44 20 7946 0123',
        languages: ['en'],
        hours: { days: ['mon'], opens: '08:00', closes: '17:00', timeZone: 'UTC' },
      },
    });
    expect(hotlinePhone(real)).toBe('+44 20 7946 0123');
    expect(hotlinePhone({ hotline: { ...real.hotline, example: true } })).toBeUndefined();
  });

  it('sends the language menu in one GSM-7 segment', () => {
    expect(countSegments(LANGUAGE_MENU)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });
});
