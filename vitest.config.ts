import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    // Property runs are CPU-bound; two forks match the two cores of the CI machine kind.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    // Clears reports/.vitest-results before the run and writes reports/ (claims.json, index.html, …) after it.
    globalSetup: ['properties/global-setup.ts'],
  },
});
