import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The vitest configuration StrykerJS runs (stryker.config.mjs; `npm run mutation`), not `npm test`'s:
 *  - no globalSetup (it clears and writes reports/ around every run) and no coverage thresholds;
 *  - the unit tests of the mutated core and the claims (test/mutation/claims.stryker.ts runs each claim inside a
 *    test, so Stryker's per-test coverage sees which claims reach a mutant), under MUON_PROFILE=quick and a fixed
 *    MUON_SEED so that kills are reproducible;
 *  - the unit tests of the verdict logic: the judge, the engine on toy claims, the kit, the scope gates (a fast
 *    subset on toy results: test/claims/scope-unit.test.ts; scope.test.ts runs real claims in the default profile,
 *    ~20 s, and is left to `npm test`) and the generators (test/generators/, test/random/distributions.test.ts);
 *  - left out: the tests of modules that are not mutated (arith, random, report, CLI, reproduce; the CLI runs the
 *    core in child processes that Stryker's coverage does not see anyway) and the planted-bug tests (they check that the claims catch broken implementations; the claims run here on the
 *    reference one). Every such test would only be re-run, at its full cost, for each surviving mutant it reaches;
 *  - unit-test files first and the claims last, so that a mutant a cheap unit test kills stops there (Stryker bails
 *    on the first failure).
 *
 * MUTATION_TESTS=verdict keeps only the unit tests of the verdict logic (engine, phases, judge, scope gates, kit,
 * generators) — for measuring those files' score in minutes rather than an hour: every mutant that survives them
 * would otherwise be re-run against all the claims that reach it. The score so measured is a lower bound of the full
 * configuration's (more tests can only kill more):
 *   MUTATION_TESTS=verdict npx stryker run --mutate 'src/claims/engine.ts,src/claims/judge.ts,src/claims/scope.ts,src/claims/phases/*.ts,src/claims/kit/*.ts,src/generators/*.ts'
 */
const VERDICT_TESTS = [
  'test/claims/{judge,kit,kit-rules,engine,engine-rules,scope-unit,phases}.test.ts',
  'test/claims/*.unit.test.ts',
  'test/generators/**/*.test.ts',
  'test/random/distributions.test.ts',
];
const verdictOnly = process.env.MUTATION_TESTS === 'verdict';
class UnitTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isClaims = (f: TestSpecification): boolean => f.moduleId.includes('/test/mutation/');
    return [...sorted.filter((f) => !isClaims(f)), ...sorted.filter(isClaims)];
  }
}

export default defineConfig({
  test: {
    include: verdictOnly ? VERDICT_TESTS : ['test/{linalg,problems,optimizers,schedules}/**/*.test.ts', ...VERDICT_TESTS, 'test/mutation/**/*.stryker.ts'],
    // fast-kernels.test.ts tests only src/linalg/fast/ (not mutated); kernels-build.test.ts rebuilds the generated
    // src/linalg/fast/ kernels and compares bytes, which Stryker's sandbox (it prepends // @ts-nocheck) never matches.
    exclude: ['test/linalg/fast-kernels.test.ts', 'test/linalg/kernels-build.test.ts', '**/node_modules/**'],
    env: { MUON_PROFILE: process.env.MUON_PROFILE ?? 'quick', MUON_SEED: process.env.MUON_SEED ?? '20260213' },
    testTimeout: 600_000,
    sequence: { sequencer: UnitTestsFirst },
  },
});
