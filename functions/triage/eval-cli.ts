/**
 * `npm run triage:eval`: how well triage sorts messages it has never seen, written by authors it
 * has never read.
 * 1. The shipped model on the shipped test split (the held-out author of every variety), beside
 *    the rules alone: per class, per language variety, the confusion matrix and minor recall.
 * 2. Leave-one-author-out cross-validation over the whole corpus: for each author, heads trained
 *    on the other authors' lines sort that author's lines, with thresholds chosen on the other
 *    authors' out-of-fold readings (each read by heads trained without its author), so no author's
 *    labels choose its own thresholds. One training per author; `--no-cross-validation` skips it.
 * 3. A separate check on the development set and the extra fixtures, which are not corpus lines.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chooseThresholds, prepare, trainTextHeads } from './build-model.ts';
import { loadCorpus } from './corpus.ts';
import { partition, readSplit } from './corpus-split.ts';
import { labelledRowSchema } from './evaluate.ts';
import { answersWith, asExample, formatByGroup, measure, summary } from './measure-model.ts';
import { type ModelReading, readMessage, readModel, SHIPPED_MODEL } from './model.ts';
import type { TriageModel } from './model-file.ts';

const FIXTURES = join(import.meta.dirname, '../../tests/fixtures/triage');

function section(title: string): void {
  process.stdout.write(`\n## ${title}\n\n`);
}

const { values } = parseArgs({
  options: {
    'no-cross-validation': { type: 'boolean', default: false },
    model: { type: 'string', default: SHIPPED_MODEL },
  },
});
const model = readModel(values.model);
const corpus = loadCorpus();
const { test } = partition(corpus.rows, readSplit());

section(`Shipped test split: ${test.length} held-out lines, model ${model.version}`);
process.stdout.write(
  `model file ${(statSync(values.model).size / 1e6).toFixed(2)} MB, trained on ${model.header.trainedOn.corpusLines} corpus lines and ${model.header.trainedOn.corrections} corrections; thresholds ${JSON.stringify(model.header.thresholds)}\n\n`,
);
const withModel = answersWith(model, test);
process.stdout.write(`${measure(test, withModel).report}\n\n`);
process.stdout.write(
  `rules alone on the same lines: ${summary(measure(test, answersWith(null, test)).evaluation)}\n`,
);

if (!values['no-cross-validation']) {
  const authors = [...new Set(corpus.rows.map((r) => r.author))].sort();
  section(`Leave-one-author-out cross-validation: ${corpus.rows.length} lines, ${authors.length} authors`);
  const examples = corpus.rows.map(asExample);
  const prepared = prepare(examples);
  // Each author's lines read by heads trained on the other authors: one training per author.
  const heads = new Map<string, Pick<TriageModel, 'priority' | 'minor'>>();
  const readings: ModelReading[] = new Array(examples.length);
  for (const author of authors) {
    const others = examples.flatMap((e, i) => (e.group === author ? [] : [i]));
    const trained = trainTextHeads(examples, prepared, others);
    heads.set(author, trained);
    examples.forEach((e, i) => {
      if (e.group === author) readings[i] = readMessage(trained as TriageModel, prepared[i]!.x);
    });
  }
  const rows = [];
  const answers = [];
  for (const author of authors) {
    // Thresholds chosen on the other authors' out-of-fold readings, never on this author's lines.
    const others = examples.flatMap((e, i) => (e.group === author ? [] : [i]));
    const thresholds = chooseThresholds(
      others.map((i) => examples[i]!),
      others.map((i) => prepared[i]!),
      others.map((i) => readings[i]!),
    );
    // The language head does not take part in sorting: the shipped one is reused.
    const fold = {
      ...model,
      ...heads.get(author)!,
      version: `without-${author}`,
      header: { ...model.header, thresholds },
    } satisfies TriageModel;
    const held = corpus.rows.filter((r) => r.author === author);
    const answered = answersWith(fold, held);
    process.stdout.write(
      `${author}: ${summary(measure(held, answered).evaluation)}; emergency threshold ${thresholds.emergency}\n`,
    );
    rows.push(...held);
    answers.push(...answered);
  }
  process.stdout.write(`\n${measure(rows, answers).report}\n\n`);
  process.stdout.write(`${formatByGroup('author', rows, answers, (r) => r.author)}\n`);
}

section('Separate check, not corpus lines: the development set and the extra fixtures');
for (const name of ['dev.jsonl', 'extra.jsonl']) {
  const fixture = readFileSync(join(FIXTURES, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => labelledRowSchema.parse(JSON.parse(l)));
  const rows = fixture.map((r) => ({ ...r, author: 'fixture', variety: 'en' as const, lang: 'en' as const }));
  process.stdout.write(
    `${name} (${fixture.length} lines): ${summary(measure(rows, answersWith(model, fixture)).evaluation)}\n`,
  );
}
