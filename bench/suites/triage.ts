/**
 * Triage: messages per second (beside a baseline that only lower-cases and splits the text, the
 * least any classifier must do), and precision, recall, F1 and the confusion matrix on the
 * development set.
 */
import { readFileSync } from 'node:fs';
import { evaluate, formatEvaluation, labelledRowSchema } from '../../functions/triage/evaluate.ts';
import { triage } from '../../functions/triage/triage.ts';
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
  return `${speed}\n### Triage accuracy on the development set (${rows.length} messages)\n\n\`\`\`\n${formatEvaluation(evaluate(rows))}\n\`\`\`\n`;
}
