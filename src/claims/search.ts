import fc, { type Arbitrary } from 'fast-check';
import type { Bound, CaseOutcome, ProbeOutcome } from './types.ts';

/*
 * Searches for the necessity probes: with a hypothesis dropped, look for a case that breaks the claim. `breakRate`
 * counts how many random cases break it (the catalogue's "19635 of 20000 runs"); `shrunkBreak` finds one and lets
 * fast-check shrink it to a small witness.
 */

const firstFailing = (o: CaseOutcome): Bound | undefined => o.bounds.find((b) => !b.holds);

export interface BreakRate<C> {
  readonly tried: number;
  readonly broke: number;
  readonly first?: { readonly value: C; readonly bound: Bound };
}

/** Evaluates `numRuns` cases drawn from `arb` under `seed` and counts those with a failing bound. */
export function breakRate<C>(arb: Arbitrary<C>, check: (c: C) => CaseOutcome, seed: number, numRuns: number): BreakRate<C> {
  let broke = 0;
  let first: BreakRate<C>['first'];
  for (const value of fc.sample(arb, { seed, numRuns })) {
    const bound = firstFailing(check(value));
    if (bound) {
      broke++;
      first ??= { value, bound };
    }
  }
  return { tried: numRuns, broke, ...(first ? { first } : {}) };
}

export interface ShrunkBreak<C> {
  readonly found: boolean;
  readonly value?: C;
  readonly bound?: Bound;
  readonly numRuns: number;
  readonly numShrinks: number;
}

/** Runs fast-check until a case breaks the claim, then shrinks it. */
export function shrunkBreak<C>(arb: Arbitrary<C>, check: (c: C) => CaseOutcome, seed: number, numRuns: number): ShrunkBreak<C> {
  const d = fc.check(fc.property(arb, (c) => firstFailing(check(c)) === undefined), { seed, numRuns });
  if (!d.failed || !d.counterexample) return { found: false, numRuns: d.numRuns, numShrinks: 0 };
  const value = d.counterexample[0];
  return { found: true, value, bound: firstFailing(check(value))!, numRuns: d.numRuns, numShrinks: d.numShrinks };
}

/** The usual probe: count breaks over `numRuns` cases and shrink one; found when at least one broke. */
export function probeSearch<C>(arb: Arbitrary<C>, check: (c: C) => CaseOutcome, seed: number, numRuns: number, what: string): ProbeOutcome {
  const rate = breakRate(arb, check, seed, numRuns);
  if (rate.broke === 0) return { found: false, tried: rate.tried, broke: 0, summary: `no case of ${rate.tried} broke ${what}` };
  const s = shrunkBreak(arb, check, seed, numRuns);
  const witness = s.found ? s.value : rate.first!.value;
  const bound = s.found ? s.bound! : rate.first!.bound;
  return {
    found: true,
    witness,
    bound,
    tried: rate.tried,
    broke: rate.broke,
    summary: `${rate.broke} of ${rate.tried} cases broke ${what}; shrunk witness breaks ${bound.name}: ${bound.lhs} > ${bound.rhs}`,
  };
}
