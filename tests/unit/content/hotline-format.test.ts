/** The hotline as readers see it: plain links, and opening hours in every language's own words. */
import { describe, expect, it } from 'vitest';
import type { SiteSettings } from '#kernel/content/schemas.ts';
import { LOCALE_CODES } from '#kernel/i18n/locales.ts';
import { useTranslations } from '#kernel/i18n/ui.ts';
import { hotlineHours, hotlineLinks } from '../../../src/content/hotline-format.ts';

const hotline: SiteSettings['hotline'] = {
  sms: '+44 7700 900123',
  whatsapp: '+44 7700 900124',
  phone: '+44 20 7946 0123',
  hours: {
    days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    opens: '08:00',
    closes: '22:00',
    timeZone: 'Europe/London',
  },
  languages: ['en'],
  example: true,
};

describe('hotline links', () => {
  it('are sms:, tel: and a plain wa.me link, text first', () => {
    expect(hotlineLinks(hotline).map((l) => l.href)).toEqual([
      'sms:+447700900123',
      'tel:+442079460123',
      'https://wa.me/447700900124',
    ]);
    expect(hotlineLinks(hotline, ['sms', 'phone']).map((l) => l.channel)).toEqual(['sms', 'phone']);
    expect(hotlineLinks({ ...hotline, whatsapp: undefined, sms: undefined }).map((l) => l.channel)).toEqual([
      'phone',
    ]);
  });
});

describe('hotline hours', () => {
  const hours = (
    h: Partial<SiteSettings['hotline']['hours']>,
    locale: (typeof LOCALE_CODES)[number] = 'en',
  ) => hotlineHours({ ...hotline.hours, ...h }, locale, useTranslations(locale));

  it('say every day, the times and the time zone in the reader’s language', () => {
    expect(hours({})).toBe('Every day, 8:00 AM – 10:00 PM (United Kingdom Time)');
    expect(hours({}, 'fr')).toMatch(/^Tous les jours, 8:00 – 22:00 \(.*Royaume-Uni\)$/);
    expect(hours({}, 'zh')).toBe('每天，8:00 – 22:00（英国时间）');
  });

  it('group consecutive days and say all day for 00:00 to 24:00', () => {
    expect(hours({ days: ['mon', 'tue', 'wed', 'thu', 'fri'] })).toMatch(/^Mon\s–\sFri, /);
    expect(hours({ days: ['mon', 'wed', 'sat', 'sun'] })).toMatch(/^Mon, Wed, Sat, Sun, /);
    expect(hours({ opens: '00:00', closes: '24:00' })).toBe('Every day, 24 hours');
    expect(hours({ opens: '00:00', closes: '24:00' }, 'ar')).toBe('كل يوم، على مدار 24 ساعة');
  });

  it('exist in every language without a placeholder left over', () => {
    for (const locale of LOCALE_CODES)
      expect(hours({ days: ['mon', 'tue', 'sat'] }, locale)).not.toMatch(/\{\w+\}/);
  });
});
