/**
 * Measures triage models on corpus lines: the whole engine (rules, model and safety rules) as the
 * hotline runs it, per class, per language variety and for the `minor` flag. Used by
 * `npm run triage:eval`, by `npm run triage:train` to refuse a model that does worse than the
 * current one, and by the tests.
 */

import type { TrainingExample } from './build-model.ts';
import type { CorpusRow } from './corpus.ts';
import { type Evaluation, evaluateAnswers, formatEvaluation } from './evaluate.ts';
import { activeModel, useModel } from './model.ts';
import type { TriageModel } from './model-file.ts';
import type { Priority } from './reason-codes.ts';
import { triage } from './triage.ts';

export interface Answer {
  readonly priority: Priority;
  readonly minor: boolean;
}

/** Triage every row with `model` (null: the rules alone), then put the active model back. */
export function answersWith(model: TriageModel | null, rows: readonly { text: string }[]): Answer[] {
  const before = activeModel();
  useModel(model);
  try {
    return rows.map((r) => {
      const t = triage({ text: r.text });
      return { priority: t.priority, minor: t.minor };
    });
  } finally {
    useModel(before);
  }
}

export function asExample(row: CorpusRow): TrainingExample {
  return {
    text: row.text,
    priority: row.priority,
    minor: row.minor,
    variety: row.variety,
    group: row.author,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);

/** Per language variety: emergency recall and precision, macro-F1 and minor recall. */
export function formatByGroup(
  title: string,
  rows: readonly CorpusRow[],
  answers: readonly Answer[],
  groupOf: (row: CorpusRow) => string,
): string {
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const g = groupOf(row);
    groups.set(g, [...(groups.get(g) ?? []), i]);
  });
  const lines = [`${title.padEnd(9)} lines  em.recall  em.prec.  macro-F1  accuracy  minor rec.`];
  for (const [group, indices] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const e = evaluateAnswers(
      indices.map((i) => rows[i]!),
      indices.map((i) => answers[i]!),
    );
    lines.push(
      `${group.padEnd(9)} ${String(e.total).padStart(5)}  ${pct(e.perClass.emergency.recall)}    ${pct(e.perClass.emergency.precision)}  ${pct(e.macroF1)}   ${pct(e.accuracy)}    ${pct(e.minorRecall)}`,
    );
  }
  return lines.join('\n');
}

export interface Measured {
  readonly evaluation: Evaluation;
  readonly report: string;
}

export function measure(rows: readonly CorpusRow[], answers: readonly Answer[]): Measured {
  const evaluation = evaluateAnswers(rows, answers);
  const report = `${formatEvaluation(evaluation)}\n\n${formatByGroup('variety', rows, answers, (r) => r.variety)}`;
  return { evaluation, report };
}

/**
 * Whether `candidate` does worse than `current` on the same lines: lower emergency recall (the
 * figure the hotline may not lose) or lower macro-F1.
 */
export function doesWorse(candidate: Evaluation, current: Evaluation): boolean {
  return (
    candidate.perClass.emergency.recall < current.perClass.emergency.recall ||
    candidate.macroF1 < current.macroF1
  );
}

export function summary(e: Evaluation): string {
  return `emergency recall ${pct(e.perClass.emergency.recall).trim()}, emergency precision ${pct(e.perClass.emergency.precision).trim()}, macro-F1 ${pct(e.macroF1).trim()}, minor recall ${pct(e.minorRecall).trim()}`;
}
