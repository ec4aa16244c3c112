import type { BinomialTest } from './binomial.ts';
import type { Verdict } from './types.ts';

/*
 * The judge: the verdict rules of the engine as a pure function of the facts the phases gathered (replay → generate
 * → [target] → shrink → confirm → probe → judge). No fast-check, no claim code, no prose: a verdict comes with a
 * structured reason (a code plus its data) that only the reports turn into words (src/report/reasons.ts).
 *
 * Rules of one mode, in order:
 *   1. no case requested                                  → inconclusive  (no-cases)
 *   2. a probabilistic claim: the binomial test rejects "failure rate ≤ bound" and its witness is confirmed in exact
 *      arithmetic (or the check threw)                    → violated      (binomial-rejected)
 *      … rejects but the witness is a float artifact or unconfirmed → inconclusive (binomial-unconfirmed)
 *      … does not reject, but the run was cut short      → inconclusive  (cut-short)
 *      … does not reject                                  → holds         (binomial-held)
 *   3. a counterexample confirmed (found in exact mode, re-checked in exact mode, or the check threw)
 *                                                          → violated, or violated (known erratum) when an erratum
 *                                                            covers every failing bound (violated; with the ladder's
 *                                                            rung that decided, when one did)
 *      … that vanishes in exact mode                      → inconclusive  (float-artifact)
 *      … that could not be confirmed                       → inconclusive  (unconfirmed)
 *   4. cut short (time limit or stop) before every case ran → inconclusive (cut-short) — never holds
 *   5. some case inconclusive                              → inconclusive  (inconclusive-cases)
 *   6. otherwise                                           → holds         (held), with the skipped cases counted
 * The claim's verdict is the worst over its modes and its pinned regressions (violated > known erratum >
 * inconclusive > holds); a pinned counterexample that no longer fails makes it inconclusive.
 */

export interface FailedBoundFact {
  readonly name: string;
  readonly lhs: number;
  readonly rhs: number;
}

export type ConfirmationVerdict = 'confirmed' | 'float artifact' | 'unavailable' | 'inconclusive';

/** What the phases found in one mode, as plain data. */
export interface ModeFacts {
  readonly mode: 'float' | 'exact';
  readonly profile: string;
  readonly requested: number;
  readonly cases: number;
  /** The run ended before `requested` cases: 'stopped' (SIGINT) or 'time limit'; undefined when it ran in full. */
  readonly cutShort?: 'stopped' | 'time limit';
  readonly inconclusiveCases: number;
  readonly firstInconclusive?: string;
  readonly skipped: number;
  readonly firstSkipped?: string;
  /** Failing cases seen (a probabilistic claim counts them all). */
  readonly failures: number;
  readonly counterexample?: {
    readonly failedBounds: readonly FailedBoundFact[];
    /** The check threw instead of returning: a defect either way. */
    readonly error?: string;
    readonly confirmation: ConfirmationVerdict;
    readonly confirmationNote?: string;
    /** The field of the confirmation ladder's rung that decided ('double-double', 'decimal(50)', 'Q', …). */
    readonly confirmationRung?: string;
    readonly erratum?: string;
  };
  readonly binomial?: BinomialTest;
}

export type Reason =
  | { readonly code: 'no-cases'; readonly profile: string }
  | { readonly code: 'binomial-rejected'; readonly test: BinomialTest }
  | { readonly code: 'binomial-unconfirmed'; readonly test: BinomialTest; readonly witness: 'float artifact' | 'unconfirmed' }
  | { readonly code: 'binomial-held'; readonly test: BinomialTest }
  | { readonly code: 'violated'; readonly bounds: readonly FailedBoundFact[]; readonly confirmedInExact: boolean; readonly erratum?: string; readonly rung?: string }
  | { readonly code: 'check-threw'; readonly error: string }
  | { readonly code: 'float-artifact'; readonly rung?: string }
  | { readonly code: 'unconfirmed'; readonly note: string }
  | { readonly code: 'cut-short'; readonly by: 'stopped' | 'time limit'; readonly cases: number; readonly requested: number; readonly failures?: number }
  | { readonly code: 'inconclusive-cases'; readonly count: number; readonly cases: number; readonly first: string }
  | { readonly code: 'held'; readonly cases: number; readonly skipped: number; readonly firstSkipped?: string }
  // claim level
  | { readonly code: 'no-mode' }
  | { readonly code: 'modes'; readonly modes: readonly { readonly mode: string; readonly reason: Reason }[] }
  | { readonly code: 'in-mode'; readonly mode: string; readonly reason: Reason }
  | { readonly code: 'pinned-fails'; readonly note: string; readonly mode: string; readonly bounds: readonly FailedBoundFact[]; readonly error?: string; readonly erratum?: string }
  | { readonly code: 'pinned-no-longer-fails'; readonly note: string; readonly mode: string; readonly status: string };

export interface Judgement {
  readonly verdict: Verdict;
  readonly reason: Reason;
}

/** The verdict of one mode from its facts. */
export function judgeMode(f: ModeFacts): Judgement {
  if (f.requested === 0) return { verdict: 'inconclusive', reason: { code: 'no-cases', profile: f.profile } };
  const cx = f.counterexample;
  if (f.binomial) {
    const test = f.binomial;
    if (test.rejected) {
      // The count is of float runs: the failures are real only if the witness fails in exact mode too.
      if (cx && (cx.confirmation === 'confirmed' || cx.error !== undefined)) return { verdict: 'violated', reason: { code: 'binomial-rejected', test } };
      return { verdict: 'inconclusive', reason: { code: 'binomial-unconfirmed', test, witness: cx?.confirmation === 'float artifact' ? 'float artifact' : 'unconfirmed' } };
    }
    if (f.cutShort) return { verdict: 'inconclusive', reason: { code: 'cut-short', by: f.cutShort, cases: f.cases, requested: f.requested, failures: f.failures } };
    return { verdict: 'holds', reason: { code: 'binomial-held', test } };
  }
  if (cx) {
    if (cx.error !== undefined) return { verdict: 'violated', reason: { code: 'check-threw', error: cx.error } };
    if (cx.confirmation === 'confirmed') {
      const bounds = cx.failedBounds;
      return {
        verdict: cx.erratum ? 'violated (known erratum)' : 'violated',
        reason: { code: 'violated', bounds, confirmedInExact: f.mode === 'float', ...(cx.erratum ? { erratum: cx.erratum } : {}), ...(f.mode === 'float' && cx.confirmationRung !== undefined ? { rung: cx.confirmationRung } : {}) },
      };
    }
    if (cx.confirmation === 'float artifact') return { verdict: 'inconclusive', reason: { code: 'float-artifact', ...(cx.confirmationRung !== undefined ? { rung: cx.confirmationRung } : {}) } };
    return { verdict: 'inconclusive', reason: { code: 'unconfirmed', note: cx.confirmationNote ?? cx.confirmation } };
  }
  if (f.cutShort) return { verdict: 'inconclusive', reason: { code: 'cut-short', by: f.cutShort, cases: f.cases, requested: f.requested } };
  if (f.inconclusiveCases > 0) return { verdict: 'inconclusive', reason: { code: 'inconclusive-cases', count: f.inconclusiveCases, cases: f.cases, first: f.firstInconclusive ?? 'the check returned no bound' } };
  return { verdict: 'holds', reason: { code: 'held', cases: f.cases, skipped: f.skipped, ...(f.skipped > 0 && f.firstSkipped ? { firstSkipped: f.firstSkipped } : {}) } };
}

/** A pinned regression as replayed. */
export interface RegressionFacts {
  readonly mode: string;
  readonly note: string;
  readonly expect: 'holds' | 'violated';
  readonly status: 'holds' | 'violated' | 'inconclusive';
  readonly failedBounds: readonly FailedBoundFact[];
  readonly error?: string;
  readonly erratum?: string;
}

export const VERDICT_RANK: Readonly<Record<Verdict, number>> = { holds: 0, inconclusive: 1, 'violated (known erratum)': 2, violated: 3 };

/** The claim's verdict: the worst over its modes and its pinned regressions (the first reason of the worst rank). */
export function judgeClaim(modes: readonly (Judgement & { readonly mode: string })[], regressions: readonly RegressionFacts[]): Judgement {
  let verdict: Verdict = 'holds';
  let reason: Reason = modes.length === 0 ? { code: 'no-mode' } : { code: 'modes', modes: modes.map((m) => ({ mode: m.mode, reason: m.reason })) };
  const raise = (v: Verdict, why: Reason): void => {
    if (VERDICT_RANK[v] > VERDICT_RANK[verdict]) {
      verdict = v;
      reason = why;
    }
  };
  if (modes.length === 0) raise('inconclusive', { code: 'no-mode' });
  for (const m of modes) raise(m.verdict, { code: 'in-mode', mode: m.mode, reason: m.reason });
  for (const r of regressions) {
    if (r.status === 'violated') {
      raise(r.erratum ? 'violated (known erratum)' : 'violated', {
        code: 'pinned-fails',
        note: r.note,
        mode: r.mode,
        bounds: r.failedBounds,
        ...(r.error !== undefined ? { error: r.error } : {}),
        ...(r.erratum ? { erratum: r.erratum } : {}),
      });
    } else if (r.expect === 'violated') raise('inconclusive', { code: 'pinned-no-longer-fails', note: r.note, mode: r.mode, status: r.status });
  }
  return { verdict, reason };
}
