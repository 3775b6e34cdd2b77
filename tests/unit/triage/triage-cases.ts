/**
 * Shared runner for the per-language triage tests: each case states the priority the hotline's
 * definitions call for, and optionally the minor flag, language and reasons expected.
 */
import { describe, expect, it } from 'vitest';
import type { Priority, ReasonCode } from '../../../functions/triage/reason-codes.ts';
import { triage } from '../../../functions/triage/triage.ts';

export interface TriageCase {
  readonly text: string;
  readonly priority: Priority;
  readonly minor?: boolean;
  readonly lang?: string;
  readonly reasons?: readonly ReasonCode[];
  readonly history?: readonly string[];
}

export function triageCases(title: string, cases: readonly TriageCase[]): void {
  describe(title, () => {
    it.each(cases)('$priority: $text', (c) => {
      const result = triage({ text: c.text, history: c.history ? [...c.history] : undefined });
      expect(result.priority, JSON.stringify(result)).toBe(c.priority);
      expect(result.minor, 'minor').toBe(c.minor ?? false);
      if (c.lang) expect(result.lang, 'lang').toBe(c.lang);
      for (const reason of c.reasons ?? []) expect(result.reasons).toContain(reason);
    });
  });
}
