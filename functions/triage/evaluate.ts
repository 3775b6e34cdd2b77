/**
 * Measures the triage engine against labelled messages: per-class precision, recall and F1,
 * macro-F1, emergency recall and precision (the figures the hotline cares most about), accuracy of
 * the `minor` flag, and the confusion matrix. Used by the tests and the benchmark runner; run
 * directly (`node functions/triage/evaluate.ts file.jsonl`) it prints the table and the speed.
 */
import { z } from 'zod';
import { readJsonl } from './jsonl.ts';
import { PRIORITIES, type Priority } from './reason-codes.ts';
import { prioritySchema } from './schema.ts';
import { triage } from './triage.ts';

export const labelledRowSchema = z.object({
  priority: prioritySchema,
  minor: z.boolean(),
  text: z.string(),
  history: z.array(z.string()).optional(),
});
export type LabelledRow = z.infer<typeof labelledRowSchema>;

export interface ClassMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** How many rows carry this label. */
  readonly support: number;
}

export interface Evaluation {
  readonly total: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly minorAccuracy: number;
  /** Of the messages that involve a child, the share flagged `minor`. */
  readonly minorRecall: number;
  readonly perClass: Record<Priority, ClassMetrics>;
  /** confusion[expected][predicted] */
  readonly confusion: Record<Priority, Record<Priority, number>>;
}

function ratio(n: number, d: number): number {
  return d === 0 ? 0 : n / d;
}

export type Classify = (row: LabelledRow) => { priority: Priority; minor: boolean };

const withEngine: Classify = (row) => triage({ text: row.text, history: row.history });

export function evaluate(rows: readonly LabelledRow[], classify: Classify = withEngine): Evaluation {
  return evaluateAnswers(rows, rows.map(classify));
}

/** The figures for answers already given, one per row. */
export function evaluateAnswers(
  rows: readonly LabelledRow[],
  answers: readonly { priority: Priority; minor: boolean }[],
): Evaluation {
  const confusion = Object.fromEntries(
    PRIORITIES.map((p) => [p, Object.fromEntries(PRIORITIES.map((q) => [q, 0]))]),
  ) as Record<Priority, Record<Priority, number>>;
  let minorRight = 0;
  let children = 0;
  let childrenFound = 0;
  rows.forEach((row, i) => {
    const result = answers[i]!;
    confusion[row.priority][result.priority]++;
    if (result.minor === row.minor) minorRight++;
    if (row.minor) {
      children++;
      if (result.minor) childrenFound++;
    }
  });
  const perClass = {} as Record<Priority, ClassMetrics>;
  for (const p of PRIORITIES) {
    const truePositives = confusion[p][p];
    const predicted = PRIORITIES.reduce((sum, q) => sum + confusion[q][p], 0);
    const support = PRIORITIES.reduce((sum, q) => sum + confusion[p][q], 0);
    const precision = ratio(truePositives, predicted);
    const recall = ratio(truePositives, support);
    perClass[p] = { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  }
  const correct = PRIORITIES.reduce((sum, p) => sum + confusion[p][p], 0);
  return {
    total: rows.length,
    accuracy: ratio(correct, rows.length),
    macroF1: PRIORITIES.reduce((sum, p) => sum + perClass[p].f1, 0) / PRIORITIES.length,
    minorAccuracy: ratio(minorRight, rows.length),
    minorRecall: ratio(childrenFound, children),
    perClass,
    confusion,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);

/** A plain-text report: per-class table, summary figures, confusion matrix. */
export function formatEvaluation(e: Evaluation): string {
  const lines = [
    'class       precision  recall      F1  support',
    ...PRIORITIES.map((p) => {
      const m = e.perClass[p];
      return `${p.padEnd(10)}  ${pct(m.precision)}    ${pct(m.recall)} ${pct(m.f1)}  ${String(m.support).padStart(7)}`;
    }),
    '',
    `messages            ${e.total}`,
    `accuracy            ${pct(e.accuracy)}`,
    `macro-F1            ${pct(e.macroF1)}`,
    `emergency recall    ${pct(e.perClass.emergency.recall)}`,
    `emergency precision ${pct(e.perClass.emergency.precision)}`,
    `minor accuracy      ${pct(e.minorAccuracy)}`,
    `minor recall        ${pct(e.minorRecall)}`,
    '',
    `expected \\ predicted ${PRIORITIES.map((p) => p.padStart(9)).join(' ')}`,
    ...PRIORITIES.map(
      (p) => `${p.padEnd(20)} ${PRIORITIES.map((q) => String(e.confusion[p][q]).padStart(9)).join(' ')}`,
    ),
  ];
  return lines.join('\n');
}

/** Messages per second over the rows' texts, best of a few rounds (for reports, not for tests). */
export function measureThroughput(rows: readonly LabelledRow[], minimumMessages = 20_000): number {
  if (rows.length === 0) return 0;
  const rounds = Math.max(1, Math.ceil(minimumMessages / rows.length));
  let best = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    const start = performance.now();
    for (let r = 0; r < rounds; r++) for (const row of rows) triage({ text: row.text });
    const seconds = (performance.now() - start) / 1000;
    best = Math.max(best, (rounds * rows.length) / seconds);
  }
  return Math.round(best);
}

async function main(path: string | undefined): Promise<number> {
  if (!path) {
    process.stderr.write('usage: node functions/triage/evaluate.ts <labelled.jsonl | ->\n');
    return 2;
  }
  const rows: LabelledRow[] = [];
  let bad = 0;
  for await (const record of readJsonl(path, labelledRowSchema)) {
    if ('error' in record) {
      bad++;
      process.stderr.write(`${path}:${record.line}: ${record.error}\n`);
    } else {
      rows.push(record.value);
    }
  }
  process.stdout.write(`${formatEvaluation(evaluate(rows))}\n`);
  if (path !== '-') process.stdout.write(`\nthroughput          ${measureThroughput(rows)} messages/s\n`);
  return bad > 0 ? 1 : 0;
}

if (import.meta.main) process.exitCode = await main(process.argv[2]);
