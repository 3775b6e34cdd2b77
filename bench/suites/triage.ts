/**
 * Triage: messages per second (beside a baseline that only lower-cases and splits the text, the
 * least any classifier must do), the time one very long URL-like message takes (the shape that
 * once cost time squared in its length; beyond MAX_TEXT_LENGTH the engine reads only the start),
 * and precision, recall, F1 and the confusion matrix on the development set.
 */
import { readFileSync } from 'node:fs';
import { evaluate, formatEvaluation, labelledRowSchema } from '../../functions/triage/evaluate.ts';
import { MAX_TEXT_LENGTH, triage } from '../../functions/triage/triage.ts';
import { formatTable } from '../lib/table.ts';

function rate(work: (text: string) => unknown, texts: string[], seconds: number): number {
  let n = 0;
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    for (const text of texts) work(text);
    n += texts.length;
  }
  return n / seconds;
}

/** Milliseconds per call, the best of five runs of ten. */
function msPerCall(work: () => unknown): string {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    for (let i = 0; i < 10; i++) work();
    best = Math.min(best, (performance.now() - started) / 10);
  }
  return best.toFixed(3);
}

export async function triageBench(seconds: number): Promise<string> {
  const rows = readFileSync('tests/fixtures/triage/dev.jsonl', 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => labelledRowSchema.parse(JSON.parse(l)));
  const texts = rows.map((r) => r.text);
  rate((t) => triage({ text: t }), texts, 0.5);
  const baseline = rate((t) => t.toLowerCase().split(/\s+/).length, texts, Math.min(seconds, 2));
  const engine = rate((t) => triage({ text: t }), texts, seconds);
  const speed = formatTable(
    'Triage speed (development set, single core)',
    ['what', 'messages/s'],
    [
      ['baseline: lower-case and split', Math.round(baseline)],
      ['triage engine', Math.round(engine)],
    ],
  );
  const longRows = [5_000, 10_000, 40_000, 80_000].map((length) => {
    const text = `free prize ${'ab-'.repeat(length / 3)}`.slice(0, length);
    return [
      `${length.toLocaleString('en')} characters`,
      msPerCall(() => text.toLowerCase().split(/\s+/).length),
      msPerCall(() => triage({ text })),
    ];
  });
  const long = formatTable(
    `Triage of one long URL-like message (the engine reads the first ${MAX_TEXT_LENGTH.toLocaleString('en')})`,
    ['message', 'baseline ms', 'triage ms'],
    longRows,
  );
  return `${speed}\n${long}\n### Triage accuracy on the development set (${rows.length} messages)\n\n\`\`\`\n${formatEvaluation(evaluate(rows))}\n\`\`\`\n`;
}
