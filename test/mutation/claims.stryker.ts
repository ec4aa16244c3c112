/**
 * The claim properties of properties/*.test.ts, one `it` per claim, for StrykerJS only (vitest.stryker.config.ts
 * includes this file; `npm test` does not, its name does not end in .test.ts).
 *
 * Why not properties/*.test.ts themselves: their harness runs each claim in a `beforeAll`, and code reached outside
 * a test is "static" coverage to Stryker's vitest runner, so every mutant those claims reach would either be re-run
 * against the whole suite or (with ignoreStatic) never be run against a property at all. Here the same engine runs
 * on the same inputs (pinned regressions, errata) and makes the same three checks as properties/harness.ts — holds or
 * fails only as a recorded erratum, pinned regressions behave as pinned, every necessity probe finds its
 * counterexample — inside the test, so that each mutant is run against exactly the claims that reach it.
 *
 * Profile and seed come from MUON_PROFILE / MUON_SEED (npm run mutation sets quick and a fixed seed). The per-claim
 * wall-clock limit is lifted, so a verdict never depends on how loaded the machine is: a mutant that makes a claim
 * loop is caught by Stryker's own timeout instead.
 */
import { describeReason } from '../../src/report/reasons.ts';
import { describe, expect, it } from 'vitest';
import { runClaim } from '../../src/claims/engine.ts';
import { projectErrata, projectRegressions } from '../../src/claims/fixtures.ts';
import { profileFromEnv, seedFromEnv } from '../../src/claims/profile.ts';
import { claims } from '../../src/claims/registry.ts';

// Left out, for cost: every surviving mutant re-runs all the claims that reach it, so the run's length is set by the
// dearest claims. These take 1–8 s each under the quick profile (20 s together, the other 19 claims 6 s) and reach
// no core code that the cheaper claims on the same problems (A.L2/A.L11, A.L8/A.T3, A.T1a, B.*) and the unit tests
// do not: A.T1b (binomial test over many MF runs), A.Tab1, A.Fig1, A.Fig2 (reduced experiments, inconclusive by
// design), A.GD, A.T4 and A.L9 (long GD/SignGD/ICL runs). `npm test` runs them all.
const LEFT_OUT = new Set(['A.T1b', 'A.Tab1', 'A.Fig1', 'A.Fig2', 'A.GD', 'A.T4', 'A.L9']);
const ordered = claims.filter((c) => !LEFT_OUT.has(c.id));

describe('claims under mutation', () => {
  for (const claim of ordered) {
    it(`${claim.id} holds, its pinned regressions behave as pinned, its probes find counterexamples`, () => {
      const result = runClaim(claim, {
        profile: profileFromEnv(),
        seed: seedFromEnv(),
        regressions: projectRegressions(claim.id),
        errata: projectErrata(),
        timeLimitMs: 3_600_000,
      });
      const summary = `${claim.id}: ${result.verdict} — ${describeReason(result.reason)}`;
      expect(result.verdict, summary).not.toBe('violated');
      if (result.verdict === 'inconclusive') expect(claim.mayBeInconclusive, `${summary} (not allowed to be inconclusive)`).toBeTruthy();
      for (const r of result.regressions) {
        const ok = r.expect === 'holds' ? r.status === 'holds' : r.status === 'violated' && r.erratum !== undefined;
        expect(ok, `${claim.id} pinned "${r.note}" (${r.mode}): expected ${r.expect}, got ${r.status}`).toBe(true);
      }
      for (const p of result.probes) expect(p.found, `${claim.id} probe ${p.id}: ${p.summary}`).toBe(true);
    }, 600_000);
  }
});
