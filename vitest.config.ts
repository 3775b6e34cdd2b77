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
  },
});
