// API tests on PGlite by default, on PostgreSQL when TEST_DATABASE_URL is set. Each file gets a
// database of its own (a restored snapshot, or a copy of a migrated template), so files run in
// parallel on this 2-core machine's two workers.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ['kysely'] } },
  },
});
