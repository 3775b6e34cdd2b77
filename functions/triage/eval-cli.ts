/**
 * `npm run triage:eval`: how well triage sorts messages it has never seen, written by authors it
 * has never read.
 * 1. The shipped model on the shipped test split (the held-out author of every variety), beside
 *    the rules alone: per class, per language variety, the confusion matrix and minor recall.
 * 2. Leave-one-author-out cross-validation over the whole corpus: for each author, a model built
 *    from the other authors' lines (thresholds chosen by cross-validation on those only) sorts that
 *    author's lines. Slow (five trainings per author); `--no-cross-validation` skips it.
 * 3. A separate check on the development set and the extra fixtures, which are not corpus lines.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildModel } from './build-model.ts';
import { loadCorpus } from './corpus.ts';
import { partition, readSplit } from './corpus-split.ts';
import { labelledRowSchema } from './evaluate.ts';
import { answersWith, asExample, formatByGroup, measure, summary } from './measure-model.ts';
import { readModel, SHIPPED_MODEL } from './model.ts';
import { decodeModel } from './model-file.ts';

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
  const rows = [];
  const answers = [];
  for (const author of authors) {
    const held = corpus.rows.filter((r) => r.author === author);
    // The language head does not take part in sorting: the shipped one is reused to save time.
    const built = buildModel(corpus.rows.filter((r) => r.author !== author).map(asExample), {
      language: model.language,
    });
    const fold = answersWith(decodeModel(built.bytes), held);
    process.stdout.write(`${author}: ${summary(measure(held, fold).evaluation)}\n`);
    rows.push(...held);
    answers.push(...fold);
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
