import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { loadBaseline } from '../src/claims/scope.ts';
import { projectErrata, projectRegressions } from '../src/claims/fixtures.ts';
import type { Claim } from '../src/claims/types.ts';
import { saveVitestResult } from '../src/report/vitest-results.ts';
import { describeClaim as describeAnyClaim, type DescribeClaimOptions } from '../src/testing/vitest.ts';

/*
 * The project's property files: the package's vitest front end (src/testing/vitest.ts, 'muon-claims/vitest' when
 * installed) on a catalogue claim, with the pinned regressions and the errata of fixtures/ — the CLI runs the same
 * engine on the same inputs — and each result saved for the reports that properties/global-setup.ts writes.
 *
 * Tests (each named with the claim id):
 *  - "<id> holds": fails on a violation that is not a recorded erratum, and on "inconclusive" unless the claim says
 *    why it may be (mayBeInconclusive);
 *  - "<id> pinned regressions": every pinned case behaves as pinned;
 *  - "<id> probe <probe>": each necessity probe finds its counterexample;
 *  - "<id> reaches every declared bin": the coverage gate (src/claims/scope.ts);
 *  - "<id> slack baseline": tight witnesses replayed, loose bounds in their bands (fixtures/slack-baseline.json).
 */

/** The committed slack baseline (npm run baseline builds it). */
const baseline = loadBaseline(fileURLToPath(new URL('../fixtures/slack-baseline.json', import.meta.url)));

export function describeClaim<C>(claim: Claim<C>, options: DescribeClaimOptions = {}): void {
  describeAnyClaim(claim, {
    ...(baseline ? { baseline } : {}),
    regressions: projectRegressions(claim.id),
    errata: projectErrata(),
    onResult: (result) => {
      // Set by properties/global-setup.ts; absent under a config without it (e.g. the mutation runs).
      const dir = inject('muonResultsDir');
      if (dir) saveVitestResult(result, dir);
    },
    ...options,
  });
}
