import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  formatEvaluation,
  type LabelledRow,
  labelledRowSchema,
} from '../../../functions/triage/evaluate.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/triage');

function load(name: string): LabelledRow[] {
  return readFileSync(join(FIXTURES, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => labelledRowSchema.parse(JSON.parse(line)));
}

describe('evaluate', () => {
  it('computes per-class figures and the confusion matrix from the engine’s answers', () => {
    // Two rows are deliberately mislabelled, so the figures are known in advance.
    const rows: LabelledRow[] = [
      { priority: 'emergency', minor: false, text: 'they locked us in the basement' },
      { priority: 'emergency', minor: false, text: 'he beat me and said he will kill me' },
      { priority: 'emergency', minor: false, text: 'how do I renew my visa?' },
      { priority: 'urgent', minor: false, text: 'my employer took my passport' },
      { priority: 'noise', minor: true, text: 'ok thanks' },
    ];
    const e = evaluate(rows);
    expect(e.confusion.emergency).toEqual({ emergency: 2, urgent: 0, standard: 1, noise: 0 });
    expect(e.perClass.emergency).toMatchObject({ precision: 1, recall: 2 / 3, support: 3 });
    expect(e.perClass.standard).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(e.perClass.urgent.f1).toBe(1);
    expect(e.accuracy).toBeCloseTo(4 / 5);
    expect(e.minorAccuracy).toBeCloseTo(4 / 5);
    expect(e.minorRecall).toBe(0); // the one child row is a mislabelled 'ok thanks'
    expect(e.macroF1).toBeCloseTo((0.8 + 1 + 0 + 1) / 4);
    expect(formatEvaluation(e)).toMatch(/emergency recall\s+66\.7%/);
  });

  it.each(['dev.jsonl', 'extra.jsonl'])('meets the hotline targets on %s', (name) => {
    const rows = load(name);
    const e = evaluate(rows);
    const report = formatEvaluation(e);
    expect(e.perClass.emergency.recall, report).toBeGreaterThanOrEqual(0.95);
    expect(e.perClass.emergency.precision, report).toBeGreaterThanOrEqual(0.85);
    expect(e.macroF1, report).toBeGreaterThanOrEqual(0.85);
    // The hotline's figure for the child flag is recall: a missed child costs more than a false flag.
    expect(e.minorRecall, report).toBeGreaterThanOrEqual(0.9);
    expect(e.minorAccuracy, report).toBeGreaterThanOrEqual(0.9);
  });

  it('covers every locale, Arabizi and Banglish in the extra set', () => {
    const rows = readFileSync(join(FIXTURES, 'extra.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { lang: string; text: string });
    expect(rows.length).toBeGreaterThanOrEqual(250);
    const langs = new Set(rows.map((r) => r.lang));
    for (const l of ['en', 'fr', 'es', 'ar', 'ru', 'zh', 'bn', 'ne', 'vi', 'tl', 'id', 'ro'])
      expect(langs).toContain(l);
    const latin = (lang: string) =>
      rows.filter((r) => r.lang === lang && /^\p{ASCII}*$/u.test(r.text)).length;
    expect(latin('ar')).toBeGreaterThanOrEqual(20);
    expect(latin('bn')).toBeGreaterThanOrEqual(20);
  });
});
