import { matchErratum, type Erratum } from '../errata.ts';
import type { Impl } from '../../impl/impl.ts';
import type { RegressionCase } from '../regressions.ts';
import type { Bound, CheckContext, Claim, Mode } from '../types.ts';
import { caseStatus, errorText, failedBounds } from './collect.ts';

/*
 * Phase 1 — replay: the pinned regressions of fixtures/regressions/<id>.json, by value (not by seed), before any new
 * case. Each is checked in the mode it was pinned in and matched against the errata.
 */

export interface RegressionResult {
  readonly mode: Mode;
  readonly note: string;
  readonly expect: 'holds' | 'violated';
  readonly status: 'holds' | 'violated' | 'inconclusive';
  readonly failedBounds: readonly Bound[];
  readonly error?: string;
  readonly value: unknown;
  readonly erratum?: string;
}

export function replay<C>(claim: Claim<C>, cases: readonly RegressionCase[], impl: Impl, errata: readonly Erratum[]): RegressionResult[] {
  return cases.map((r) => {
    const ctx: CheckContext = { mode: r.mode, impl };
    const base = { mode: r.mode, note: r.note, expect: r.expect, value: r.value };
    try {
      const value = claim.fromJSON ? claim.fromJSON(r.value) : (r.value as C);
      const outcome = claim.check(value, ctx);
      const fails = failedBounds(outcome);
      const erratum = fails.length > 0 ? matchErratum(errata, claim.id, fails) : undefined;
      return { ...base, status: caseStatus(outcome), failedBounds: fails, ...(erratum ? { erratum: erratum.id } : {}) };
    } catch (e) {
      return { ...base, status: 'violated' as const, failedBounds: [], error: errorText(e) };
    }
  });
}
