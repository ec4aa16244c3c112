import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The vitest configuration StrykerJS runs (stryker.config.mjs; `npm run mutation`), not `npm test`'s:
 *  - no globalSetup (it clears and writes reports/ around every run) and no coverage thresholds;
 *  - the unit tests of the mutated core and the claims (test/mutation/claims.stryker.ts runs each claim inside a
 *    test, so Stryker's per-test coverage sees which claims reach a mutant), under MUON_PROFILE=quick and a fixed
 *    MUON_SEED so that kills are reproducible;
 *  - left out: the tests of modules that are not mutated (arith, random, generators, claims engine, report, CLI,
 *    reproduce; the CLI runs the core in child processes that Stryker's coverage does not see anyway) and the
 *    planted-bug tests (they check that the claims catch broken implementations; the claims run here on the
 *    reference one). Every such test would only be re-run, at its full cost, for each surviving mutant it reaches;
 *  - unit-test files first and the claims last, so that a mutant a cheap unit test kills stops there (Stryker bails
 *    on the first failure).
 */
class UnitTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isClaims = (f: TestSpecification): boolean => f.moduleId.includes('/test/mutation/');
    return [...sorted.filter((f) => !isClaims(f)), ...sorted.filter(isClaims)];
  }
}

export default defineConfig({
  test: {
    include: [
      'test/{linalg,problems,optimizers,schedules}/**/*.test.ts',
      'test/mutation/**/*.stryker.ts',
    ],
    // fast-kernels.test.ts tests only src/linalg/fast/ (not mutated).
    exclude: ['test/linalg/fast-kernels.test.ts', '**/node_modules/**'],
    env: { MUON_PROFILE: process.env.MUON_PROFILE ?? 'quick', MUON_SEED: process.env.MUON_SEED ?? '20260213' },
    testTimeout: 600_000,
    sequence: { sequencer: UnitTestsFirst },
  },
});
