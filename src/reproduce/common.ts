import { nextDown } from '../random/ulp.ts';
import { OPTIMIZER_LABEL, thin, type OptimizerName, type RunResult, type ScheduleSettings } from './runner.ts';

/** The plateau rule of the experiments (the seeds give no numbers): halve η after 10 steps without a 1e-4 relative improvement. */
export const PLATEAU = { factor: 0.5, patience: 10, threshold: 1e-4 } as const;

/**
 * The schedule of an optimizer in the experiments: the plateau rule from η₀, except for GD, which keeps η₀ constant.
 * Why GD is the exception (measured, P.mf d = 50, r = k = 5, κ = 300): the relative threshold that stops float noise
 * and slow drift from resetting the plateau counter of the zigzagging methods (runner.ts) also reads GD's slow
 * escape phase — the smallest eigendirection growing from α, a relative loss decrease ≪ 1e-4 per step — as a plateau,
 * halves η until GD freezes (error stuck at 3.2e-3 for 30 000 steps), while without a threshold GD never decays at
 * all. GD needs no decay: a constant step below 1/λ_max converges linearly, and Table 1's GD rows (κ·log(1/ε),
 * κ³·log(1/ε)) are constant-step results (catalogue A.GD: "GD with its best constant step").
 */
export function plateauFrom(eta0: number, optimizer?: string): ScheduleSettings {
  if (optimizer === 'gd') return { kind: 'constant', eta: eta0 };
  return { kind: 'plateau', eta0, ...PLATEAU };
}

/** "Machine-level precision" in the paper's words, read as a relative error of 1e-10 (issue 5). */
export const MACHINE_PRECISION = 1e-10;

/** One optimizer run as stored in the JSON and drawn. */
export interface CurveRecord {
  /** Panel key, e.g. 'kappa', 'k', 'alpha'. */
  readonly group: string;
  readonly optimizer: OptimizerName | 'muon-geo';
  /** The swept parameter's value (κ, k or α). */
  readonly value: number;
  /** First t with relative error ≤ 1e-10, or null. */
  readonly itersToTarget: number | null;
  readonly finalError: number;
  /** Geometric mean of the relative error over t = 0 … T (a curve that sits higher has a larger value). */
  readonly geoMeanError: number;
  readonly steps: number;
  readonly status: RunResult['status'];
  readonly ms: number;
  /** The curve, thinned (runner.thin). */
  readonly t: number[];
  readonly e: number[];
}

export function geoMean(errors: readonly number[]): number {
  let s = 0;
  let n = 0;
  for (const e of errors) {
    if (e > 0 && Number.isFinite(e)) {
      s += Math.log(e);
      n++;
    }
  }
  return n === 0 ? NaN : Math.exp(s / n);
}

/**
 * The curve of a run that stopped early at the target is continued flat to the budget for the geometric mean, so
 * that stopping early never makes a fast run look slower (nor a slow one faster).
 */
export function record(group: string, optimizer: CurveRecord['optimizer'], value: number, r: RunResult, budget: number, target = MACHINE_PRECISION): CurveRecord {
  const it = r.errors.findIndex((e) => e <= target);
  const padded = r.status === 'converged' && r.errors.length < budget + 1 ? [...r.errors, ...new Array<number>(budget + 1 - r.errors.length).fill(r.errors[r.errors.length - 1])] : r.errors;
  const { t, e } = thin(r.errors);
  return {
    group,
    optimizer,
    value,
    itersToTarget: it < 0 ? null : it,
    finalError: r.errors[r.errors.length - 1],
    geoMeanError: geoMean(padded),
    steps: r.steps,
    status: r.status,
    ms: Math.round(r.ms),
    t,
    e,
  };
}

export function labelOf(o: CurveRecord['optimizer']): string {
  return o === 'muon-geo' ? 'Muon (S.geo)' : OPTIMIZER_LABEL[o];
}

/**
 * One qualitative statement of a figure or table checked on its data: lhs ≤ rhs, or lhs < rhs when `strict`. Plain
 * data, stored in <name>.json beside the figure; the claims A.Fig1–3 and A.Tab1 state each one as a bound (boundRhs).
 * A NaN side (no slope fitted) never holds.
 */
export interface Assertion {
  /** The claim id whose statement this is ('A.Fig1', …). */
  readonly claim: string;
  readonly name: string;
  readonly lhs: number;
  readonly rhs: number;
  /** lhs < rhs: a tie fails. */
  readonly strict?: boolean;
  readonly holds: boolean;
  /** What was measured, in words (shown beside the verdict; a claim's bound keeps it as its note). */
  readonly tolerance?: string;
}

/** An assertion whose verdict comes from its own two numbers (lhs ≤ rhs, or lhs < rhs when strict). */
export function assertion(claim: string, name: string, lhs: number, rhs: number, note: string, o: { readonly strict?: boolean } = {}): Assertion {
  return { claim, name, lhs, rhs, ...(o.strict ? { strict: true } : {}), holds: o.strict ? lhs < rhs : lhs <= rhs, tolerance: note };
}

/**
 * The right side that states `a` as lhs ≤ rhs: its own rhs, except that a strict assertion's tie takes rhs's
 * predecessor (in doubles lhs < rhs ⟺ lhs ≤ nextDown(rhs); only at a tie do the two right sides decide differently,
 * so every other case keeps its numbers and its slack).
 */
export function boundRhs(a: Assertion): number {
  return a.strict && a.lhs === a.rhs ? nextDown(a.rhs) : a.rhs;
}

export function verdictOf(assertions: readonly Assertion[]): 'holds' | 'violated' {
  return assertions.every((a) => a.holds) ? 'holds' : 'violated';
}

/** "≤ 1e-10 within T": the count, Infinity when never reached (so the bound fails with lhs = ∞). */
export function withinBound(claim: string, name: string, recs: readonly CurveRecord[], budget: number): Assertion {
  const worst = recs.reduce((m, r) => Math.max(m, r.itersToTarget ?? Infinity), 0);
  const missing = recs.filter((r) => r.itersToTarget === null).map((r) => `${r.group} = ${fmtValue(r.value)}`);
  return assertion(claim, name, worst, budget, missing.length ? `not reached for ${missing.join(', ')}` : `reached in every run (max ${worst} iterations)`);
}

/**
 * "X slows down as p grows": after the same budget T the error at the largest p is above the error at the smallest p
 * (where the curves end in the figure). The geometric mean over the run is reported beside it: it weighs the early
 * phase, and for GD over k it does not grow (a finding, not hidden: see the report).
 */
export function slowdownBound(claim: string, name: string, recs: readonly CurveRecord[]): Assertion {
  const sorted = [...recs].sort((a, b) => a.value - b.value);
  const lo = sorted[0];
  const hi = sorted[sorted.length - 1];
  const note = `error after T: ${fmtValue(lo.value)} → ${lo.finalError.toExponential(2)}, ${fmtValue(hi.value)} → ${hi.finalError.toExponential(2)} (strict); geometric mean over the run ${lo.geoMeanError.toExponential(2)} vs ${hi.geoMeanError.toExponential(2)}`;
  return assertion(claim, name, lo.finalError, hi.finalError, note, { strict: true });
}

export function fmtValue(v: number): string {
  if (v >= 1000 || (v < 0.01 && v > 0)) {
    const e = Math.round(Math.log10(v));
    if (Math.abs(v / 10 ** e - 1) < 1e-9) return `1e${e}`;
  }
  return String(v);
}
