import type { Impl } from '../../impl/impl.ts';
import type { CaseOutcome, CheckContext, Claim, Weakening } from '../types.ts';
import { caseStatus, errorText } from './collect.ts';

/*
 * Phase 4 — confirm: a float counterexample is re-checked in exact (or higher-precision) arithmetic before it may
 * count as a violation. 'confirmed': it fails there too; 'float artifact': it holds there; 'unavailable': the claim
 * has no exact path (a float failure then stays inconclusive, never holds); 'inconclusive': the re-check could not
 * decide (it threw, or its own case was inconclusive).
 */

export interface Confirmation {
  readonly verdict: 'confirmed' | 'float artifact' | 'unavailable' | 'inconclusive';
  readonly outcome?: CaseOutcome;
  readonly note?: string;
  /** The field that decided ('Q', 'decimal(40)', …), when the claim declares it. */
  readonly field?: string;
}

export function confirm<C>(claim: Claim<C>, value: C, impl: Impl, weaken?: Weakening): Confirmation {
  const ctx: CheckContext = { mode: 'exact', impl, ...(weaken ? { weaken } : {}) };
  const field = claim.confirmField ? { field: claim.confirmField } : {};
  let outcome: CaseOutcome;
  try {
    if (claim.confirm) outcome = claim.confirm(value, ctx);
    else if (claim.modes.includes('exact')) outcome = claim.check(value, ctx);
    else return { verdict: 'unavailable', note: `${claim.id} has no exact path; a float failure stays inconclusive` };
  } catch (e) {
    return { verdict: 'inconclusive', note: `exact re-check threw: ${errorText(e)}`, ...field };
  }
  const s = caseStatus(outcome);
  if (s === 'violated') return { verdict: 'confirmed', outcome, ...field };
  if (s === 'holds') return { verdict: 'float artifact', outcome, ...field };
  return { verdict: 'inconclusive', outcome, ...(outcome.inconclusive !== undefined ? { note: outcome.inconclusive } : {}), ...field };
}
