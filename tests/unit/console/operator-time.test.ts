/**
 * Times in the operator's zone: the zone comes from the browser's cookie when it names a real zone,
 * else UTC; the format always shows the zone, and an Arabic date keeps its parts in order when
 * isolated (the page wraps it in <bdi>).
 */
import { describe, expect, it } from 'vitest';
import { operatorTimeZone, timeFormat } from '../../../functions/console/operator-time.ts';

const request = (cookie?: string) =>
  new Request('https://hotline.example.org/console/', cookie ? { headers: { cookie } } : {});

describe('operator time', () => {
  it('reads a real zone from the cookie and falls back to UTC', () => {
    expect(operatorTimeZone(request('waymark-tz=Asia/Kathmandu'))).toBe('Asia/Kathmandu');
    expect(operatorTimeZone(request('other=1; waymark-tz=America/Argentina/Buenos_Aires'))).toBe(
      'America/Argentina/Buenos_Aires',
    );
    expect(operatorTimeZone(request())).toBe('UTC');
    expect(operatorTimeZone(request('waymark-tz=Mars/Olympus_Mons'))).toBe('UTC');
    expect(operatorTimeZone(request('waymark-tz=<script>'))).toBe('UTC');
  });

  it('shows the zone with every time, in the operator’s zone', () => {
    const at = new Date('2026-12-03T05:00:00Z');
    expect(timeFormat('en', 'Asia/Kathmandu').format(at)).toMatch(/10:45\s?AM GMT\+5:45/);
    expect(timeFormat('en', 'UTC').format(at)).toMatch(/5:00\s?AM UTC/);
    const arabic = timeFormat('ar', 'Asia/Qatar').format(at);
    expect(arabic).toMatch(/[٠-٩0-9]/);
    expect(arabic.length).toBeGreaterThan(8);
  });
});
