import { defineConfig } from 'vitest/config';

/**
 * `npm run test:integration`: the slow tests that `npm test` leaves out to stay within its 3 minutes — each starts the
 * real CLI in processes (signals, the copyable deep-CI script, concurrent writers of one output set, the CLI end to
 * end), drives Chromium (the HTML report), or runs the quick profile of every claim at three seeds derived from the
 * commit. `.ci/run` runs both suites and counts both.
 */
export const INTEGRATION = [
  'test/seeds/shard-*.test.ts',
  'test/report/browser.test.ts',
  'test/cli/signals.test.ts',
  'test/cli/deep-ci.test.ts',
  'test/cli/output-set.test.ts',
  'test/cli/cli.test.ts',
  'test/cli/transfer.test.ts',
];

export default defineConfig({
  test: {
    include: INTEGRATION,
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 300_000,
  },
});
