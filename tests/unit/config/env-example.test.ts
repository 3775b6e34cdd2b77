import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../../functions/config/env-schema.ts';

describe('.env.example', () => {
  it('documents exactly the variables the configuration schema reads', () => {
    const documented = readFileSync('.env.example', 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split('=')[0]);
    expect(documented.sort()).toEqual(Object.keys(envSchema.shape).sort());
  });
});
