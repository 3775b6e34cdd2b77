import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/resilience/**/*.test.ts'],
    allowOnly: !process.env.CI,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One process per worker for all the files it runs, not one per file: the modules every file
    // imports (the server, PGlite, zod schemas) load and compile once a worker instead of 120 times,
    // which takes a fifth off the run (203 -> 165 s). Test files leave no state behind them: each
    // opens its own databases and servers and closes them, and restores what it changes in
    // process.env.
    isolate: false,
    // Most integration tests wait on child processes, servers and PostgreSQL for part of their time:
    // on two cores, two files at once keep both busy (Vitest's default is one fewer than the cores).
    maxWorkers: 2,
    // The embedded database's WebAssembly stays on V8's baseline compiler: tiering it up costs more
    // CPU than the tests' short queries earn back, even in a worker that runs many files (measured:
    // 165 s with, 176 s without; the server and the commands keep V8's default).
    execArgv: ['--liftoff-only'],
  },
});
