import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/resilience/**/*.test.ts'],
    allowOnly: !process.env.CI,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most integration tests wait on child processes, servers and PostgreSQL for part of their time:
    // on two cores, two files at once keep both busy (Vitest's default is one fewer than the cores).
    maxWorkers: 2,
    // Each test file opens the embedded database in a worker that lives for seconds: its WebAssembly
    // stays on V8's baseline compiler, since tiering it up costs about 1.5 s of CPU a worker that a
    // test file never earns back (the server and the commands keep V8's default).
    execArgv: ['--liftoff-only'],
  },
});
