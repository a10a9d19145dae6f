import { defineConfig } from 'vitest/config';

// One suite for everything: pure core tests, API tests through real HTTP, browser journeys.
// The global setup provides a migrated template database (embedded PostgreSQL, or the server
// named by TEST_DATABASE_URL); each test file clones its own database from it.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'src/web/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: process.env.CI ? 2 : undefined,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
