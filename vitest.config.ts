import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Removes the temp folders test/cli-helpers.ts tempDir made, after each test file.
    setupFiles: ['test/setup.ts'],
    // Real PostgreSQL and NATS for the store and bus tests (started here unless the environment names them).
    globalSetup: ['test/global-services.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
