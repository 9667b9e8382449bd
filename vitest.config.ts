import { defineConfig } from 'vitest/config';

// One `vitest run` runs every layer, so the output ends in vitest's own summary:
// unit (pure logic), integration on PGlite and again on a throwaway PostgreSQL database, then browser.
const integration = ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...integration, 'test/browser/**'],
        },
      },
      {
        extends: true,
        test: { name: 'int-pglite', include: integration, provide: { dbKind: 'pglite' } },
      },
      {
        extends: true,
        test: {
          name: 'int-postgres',
          include: integration,
          provide: { dbKind: 'postgres' },
          globalSetup: ['test/support/postgres.global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.browser.test.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
