import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../functions/http/logger.ts';

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

  it('respects the level', () => {
    const lines: string[] = [];
    const log = createLogger('warn', (l) => lines.push(l));
    log.info('quiet');
    log.error('loud');
    expect(lines).toHaveLength(1);
  });
});
