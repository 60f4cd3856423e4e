import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/pg-teardown.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Child processes rather than worker threads: native modules (better-sqlite3, argon2) are safest
    // there, and process.chdir works. Test files run in parallel, one fork each.
    pool: 'forks',
    fileParallelism: true,
    // Vitest's default is cores − 1, i.e. a single worker on the 2-core CI machine: the tests mostly wait
    // on PostgreSQL, SQLite and Chromium, so use at least two.
    maxWorkers: Math.max(2, availableParallelism()),
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest.json' },
  },
});
