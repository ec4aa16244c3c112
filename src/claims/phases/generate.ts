import fc from 'fast-check';
import type { CaseOutcome, CheckContext, Claim, Mode, Profile } from '../types.ts';
import { caseStatus, Collector } from './collect.ts';

/*
 * Phase 2 — generate: the claim's random cases in one mode under a seed, with fast-check, every case recorded (slack,
 * bins, branches, exactness). A non-probabilistic claim stops at its first failing case without shrinking it (the
 * shrink phase does that, from the case's path); a probabilistic claim counts every failure instead of stopping.
 * fast-check's bias toward small and edge values is switched off for a probabilistic claim: its failure rate is a
 * rate under the claim's own distribution (Haar frames, uniform C_t), which that bias would skew.
 *
 * (Room for phase 2b — target: a search that climbs each bound's lhs/rhs from the best cases found goes between this
 * phase and shrink; it takes the Collector's slack witnesses and may hand a new failing case to shrink.)
 */

export interface Generated<C> {
  readonly mode: Mode;
  readonly seed: number;
  readonly requested: number;
  readonly collector: Collector;
  /** Ended before `requested` cases: by the stop signal or by the time limit. */
  readonly cutShort?: 'stopped' | 'time limit';
  /** The first failing case of a non-probabilistic claim, unshrunk, with its fast-check path. */
  readonly failure?: { readonly value: C; readonly path?: string };
  readonly startedAt: number;
}

export interface GenerateOptions {
  readonly mode: Mode;
  readonly profile: Profile;
  readonly seed: number;
  readonly requested: number;
  readonly deadline: number;
  readonly ctx: CheckContext;
  readonly shouldStop?: () => boolean;
  /** A planted weakening: cases in this bin are not counted, as if the generator no longer reached it. */
  readonly dropBin?: { readonly axis: string; readonly bin: string };
  readonly onProgress?: (event: { readonly kind: 'cases'; readonly claim: string; readonly mode: Mode; readonly cases: number; readonly requested: number }) => void;
}

export function generate<C>(claim: Claim<C>, o: GenerateOptions): Generated<C> {
  const startedAt = Date.now();
  const col = new Collector();
  const probabilistic = claim.probabilistic !== undefined;
  let stopped = false;
  let lastBeat = Date.now();
  const predicate = (c: C): boolean => {
    if (stopped || o.shouldStop?.()) {
      stopped = true;
      return true;
    }
    // A check that throws is a failure of the case (fast-check records it as such).
    const outcome: CaseOutcome = claim.check(c, o.ctx);
    if (o.dropBin && outcome.bins?.[o.dropBin.axis] === o.dropBin.bin) return true;
    col.record(c, outcome);
    if (o.onProgress && Date.now() - lastBeat > 5_000) {
      lastBeat = Date.now();
      o.onProgress({ kind: 'cases', claim: claim.id, mode: o.mode, cases: col.cases, requested: o.requested });
    }
    return probabilistic || caseStatus(outcome) !== 'violated';
  };
  if (o.requested === 0) return { mode: o.mode, seed: o.seed, requested: 0, collector: col, startedAt };
  const arb = claim.arbitrary(o.mode, o.profile);
  const details = fc.check(fc.property(probabilistic ? fc.noBias(arb) : arb, predicate), {
    seed: o.seed,
    numRuns: o.requested,
    endOnFailure: true,
    plugins: [fc.interruptAfterTimeLimit(Math.max(1, o.deadline - Date.now()))],
  });
  // Stryker disable next-line LogicalOperator: fast-check sets counterexample exactly when the run failed
  const failure = details.failed && details.counterexample ? { value: (details.counterexample as unknown as [C])[0], ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}) } : undefined;
  const short = (stopped || details.interrupted) && col.cases < o.requested && !failure;
  return { mode: o.mode, seed: o.seed, requested: o.requested, collector: col, ...(short ? { cutShort: stopped ? ('stopped' as const) : ('time limit' as const) } : {}), ...(failure ? { failure } : {}), startedAt };
}
