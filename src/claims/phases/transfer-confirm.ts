import { reference, type Impl } from '../../impl/impl.ts';
import type { Variant } from '../../impl/variants.ts';
import type { Bound, CaseOutcome, CheckContext, Claim, Weakening } from '../types.ts';
import { caseStatus, errorText, failedBounds } from './collect.ts';
import { confirm, type Confirmation } from './confirm.ts';

/*
 * The confirm phase of a transfer-matrix cell (../transfer.ts): a float counterexample found under a practical-Muon
 * variant is confirmed in the variant's own terms, since the variant is the algorithm under test, not a rounded
 * stand-in for the exact msign:
 *   bf16     the same bf16 computation re-run on the same case: it must fail again with the same failing bounds, bit
 *            for bit (the variant is deterministic; a bf16 failure is a finding about bf16 Muon, and there is no
 *            "exact bf16" to re-check it in);
 *   float64  the claim's own confirm path (its exact or high-precision field) with the variant's Impl, so that the
 *            variant's Newton–Schulz runs over that field (decimal or Q) instead of float64: a failure that survives
 *            is the variant's, not float64 rounding's.
 * Either way the note says how the same case fares with the reference msign (float64), so that a reader sees the
 * failure is the variant's and not the claim's own.
 */

const sameBounds = (a: readonly Bound[], b: readonly Bound[]): boolean =>
  a.length === b.length && a.every((x, i) => x.name === b[i]!.name && Object.is(x.lhs, b[i]!.lhs) && Object.is(x.rhs, b[i]!.rhs));

/** The same case with the reference msign, float64: 'holds', 'violated' or 'inconclusive' (or why it could not run). */
export function referenceStatus<C>(claim: Claim<C>, value: C): string {
  try {
    return caseStatus(claim.check(value, { mode: 'float', impl: reference }));
  } catch (e) {
    return `the check threw (${errorText(e)})`;
  }
}

/**
 * Re-runs the float check with `impl` twice: confirmed when both fail with the same bounds, bit for bit. `what` names
 * the computation ('bf16 (ns5-bf16)'); the confirmation's field is "<what> re-run", on the ladder's same-precision
 * rung ('float64', as for a claim whose confirm field is float64 itself), so that the verdict's reason names it.
 */
export function confirmByRerun<C>(claim: Claim<C>, value: C, impl: Impl, what: string, weaken?: Weakening): Confirmation {
  const field = `${what} re-run`;
  const rung = 'float64' as const;
  const ctx: CheckContext = { mode: 'float', impl, ...(weaken ? { weaken } : {}) };
  const runs: CaseOutcome[] = [];
  try {
    for (let i = 0; i < 2; i++) runs.push(claim.check(value, ctx));
  } catch (e) {
    return { verdict: 'inconclusive', note: `the ${field} threw: ${errorText(e)}`, field, rung };
  }
  const [a, b] = runs as [CaseOutcome, CaseOutcome];
  const fa = failedBounds(a);
  if (!sameBounds(a.bounds, b.bounds)) return { verdict: 'inconclusive', outcome: b, note: `two ${what} re-runs of the same case differ: the variant is not deterministic`, field, rung };
  if (fa.length > 0) return { verdict: 'confirmed', outcome: a, note: `the same ${what} computation re-run twice fails again with the same bounds, bit for bit`, field, rung };
  const s = caseStatus(a);
  return s === 'holds' ? { verdict: 'float artifact', outcome: a, note: `the same ${what} computation re-run holds`, field, rung } : { verdict: 'inconclusive', outcome: a, ...(a.inconclusive !== undefined ? { note: a.inconclusive } : {}), field, rung };
}

/** What the confirm phase of a cell found beyond the Confirmation: how the reference msign fares on the same case. */
export interface CellConfirmation {
  /** 'holds', 'violated', 'inconclusive' or why the check could not run, for the last counterexample confirmed. */
  reference?: string;
}

/**
 * The engine's confirmFloat for a cell of `variant` (EngineOptions.confirmFloat); `seen` receives the reference's
 * status on the case. A failure is the variant's only when the same case holds with the reference msign: one that
 * fails there too is a counterexample to the claim itself (the claim's own run reports it, an erratum may record it),
 * and the cell is inconclusive about the variant.
 */
export function variantConfirmation(variant: Pick<Variant, 'id' | 'precision'>, seen: CellConfirmation = {}): <C>(claim: Claim<C>, value: C, impl: Impl, weaken?: Weakening) => Confirmation {
  return <C>(claim: Claim<C>, value: C, impl: Impl, weaken?: Weakening): Confirmation => {
    let c: Confirmation;
    if (variant.precision === 'bf16') c = confirmByRerun(claim, value, impl, `bf16 (${variant.id})`, weaken);
    else {
      const x = confirm(claim, value, impl, weaken);
      if (x.verdict === 'unavailable') {
        // No higher-precision path (a reduced experiment): the same float64 computation, re-run, as for bf16.
        const r = confirmByRerun(claim, value, impl, `float64 (${variant.id})`, weaken);
        c = { ...r, note: `${claim.id} has no higher-precision path; ${r.note ?? r.verdict}` };
      } else {
        const how = x.field ? `${variant.id}'s Newton–Schulz re-run in ${x.field}` : `${variant.id} re-run at higher precision`;
        c = { ...x, note: x.note !== undefined ? `${how}: ${x.note}` : how };
      }
    }
    const ref = referenceStatus(claim, value);
    seen.reference = ref;
    const note = `${c.note}; the same case with the reference msign (float64): ${ref}`;
    if (c.verdict === 'confirmed' && ref !== 'holds') return { ...c, verdict: 'inconclusive', note: `${note} — so it is not the variant's failure (a counterexample to the claim itself is the claim's own run's to report)` };
    return { ...c, note };
  };
}
