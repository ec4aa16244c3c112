import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runClaim, type ClaimResult, type EngineOptions } from '../claims/engine.ts';
import { projectErrata, projectRegressions, regressionsDir as shippedRegressionsDir } from '../claims/fixtures.ts';
import { profileFromEnv, seedFromEnv } from '../claims/profile.ts';
import { claimById } from '../claims/registry.ts';
import type { RegressionCase } from '../claims/regressions.ts';
import type { Claim } from '../claims/types.ts';
import { describeReason } from '../report/reasons.ts';
import { coverageProblems, slackProblems, type SlackBaseline } from '../claims/scope.ts';
import { reference } from '../impl/impl.ts';
import { failureBlocks, renderFailureText } from '../report/failure.ts';
import { toReportClaim } from '../report/schema.ts';

/*
 * 'muon-claims/vitest': the vitest front end of the engine, for the catalogue's property files and for a user's own
 * claims alike. One describe block per claim, run under MUON_PROFILE and MUON_SEED (the CLI's --profile/--seed), with
 * the claim's pinned regressions replayed first:
 *
 *   import { describeClaim } from 'muon-claims/vitest';
 *   import claim from './my-claims.ts';
 *   describeClaim(claim);
 *
 * Tests (each named with the claim id):
 *  - "<id> holds": fails on a violation that is not a recorded erratum, and on "inconclusive" unless the claim says
 *    why it may be (mayBeInconclusive);
 *  - "<id> pinned regressions": every pinned case behaves as pinned;
 *  - "<id> probe <probe>": each necessity probe finds its counterexample.
 *
 * This module imports vitest (an optional peer dependency of the package): import it from test files only.
 */

export interface DescribeClaimOptions extends EngineOptions {
  /**
   * The folder of pinned regressions (<id>.json, as `muon-claims pin` writes them). Default: see defaultRegressions.
   * Ignored when `regressions` is given.
   */
  readonly regressionsDir?: string;
  /** Called with the claim's result once it has run (the project's own harness saves it for reports/). */
  readonly onResult?: (result: ClaimResult) => void;
  /** The time the claim's run may take, in ms, before vitest gives up on it (default 600 000). */
  readonly timeoutMs?: number;
  /** Where the run's report (and its counterexample files) is written, as a failure message names it (default reports). */
  readonly reportDir?: string;
  /** The slack baseline the claim's bounds are gated against (src/claims/scope.ts); none: no slack gate. */
  readonly baseline?: SlackBaseline;
}

/**
 * The regressions a claim replays under vitest when none are given: those of `dir`, else the package's own
 * fixtures/regressions/<id>.json (or MUON_FIXTURES_DIR's: where `muon-claims pin` writes and `check` reads) and, when
 * it is another folder, ./fixtures/regressions/<id>.json of the working directory — a user's project keeping its pins
 * with its code. Each file is validated as the CLI validates it (schema, and every value a case of the claim).
 */
export function defaultRegressions(claim: Claim<unknown>, dir?: string): RegressionCase[] {
  const byId = (id: string): Claim<unknown> | undefined => (id === claim.id ? claim : claimById(id));
  if (dir !== undefined) return projectRegressions(claim.id, resolve(dir), byId);
  const shipped = resolve(shippedRegressionsDir());
  const own = resolve('fixtures', 'regressions');
  return [...projectRegressions(claim.id, shipped, byId), ...(own !== shipped ? projectRegressions(claim.id, own, byId) : [])];
}

export function describeClaim<C>(claim: Claim<C>, options: DescribeClaimOptions = {}): void {
  const { regressionsDir, onResult, timeoutMs = 600_000, reportDir = 'reports', baseline, ...engine } = options;
  describe(`${claim.id} — ${claim.title}`, () => {
    let result: ClaimResult;
    let pinned = 0;
    beforeAll(() => {
      const regressions = engine.regressions ?? defaultRegressions(claim as Claim<unknown>, regressionsDir);
      // a transfer-matrix pin (variant) replays only in its variant's cell, never in the claim's own run
      pinned = regressions.filter((r) => r.variant === undefined).length;
      result = runClaim(claim, {
        profile: profileFromEnv(),
        seed: seedFromEnv(),
        errata: projectErrata(),
        ...engine,
        regressions,
      });
      onResult?.(result);
    }, timeoutMs);

    it(`${claim.id} holds (or fails only as a recorded erratum)`, () => {
      const summary = `${claim.id}: ${result.verdict} — ${describeReason(result.reason)}`;
      console.log(summary);
      if (result.verdict === 'violated') {
        // The failure block: shrunk case, failing bound with its lhs and rhs, float and exact verdicts, file, replay.
        const blocks = renderFailureText(failureBlocks(toReportClaim(result), reportDir));
        expect.fail(`${summary}\n\n${blocks}\n\n(the counterexample files are written with the run's report, in ${reportDir}/ for a full run)`);
      }
      if (result.verdict === 'inconclusive' && !claim.mayBeInconclusive) {
        expect.fail(`${summary} (an inconclusive verdict needs mayBeInconclusive in the claim)`);
      }
    });

    it(`${claim.id} pinned regressions behave as pinned`, () => {
      expect(result.regressions.length, `replayed ${result.regressions.length} of the ${pinned} pinned cases (transfer-matrix pins replay in their cells)`).toBe(pinned);
      for (const r of result.regressions) {
        const ok = r.expect === 'holds' ? r.status === 'holds' : r.status === 'violated' && r.erratum !== undefined;
        expect(ok, `pinned "${r.note}" (${r.mode}): expected ${r.expect}${r.expect === 'violated' ? ' as a recorded erratum' : ''}, got ${r.status}${r.error ? ` (${r.error})` : ''}`).toBe(true);
      }
    });

    it(`${claim.id} reaches every declared bin and proof branch (coverage gate)`, () => {
      const problems = coverageProblems(result);
      expect(problems, `${claim.id}: ${problems.join('; ')}`).toEqual([]);
    });

    if (baseline?.claims[claim.id]) {
      it(`${claim.id} slack baseline: tight witnesses reach their bounds, loose bounds stay in their bands`, () => {
        const problems = slackProblems(claim, result, baseline, engine.impl ?? reference, engine.weaken);
        expect(problems, `${claim.id}: ${problems.join('; ')} (fixtures/slack-baseline.json; rebuild with npm run baseline only for a deliberate change)`).toEqual([]);
      });
    }

    // Probes switched off (probes: false) are not tests of this run.
    for (const probe of engine.probes === false ? [] : claim.probes) {
      it(`${claim.id} probe ${probe.id} finds a counterexample (${probe.drops})`, () => {
        const p = result.probes.find((x) => x.id === probe.id)!;
        console.log(`${claim.id} probe ${probe.id}: ${p.summary}`);
        expect(p.found, p.summary).toBe(true);
      });
    }
  });
}
