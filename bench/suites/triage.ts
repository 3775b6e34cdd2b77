/**
 * Triage: messages per second and the 99th-percentile time of one message, for the rules alone
 * and for the rules with the learned model, side by side with a baseline that only lower-cases and
 * splits the text (the least any classifier must do), on the held-out corpus lines (every language
 * variety, short pleas to long third-party reports); the time one very long URL-like message takes
 * (the shape that once cost time squared in its length; beyond MAX_TEXT_LENGTH the engine reads
 * only the start). Then the accuracy on those lines.
 */
import { loadCorpus } from '../../functions/triage/corpus.ts';
import { partition, readSplit } from '../../functions/triage/corpus-split.ts';
import { answersWith, measure } from '../../functions/triage/measure-model.ts';
import { activeModel, useModel } from '../../functions/triage/model.ts';
import type { TriageModel } from '../../functions/triage/model-file.ts';
import { MAX_TEXT_LENGTH, triage } from '../../functions/triage/triage.ts';
import { formatTable } from '../lib/table.ts';

interface Speed {
  perSecond: number;
  p99Ms: number;
  /** The 99th percentile of CPU time alone: on a shared machine, wall time also counts waiting. */
  p99CpuMs: number;
}

const percentile99 = (sorted: number[]) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;

function time(work: (text: string) => unknown, texts: readonly string[], seconds: number): Speed {
  for (const text of texts.slice(0, 200)) work(text);
  const samples: number[] = [];
  const cpu: number[] = [];
  const until = performance.now() + seconds * 1000;
  let busy = 0;
  while (performance.now() < until) {
    for (const text of texts) {
      const startCpu = process.cpuUsage();
      const start = performance.now();
      work(text);
      const took = performance.now() - start;
      const used = process.cpuUsage(startCpu);
      busy += took;
      samples.push(took);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    perSecond: samples.length / (busy / 1000),
    p99Ms: percentile99(samples),
    p99CpuMs: percentile99(cpu),
  };
}

function engine(model: TriageModel | null) {
  return (text: string) => {
    useModel(model);
    return triage({ text });
  };
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
  const { test } = partition(loadCorpus().rows, readSplit());
  const texts = test.map((r) => r.text);
  const model = activeModel();
  const baseline = time((t) => t.toLowerCase().split(/\s+/).length, texts, Math.min(seconds, 2));
  const rules = time(engine(null), texts, seconds);
  const withModel = time(engine(model), texts, seconds);
  useModel(model);
  const row = (what: string, s: Speed) => [
    what,
    Math.round(s.perSecond),
    s.p99Ms.toFixed(3),
    s.p99CpuMs.toFixed(3),
  ];
  const speed = formatTable(
    `Triage speed (${texts.length} held-out corpus messages, single core)`,
    ['what', 'messages/s', 'p99 ms/message', 'p99 CPU ms/message'],
    [
      row('baseline: lower-case and split', baseline),
      row('rules alone', rules),
      row(`rules with the model (${model?.version ?? 'none'})`, withModel),
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
  const rulesOnly = measure(test, answersWith(null, test)).report;
  const combined = measure(test, answersWith(model, test)).report;
  return `${speed}\n${long}\n### Triage on the shipped test split: rules alone\n\n\`\`\`\n${rulesOnly}\n\`\`\`\n\n### Triage on the shipped test split: rules with the model\n\n\`\`\`\n${combined}\n\`\`\`\n`;
}
