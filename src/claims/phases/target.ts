import type { CaseOutcome, CheckContext, Claim, Profile } from '../types.ts';
export type { SearchSpace } from '../types.ts';
import { caseStatus, type Collector } from './collect.ts';
import { slackOf } from './collect.ts';

/*
 * Phase 2b — target: a search for the worst case, after the random ones (Hypothesis's target() is the anchor;
 * fast-check has none). For each bound, start from the case of largest lhs/rhs the generate phase found and climb
 * that ratio by a pattern search (Hooke–Jeeves: try ± a step on each coordinate, keep what raises the ratio, halve
 * the steps when nothing does) over the case's free numeric parameters, which the claim declares with the map back
 * into a case inside its hypotheses (`search` in the kit). Every case the search tries is checked like a random one:
 * a case that breaks a bound is a counterexample (shrunk, confirmed, pinned like any other); a higher ratio becomes
 * the bound's empirical constant, with its witness.
 */

/** Evaluations per mode and per bound, by profile: the search's budget. */
export const TARGET_BUDGET: Readonly<Record<Profile, { readonly perBound: number; readonly perMode: number }>> = {
  quick: { perBound: 0, perMode: 0 },
  default: { perBound: 40, perMode: 160 },
  deep: { perBound: 400, perMode: 4000 },
};

export interface TargetResult<C> {
  /** Per bound: the ratio before and after the search, and the evaluations it took. */
  readonly bounds: readonly { readonly bound: string; readonly from: number; readonly to: number; readonly evaluations: number }[];
  readonly evaluations: number;
  /** A case the search found that breaks a bound: handed to shrink and confirm. */
  readonly failure?: { readonly value: C };
}

export function target<C>(claim: Claim<C>, col: Collector, o: { readonly profile: Profile; readonly ctx: CheckContext; readonly deadline: number; readonly shouldStop?: () => boolean }): TargetResult<C> {
  const space = claim.search;
  const base = TARGET_BUDGET[o.profile];
  const perMode = Math.min(base.perMode, space?.evaluations?.[o.profile] ?? base.perMode);
  const budget = { perMode, perBound: Math.min(base.perBound, perMode) };
  if (!space || budget.perMode === 0) return { bounds: [], evaluations: 0 };
  let total = 0;
  const out: { bound: string; from: number; to: number; evaluations: number }[] = [];
  const check = (c: C): CaseOutcome | undefined => {
    total++;
    try {
      return claim.check(c, o.ctx);
    } catch {
      return undefined; // a case the check cannot run is not a step of the search (the random phase reports throws)
    }
  };
  // Each bound's search starts from the random phase's worst case, and reports that worst as `from` — a snapshot taken
  // before any search, since a search for one bound also records the slack its cases give the others. `from` is what
  // the slack baseline's loose bands are gated on (the random phase's spread over seeds; the search's climb depends
  // on where it starts).
  const randomPhase = [...col.slack.values()].map((e) => ({ bound: e.bound, max: e.max, witness: e.witness }));
  for (const entry of randomPhase) {
    if (total >= budget.perMode || Date.now() > o.deadline || o.shouldStop?.()) break;
    if (!Number.isFinite(entry.max)) continue;
    let best = entry.witness as C;
    let x = [...space.params(best)];
    let bestRatio = entry.max;
    const steps = x.map((xi, i) => (space.steps?.[i] ?? 0.1) * (xi === 0 ? 1 : Math.abs(xi)));
    let used = 0;
    // A bound that does not depend on the parameters (a constant measured once, as B.NS5's scalar facts) gives the
    // same ratio at every step of the first sweep: the search leaves it after that sweep and spends its budget on the
    // others.
    let varies = false;
    const ratioAt = (c: C): { ratio: number; outcome?: CaseOutcome } => {
      const outcome = check(c);
      used++;
      // Stryker disable next-line ObjectLiteral: {} gives ratio undefined, which like −∞ never beats bestRatio (and is never reported: a step without an outcome is no violation)
      if (!outcome || outcome.inconclusive !== undefined || outcome.outsideHypotheses !== undefined) return { ratio: -Infinity };
      const b = outcome.bounds.find((y) => y.name === entry.bound);
      return { ratio: b ? slackOf(b) : -Infinity, outcome };
    };
    search: while (used < budget.perBound && total < budget.perMode && steps.some((s) => s > 1e-12)) {
      let moved = false;
      for (let i = 0; i < x.length && used < budget.perBound; i++) {
        for (const dir of [1, -1]) {
          const y = x.slice();
          y[i]! += dir * steps[i]!;
          const c = space.withParams(best, y);
          if (c === undefined) continue;
          const { ratio, outcome } = ratioAt(c);
          if (ratio !== bestRatio && Number.isFinite(ratio)) varies = true;
          if (outcome && caseStatus(outcome) === 'violated') {
            col.recordSlack(c, outcome);
            out.push({ bound: entry.bound, from: entry.max, to: ratio, evaluations: used });
            return { bounds: out, evaluations: total, failure: { value: c } };
          }
          if (ratio > bestRatio) {
            if (outcome) col.recordSlack(c, outcome);
            bestRatio = ratio;
            best = c;
            x = [...space.params(c)];
            moved = true;
            break;
          }
        }
        if (Date.now() > o.deadline) break search;
      }
      if (!moved && !varies) break;
      if (!moved) for (let i = 0; i < steps.length; i++) steps[i]! /= 2;
    }
    out.push({ bound: entry.bound, from: entry.max, to: bestRatio, evaluations: used });
  }
  return { bounds: out, evaluations: total };
}
