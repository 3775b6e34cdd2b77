/**
 * `npm run triage:train`: retrains the triage model from the shipped corpus plus this
 * deployment's staff corrections (decrypted in memory only), and installs it in DATA_DIR if, on
 * the shipped test split, it does no worse than the model in use now (both scores are printed).
 * The shipped model in the repository is never changed by this; nothing leaves the deployment.
 *
 * `npm run triage:train -- --shipped` rebuilds the repository's model from the corpus alone (no
 * database needed): the same corpus gives the same bytes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { loadKeys } from '../config/secrets.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase, requireExistingDatabase } from '../db/open-database.ts';
import { buildModel, type TrainingExample } from './build-model.ts';
import { loadCorpus } from './corpus.ts';
import { partition, readSplit } from './corpus-split.ts';
import { readCorrections } from './corrections-store.ts';
import { installIfNoWorse, writeModel } from './install-model.ts';
import { asExample, summary } from './measure-model.ts';
import { LOCAL_MODEL_NAME, readModel, SHIPPED_MODEL } from './model.ts';
import type { TriageModel } from './model-file.ts';

async function localCorrections(): Promise<{ dataDir: string; examples: TrainingExample[] }> {
  const config = loadConfig();
  // A wrong DATA_DIR or DATABASE_URL would otherwise train on no corrections and install the model
  // into a new, empty data folder the server never reads.
  await requireExistingDatabase(
    config,
    'Run this command with the same DATA_DIR or DATABASE_URL as the server, or with --shipped to train on the shipped corpus alone.',
  );
  const db = await openDatabase(config.database);
  try {
    await migrate(db);
    const { keys } = await loadKeys(config);
    const corrections = await readCorrections(db, keys);
    return {
      dataDir: config.dataDir,
      examples: corrections.map((c) => ({
        text: c.text,
        priority: c.priority,
        minor: c.minor,
        group: 'local',
      })),
    };
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { shipped: { type: 'boolean', default: false } } });
  const corpus = loadCorpus();
  const { train, test } = partition(corpus.rows, readSplit());
  const local = values.shipped ? { dataDir: '', examples: [] } : await localCorrections();
  const examples = [...train.map(asExample), ...local.examples];
  process.stdout.write(
    `training on ${train.length} corpus lines and ${local.examples.length} local corrections; ${test.length} held-out lines measure it\n`,
  );
  const built = buildModel(examples);
  const target = values.shipped ? SHIPPED_MODEL : join(local.dataDir, LOCAL_MODEL_NAME);
  if (values.shipped) {
    writeModel(target, built.bytes);
    process.stdout.write(
      `wrote ${target} (${(built.bytes.length / 1e6).toFixed(2)} MB), model ${built.version}\n`,
    );
    return 0;
  }
  let current: TriageModel | null = null;
  for (const path of [target, SHIPPED_MODEL]) {
    if (current || !existsSync(path)) continue;
    try {
      current = readModel(path);
    } catch (error) {
      process.stdout.write(`${path}: ${(error as Error).message}; not compared\n`);
    }
  }
  const outcome = installIfNoWorse(built.bytes, target, current, test);
  process.stdout.write(`new model ${built.version}:     ${summary(outcome.candidate)}\n`);
  if (outcome.current)
    process.stdout.write(`current model ${current!.version}: ${summary(outcome.current)}\n`);
  if (!outcome.installed) {
    process.stdout.write(
      'refused: the new model does worse than the current one on the shipped test split\n',
    );
    return 3;
  }
  process.stdout.write(
    `installed ${target} (${(built.bytes.length / 1e6).toFixed(2)} MB); restart the server to use it\n`,
  );
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exitCode = 1;
}
