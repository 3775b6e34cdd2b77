/**
 * How tests start Waymark's own commands and servers as child processes: in a clean environment
 * (PATH and what the test passes, nothing else of the test's own), with two settings that make a
 * short-lived Node process cheaper without changing what it does:
 * - `--liftoff-only` keeps the embedded database's WebAssembly on V8's baseline compiler. Tiering
 *   it up costs about 1.5 s of CPU a process, which a command that lives for a second or two never
 *   earns back (Vitest's own workers run with the same flag, see vitest.config.ts).
 * - NODE_COMPILE_CACHE, when the run has one (`npm test` sets it): modules compiled by an earlier
 *   process are read from disk instead of compiled again in every child.
 */
export const CHILD_NODE_ARGS = ['--liftoff-only'];

export function childEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const cache = process.env.NODE_COMPILE_CACHE;
  return { PATH: process.env.PATH ?? '', ...(cache ? { NODE_COMPILE_CACHE: cache } : {}), ...env };
}
