/**
 * A routing table's path patterns made concrete for fuzzing: each `:param` filled with values that
 * break naive parsers (huge, empty-ish, encoded traversal, broken percent-encoding, SQL, emoji).
 */
export const PARAM_VALUES = [
  '1',
  '0',
  '-1',
  'x'.repeat(2000),
  '%00',
  '..%2F..%2Fetc',
  '%E0%A4%A',
  "'%20or%201=1",
  '😀',
  'null',
];

/** The pattern itself when it has no parameters, else one path per fuzz value. */
export function concretePaths(pattern: string): string[] {
  if (!pattern.includes(':')) return [pattern];
  return PARAM_VALUES.map((v) => pattern.replace(/:[a-zA-Z]+/g, v));
}
