import { describe, expect, it } from 'vitest';
import { createLogger, routeOf } from '../../../functions/http/logger.ts';

describe('logger', () => {
  it('writes only allow-listed fields', () => {
    const lines: string[] = [];
    const log = createLogger('info', (l) => lines.push(l));
    log.info('report received', {
      requestId: 'r1',
      body: 'they took my passport',
      phone: '+15551234567',
      ip: '10.0.0.1',
    });
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 'info', msg: 'report received', requestId: 'r1' });
    expect(lines[0]).not.toMatch(/passport|5551234567|10\.0\.0\.1/);
  });

  it('writes the same allow-listed fields as a readable line for a terminal', () => {
    const lines: string[] = [];
    const log = createLogger('info', (l) => lines.push(l), 'pretty');
    log.warn('outbox run failed', { job: 'outbox', attempt: 2, body: 'they took my passport' });
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d warn {2}outbox run failed {2}job=outbox attempt=2\n$/);
    expect(lines[0]).not.toContain('passport');
  });

  it('respects the level', () => {
    const lines: string[] = [];
    const log = createLogger('warn', (l) => lines.push(l));
    log.info('quiet');
    log.error('loud');
    expect(lines).toHaveLength(1);
  });
});

describe('routeOf', () => {
  const token = 'q3J1bmtzX29mX2E0M19jaGFyYWN0ZXJfdG9rZW4wMDA';

  it('drops the query string', () => {
    expect(routeOf('/en/search/?q=passport')).toBe('/en/search/');
  });

  it('never shows a set-up token, however the path is spelt', () => {
    for (const url of [
      `/console/setup/${token}`,
      `/console/setup/${token}?next=1`,
      `/console//setup/${token}`,
      `/console/./setup/${token}`,
      `/console/%73etup/${token}`,
      `/console\\setup\\${token}`,
      `/Console/Setup/${token}`,
      '/console/setup/short',
    ]) {
      expect(routeOf(url), url).toBe('/console/setup/:token');
    }
  });

  it('hides any other segment that looks like a token, and keeps ids and page paths', () => {
    expect(routeOf(`/api/anything/${token}/more`)).toBe('/api/anything/:token/more');
    expect(routeOf('/console/items/2f1c1d8e-8f57-4a54-9f3c-0b1e6f0a6a11')).toBe(
      '/console/items/2f1c1d8e-8f57-4a54-9f3c-0b1e6f0a6a11',
    );
    expect(routeOf('/fr/guides/warning-signs/')).toBe('/fr/guides/warning-signs/');
    expect(routeOf('/%E0%A4%A')).toBe('/%E0%A4%A');
  });
});
