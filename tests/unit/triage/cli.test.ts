import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { triageResultSchema } from '../../../functions/triage/schema.ts';

const CLI = join(import.meta.dirname, '../../../functions/triage/cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'triage-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  return spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', timeout: 20_000 });
}

describe('triage CLI', () => {
  it('prints exactly one JSON result per input record, in order, and nothing else', () => {
    const file = join(dir, 'ok.jsonl');
    const texts = [
      'they locked us in and took our phones',
      'ok thanks',
      'how do I renew my visa?',
      'dalal passport niye geche',
    ];
    writeFileSync(
      file,
      `${texts.map((text, i) => JSON.stringify({ text, id: i, priority: 'ignored' })).join('\n')}\n\n`,
    );
    const out = run([file]);
    expect(out.status).toBe(0);
    expect(out.stderr).toBe('');
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(texts.length);
    const results = lines.map((l) => triageResultSchema.parse(JSON.parse(l)));
    expect(results.map((r) => r.priority)).toEqual(['emergency', 'noise', 'standard', 'urgent']);
    expect(results[3]!.lang).toBe('bn');
  });

  it('reads standard input for "-"', () => {
    const out = run(['-'], '{"text":"au secours, ils ont des armes"}\n');
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ priority: 'emergency', lang: 'fr' });
  });

  it('reports bad records on stderr, keeps output aligned, processes the rest and exits 1', () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(
      file,
      '{"text":"hello"}\nnot json\n{"txt":"missing text"}\n{"text":"la agencia me cobró una deuda que no para de crecer"}\n',
    );
    const out = run([file]);
    expect(out.status).toBe(1);
    const lines = out.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0].priority).toBe('noise');
    expect(lines[1]).toEqual({ line: 2, error: 'not valid JSON' });
    expect(lines[2].line).toBe(3);
    expect(lines[3].priority).toBe('urgent');
    expect(out.stderr).toContain(':2: not valid JSON');
    expect(out.stderr).toContain(':3: text');
  });

  it('explains its usage without an argument', () => {
    const out = run([]);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('usage');
  });

  it('fails clearly on a missing file', () => {
    const out = run([join(dir, 'nope.jsonl')]);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('nope.jsonl');
  });
});
