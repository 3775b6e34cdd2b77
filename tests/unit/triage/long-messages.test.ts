/**
 * A long message costs time in proportion to its length, up to the engine's cap and no further:
 * a 40,000-character URL-like message once took seconds (a domain pattern retried from every word
 * start), and the CLI had no cap at all. Bounds are orders of magnitude above what linear work
 * needs, so a loaded machine passes and a superlinear pattern does not.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LINK_PATTERN } from '../../../functions/triage/rule-analysis.ts';
import { capText, MAX_TEXT_LENGTH, triage } from '../../../functions/triage/triage.ts';

/** Spam words make the engine look for URLs; the rest is one long run of word characters and hyphens. */
const urlLike = (length: number) => `free prize http ${'ab-'.repeat(length)}`.slice(0, length);

describe('long messages', () => {
  it('find links in linear time, on inputs built to make a backtracking pattern retry', () => {
    // A million characters: a linear pattern needs milliseconds, the old one (retried from every
    // word start) would need hours, so even a busy machine tells them apart with room to spare.
    const hostile = [
      'ab-'.repeat(333_334),
      'a.'.repeat(500_000),
      `${'a-'.repeat(499_999)}.x`,
      `${'www'.repeat(333_333)}.`,
    ];
    for (const text of hostile) {
      const started = performance.now();
      LINK_PATTERN.test(text);
      expect(performance.now() - started).toBeLessThan(2_000);
    }
    expect(LINK_PATTERN.test('claim your prize at bit.ly/x')).toBe(true);
    expect(LINK_PATTERN.test('they took our passports')).toBe(false);
  });

  it('are read up to the cap: 40,000 and 80,000 characters are triaged as their first 10,000', () => {
    for (const length of [40_000, 80_000]) {
      const text = urlLike(length);
      const started = performance.now();
      const result = triage({ text });
      // Seconds before the cap; work on 10,000 characters takes milliseconds on any machine.
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(result).toEqual(triage({ text: text.slice(0, MAX_TEXT_LENGTH) }));
    }
  });

  it('are judged on their beginning, without cutting a character in two', () => {
    const text = `they locked us in ${'x'.repeat(50_000)}`;
    expect(triage({ text })).toEqual(triage({ text: text.slice(0, MAX_TEXT_LENGTH) }));
    const emoji = `${'a'.repeat(MAX_TEXT_LENGTH - 1)}😀`;
    expect(capText(emoji)).toHaveLength(MAX_TEXT_LENGTH - 1);
    expect(capText('short')).toBe('short');
  });
});

describe('triage CLI with long lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triage-long-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers one line per line, flagging the texts it read only the start of', () => {
    const file = join(dir, 'long.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ text: urlLike(40_000) }),
        JSON.stringify({ text: 'they took my passport' }),
        JSON.stringify({ text: `help they locked us in ${'z'.repeat(MAX_TEXT_LENGTH)}` }),
      ].join('\n'),
    );
    const started = performance.now();
    const out = spawnSync(
      process.execPath,
      [join(import.meta.dirname, '../../../functions/triage/cli.ts'), file],
      {
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(out.status).toBe(0);
    const lines = out.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].truncated).toBe(true);
    expect(lines[1].truncated).toBeUndefined();
    expect(lines[2]).toMatchObject({ truncated: true, priority: 'emergency' });
  });
});
