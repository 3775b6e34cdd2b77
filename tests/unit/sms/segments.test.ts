import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LOCALE_CODES } from '#kernel/i18n/locales.ts';
import { countSegments } from '../../../functions/sms/segments.ts';
import { fillTemplate, LANGUAGE_MENU, SMS_TEMPLATES } from '../../../functions/sms/templates.ts';

const longestEmergencyNumber = readdirSync('content/help')
  .map((f) => String(parse(readFileSync(`content/help/${f}`, 'utf8')).emergency.number))
  .sort((a, b) => b.length - a.length)[0]!;

describe('SMS segments', () => {
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
        });
        expect(text).not.toMatch(/\{\w+\}/);
        expect(countSegments(text).segments, text).toBe(1);
      },
    );
  });

  it('sends the language menu in one GSM-7 segment', () => {
    expect(countSegments(LANGUAGE_MENU)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });
});
