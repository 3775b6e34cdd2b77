/**
 * Times in the operator's own time zone, with the zone shown. The console's script leaves the
 * browser's zone in a cookie (`waymark-tz`, an IANA name, nothing else); until it is there, or when
 * it names no zone this runtime knows, times are in UTC and say so.
 */
import { readCookie } from '../http/cookies.ts';

export const TIME_ZONE_COOKIE = 'waymark-tz';

export function operatorTimeZone(request: Request): string {
  const zone = readCookie(request, TIME_ZONE_COOKIE);
  if (!zone || zone.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(zone)) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/** Date and time with the zone's short name, e.g. "3/12/26, 8:00 AM GMT+3". */
export function timeFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    year: '2-digit',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });
}
