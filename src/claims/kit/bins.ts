/*
 * The bins the coverage report sorts cases into, shared by every claim so that one axis means one thing across the
 * catalogue (one ρ binning, one decade format).
 */

/** The ρ bins of every claim: below the hypothesis, then [1/2, 2/3), [2/3, 0.9), [0.9, 1). */
export const RHO_BINS = ['[1/2,2/3)', '[2/3,0.9)', '[0.9,1)'] as const;

export function rhoBin(rho: number): string {
  return rho < 0.5 ? '<1/2' : rho < 2 / 3 ? '[1/2,2/3)' : rho < 0.9 ? '[2/3,0.9)' : '[0.9,1)';
}

/**
 * Decade bin of a positive number, "1e2–1e3" (10² ≤ x < 10³, with 1e-12 of slack so that a computed 10^k lands in
 * its own decade). `lo`/`hi` clamp the exponent (everything below 10^lo counts in lo's decade); x ≤ 0 or NaN gives
 * "≤0" or "NaN".
 */
export function decade(x: number, o: { readonly lo?: number; readonly hi?: number } = {}): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!(x > 0)) return '≤0';
  let e = x === Infinity ? Infinity : Math.floor(Math.log10(x) + 1e-12);
  if (o.lo !== undefined) e = Math.max(o.lo, e);
  if (o.hi !== undefined) e = Math.min(o.hi, e);
  return `1e${e}–1e${e + 1}`;
}

/** The decade bins for exponents lo … hi − 1, in order: decades(0, 3) = ["1e0–1e1", "1e1–1e2", "1e2–1e3"]. */
export function decades(lo: number, hi: number): string[] {
  const out: string[] = [];
  for (let e = lo; e < hi; e++) out.push(`1e${e}–1e${e + 1}`);
  return out;
}

/** Shape of an m×n matrix. */
export const shapeBin = (m: number, n: number): 'square' | 'tall' | 'wide' => (m === n ? 'square' : m > n ? 'tall' : 'wide');
export const SHAPE_BINS = ['square', 'tall', 'wide'] as const;
