/**
 * The hotline's links and opening hours as a reader sees them: numbers as dialler, SMS and
 * WhatsApp links (a plain https link to wa.me: nothing is loaded from WhatsApp), and hours in the
 * reader's own words, day names, clock and time zone from ICU.
 */
import { WEEKDAYS } from '#kernel/content/schemas.ts';
import { formattedOnce } from '#kernel/i18n/formatted-once.ts';
import type { Locale } from '#kernel/i18n/locales.ts';
import type { Translate } from '#kernel/i18n/ui.ts';
import type { HotlineSettings } from './site-settings.ts';

export type HotlineChannel = 'sms' | 'phone' | 'whatsapp';

export interface HotlineLink {
  channel: HotlineChannel;
  number: string;
  href: string;
}

const digitsOf = (number: string) => number.replace(/[^0-9]/g, '');

/** The hotline's links in the order readers are offered them: text first, then call, then WhatsApp. */
export function hotlineLinks(hotline: HotlineSettings, only?: readonly HotlineChannel[]): HotlineLink[] {
  const links: HotlineLink[] = [];
  if (hotline.sms) links.push({ channel: 'sms', number: hotline.sms, href: `sms:+${digitsOf(hotline.sms)}` });
  if (hotline.phone)
    links.push({ channel: 'phone', number: hotline.phone, href: `tel:+${digitsOf(hotline.phone)}` });
  if (hotline.whatsapp)
    links.push({
      channel: 'whatsapp',
      number: hotline.whatsapp,
      href: `https://wa.me/${digitsOf(hotline.whatsapp)}`,
    });
  return only ? links.filter((l) => only.includes(l.channel)) : links;
}

/** 1 January 2024 was a Monday: day i of the week is 1 + i January, in UTC. */
const dayDate = (index: number) => new Date(Date.UTC(2024, 0, 1 + index));

/** Days as the reader says them: consecutive days as a range ("Mon – Fri"), the rest listed. */
function dayList(days: readonly (typeof WEEKDAYS)[number][], locale: Locale): string {
  return formattedOnce(`days:${days.join(',')}:${locale}`, () => listDays(days, locale));
}

function listDays(days: readonly (typeof WEEKDAYS)[number][], locale: Locale): string {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const indices = WEEKDAYS.map((d, i) => (days.includes(d) ? i : -1)).filter((i) => i >= 0);
  const runs: [number, number][] = [];
  for (const i of indices) {
    const last = runs.at(-1);
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  }
  const parts = runs.flatMap(([from, to]) =>
    to - from >= 2
      ? [format.formatRange(dayDate(from), dayDate(to))]
      : [from, to].filter((d, k) => k === 0 || d !== from).map((d) => format.format(dayDate(d))),
  );
  return new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' }).format(parts);
}

function clock(time: string, locale: Locale): string {
  return formattedOnce(`clock:${time}:${locale}`, () => {
    const [hours, minutes] = time.split(':').map(Number) as [number, number];
    return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, 1, hours % 24, minutes)),
    );
  });
}

function zoneName(timeZone: string, locale: Locale): string {
  return formattedOnce(`zone:${timeZone}:${locale}`, () => {
    const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(
      new Date(Date.UTC(2024, 0, 1)),
    );
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  });
}

/** "every day, 8:00 AM – 10:00 PM (United Kingdom Time)", in the reader's language. */
export function hotlineHours(hours: HotlineSettings['hours'], locale: Locale, t: Translate): string {
  const days = hours.days.length === WEEKDAYS.length ? t('hotline.everyDay') : dayList(hours.days, locale);
  if (hours.opens === '00:00' && hours.closes === '24:00') return t('hotline.allDay', { days });
  return t('hotline.hoursValue', {
    days,
    time: `${clock(hours.opens, locale)} – ${clock(hours.closes, locale)}`,
    zone: zoneName(hours.timeZone, locale),
  });
}
