import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['server/kernel/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts'],
        },
      },
      { extends: true, test: { name: 'integration', include: ['server/**/*.int.test.ts'] } },
      {
        extends: true,
        // a browser flow walks a dozen pages as several people; on a shared, loaded machine that takes minutes
        test: { name: 'browser', include: ['e2e/**/*.e2e.ts'], fileParallelism: false, testTimeout: 180_000 },
      },
    ],
  },
});
