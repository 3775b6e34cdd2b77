import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LINES_PER_FILE, loadCorpus, VARIETIES } from '../../../functions/triage/corpus.ts';
import { partition, readSplit } from '../../../functions/triage/corpus-split.ts';

const corpus = loadCorpus();
const dir = mkdtempSync(join(tmpdir(), 'triage-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the triage corpus', () => {
  it('has twelve complete authors’ files for every language variety', () => {
    for (const variety of VARIETIES) expect(corpus.authors.get(variety), variety).toHaveLength(12);
    expect(corpus.rows).toHaveLength(VARIETIES.length * 12 * LINES_PER_FILE);
  });

  it('holds out, for every variety, one of its own authors, not the same one everywhere', () => {
    const split = readSplit();
    for (const variety of VARIETIES) expect(corpus.authors.get(variety)).toContain(split.heldOut[variety]);
    expect(new Set(Object.values(split.heldOut)).size).toBeGreaterThan(1);
    const { train, test } = partition(corpus.rows, split);
    expect(test).toHaveLength(VARIETIES.length * LINES_PER_FILE);
    const tested = new Set(test.map((r) => `${r.variety}/${r.author}`));
    expect(train.some((r) => tested.has(`${r.variety}/${r.author}`))).toBe(false);
  });

  it('refuses a malformed line and skips a file that is not complete yet', () => {
    mkdirSync(join(dir, 'a9'), { recursive: true });
    const line = { lang: 'en', priority: 'noise', minor: false, text: 'hi' };
    writeFileSync(join(dir, 'a9', 'en.jsonl'), `${JSON.stringify(line)}\n`.repeat(40));
    expect(loadCorpus(dir).rows).toHaveLength(0);
    writeFileSync(join(dir, 'a9', 'en.jsonl'), `${JSON.stringify(line)}\n`.repeat(LINES_PER_FILE));
    expect(loadCorpus(dir).rows).toHaveLength(LINES_PER_FILE);
    writeFileSync(join(dir, 'a9', 'fr.jsonl'), `${JSON.stringify({ ...line, priority: 'later' })}\n`);
    expect(() => loadCorpus(dir)).toThrow(/fr\.jsonl:1/);
    writeFileSync(join(dir, 'a9', 'fr.jsonl'), `${JSON.stringify(line)}\n`.repeat(LINES_PER_FILE));
    expect(() => loadCorpus(dir)).toThrow(/a en line in the fr file/);
  });
});
