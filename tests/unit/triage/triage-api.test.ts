import { describe, expect, it } from 'vitest';
import { PRIORITIES, REASON_CODES } from '../../../functions/triage/reason-codes.ts';
import { triageResultSchema } from '../../../functions/triage/schema.ts';
import { triage } from '../../../functions/triage/triage.ts';

const SAMPLES = [
  'they locked me in',
  'ok',
  '',
  '   ',
  '🙏🙏🙏',
  'my employer took my passport',
  'a'.repeat(5000),
  'قفلوا علينا الباب',
  '救命',
];

describe('triage API', () => {
  it.each(SAMPLES)('returns a result valid against the schema for %j', (text) => {
    const result = triage({ text });
    expect(triageResultSchema.safeParse(result).success).toBe(true);
  });

  it('keeps the score inside the band of the priority', () => {
    const bands = { noise: [0, 14], standard: [15, 39], urgent: [40, 69], emergency: [70, 100] } as const;
    for (const text of SAMPLES) {
      const { priority, score } = triage({ text });
      expect(score).toBeGreaterThanOrEqual(bands[priority][0]);
      expect(score).toBeLessThanOrEqual(bands[priority][1]);
    }
  });

  it('is deterministic', () => {
    const text = 'heeelp they r taking us across the border tonight';
    expect(triage({ text })).toEqual(triage({ text }));
  });

  it('exports unique reason codes and priorities for the console to translate', () => {
    expect(new Set(REASON_CODES).size).toBe(REASON_CODES.length);
    expect(PRIORITIES).toEqual(['emergency', 'urgent', 'standard', 'noise']);
  });

  it('treats an empty message as noise', () => {
    expect(triage({ text: '' }).priority).toBe('noise');
  });

  it('stays fast on long and adversarial input (no catastrophic backtracking)', () => {
    const long = 'not not not locked '.repeat(500) + 'a'.repeat(2000);
    const start = performance.now();
    triage({ text: long });
    expect(performance.now() - start).toBeLessThan(500);
  });

  it('triages thousands of messages a second', () => {
    const texts = ['they locked us in and took our phones', 'ok thanks', 'كيف أجدد الإقامة؟', 'amake bachan'];
    for (const text of texts) triage({ text });
    const n = 4000;
    const start = performance.now();
    for (let i = 0; i < n; i++) triage({ text: texts[i % texts.length]! });
    const perSecond = n / ((performance.now() - start) / 1000);
    // Far below the ~20,000/s measured on a quiet machine: this guards against a pathological
    // pattern, not against a busy CI runner.
    expect(perSecond).toBeGreaterThan(2000);
  });
});
