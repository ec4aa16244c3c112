import { describeReason } from '../src/report/reasons.ts';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runClaim, type ClaimResult, type EngineOptions } from '../src/claims/engine.ts';
import { projectErrata, projectRegressions } from '../src/claims/fixtures.ts';
import { profileFromEnv, seedFromEnv } from '../src/claims/profile.ts';
import type { Claim } from '../src/claims/types.ts';
import { saveVitestResult } from '../src/report/vitest-results.ts';

/*
 * The vitest front end of the engine: one describe block per claim id, run under MUON_PROFILE and MUON_SEED with
 * the pinned regressions and the errata of fixtures/. The CLI runs the same engine on the same inputs.
 *
 * Tests (each named with the claim id):
 *  - "<id> holds": fails on a violation that is not a recorded erratum, and on "inconclusive" unless the claim says
 *    why it may be (mayBeInconclusive);
 *  - "<id> pinned regressions": every pinned case behaves as pinned;
 *  - "<id> probe <probe>": each necessity probe finds its counterexample.
 */

export function describeClaim<C>(claim: Claim<C>, options: EngineOptions = {}): void {
  describe(`${claim.id} — ${claim.title}`, () => {
    let result: ClaimResult;
    beforeAll(() => {
      result = runClaim(claim, {
        profile: profileFromEnv(),
        seed: seedFromEnv(),
        regressions: projectRegressions(claim.id),
        errata: projectErrata(),
        ...options,
      });
      // Set by properties/global-setup.ts; absent under a config without it (e.g. the mutation runs).
      const dir = inject('muonResultsDir');
      if (dir) saveVitestResult(result, dir);
    }, 600_000);

    it(`${claim.id} holds (or fails only as a recorded erratum)`, () => {
      const summary = `${claim.id}: ${result.verdict} — ${describeReason(result.reason)}`;
      console.log(summary);
      expect(result.verdict, summary).not.toBe('violated');
      if (result.verdict === 'inconclusive' && !claim.mayBeInconclusive) {
        expect.fail(`${summary} (an inconclusive verdict needs mayBeInconclusive in the claim)`);
      }
    });

    it(`${claim.id} pinned regressions behave as pinned`, () => {
      for (const r of result.regressions) {
        const ok = r.expect === 'holds' ? r.status === 'holds' : r.status === 'violated' && r.erratum !== undefined;
        expect(ok, `pinned "${r.note}" (${r.mode}): expected ${r.expect}${r.expect === 'violated' ? ' as a recorded erratum' : ''}, got ${r.status}${r.error ? ` (${r.error})` : ''}`).toBe(true);
      }
    });

    for (const probe of claim.probes) {
      it(`${claim.id} probe ${probe.id} finds a counterexample (${probe.drops})`, () => {
        const p = result.probes.find((x) => x.id === probe.id)!;
        console.log(`${claim.id} probe ${probe.id}: ${p.summary}`);
        expect(p.found, p.summary).toBe(true);
      });
    }
  });
}
