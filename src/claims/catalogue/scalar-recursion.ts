import fc, { type Arbitrary } from 'fast-check';
import type { Field, Scalarish } from '../../arith/field.ts';
import { bitLength, rationalField, type Rat, type RationalField } from '../../arith/rational.ts';

export { rationalField, type Rat, type RationalField };
import { mat } from '../../linalg/mat.ts';
import { rng } from '../../random/rng.ts';
import type { Impl } from '../../impl/impl.ts';
import type { Bound } from '../types.ts';

/*
 * Shared by A.L1, A.L2 and A.L11 (paper A §3.1, App. B.6): the scalar recursion (27)
 * σ_{t+1} = σ_t − η_t sign(σ_t³ − λσ_t), produced by the implementation under test (Muon on P.scalar with S.geo, all
 * from ctx.impl), in float64 or in exact rational arithmetic.
 *
 * Why rationals and not decimal + proveExact: Muon on P.scalar takes msign of a 1×1 gradient g through the Jacobi SVD,
 * i.e. g/√(g²). In decimal at P digits g² rounds and √ costs ~1.4 ms at 500 digits: a 50-step case cost ~300 ms
 * (P and 2P), and the 1×1 msign is not always exactly ±1 (measured: msign(k/7) ≠ 1 for 1 of 199 k at P = 500), so
 * proofs failed. In Q (bigint fractions) +, −, ×, ÷ are exact by construction, and √ is exact on perfect squares —
 * which is all that (27) needs: √(g²) in msign and √1 in ‖·‖_F. Any other √ is counted as an inexact operation; a run
 * is exact iff that count is 0 (the run-time proof of exactness reported in `exactness`).
 */

/** One run of (27) through the implementation under test. */
export interface ScalarSpec {
  /** √λ ≥ 0 (λ = (√λ)², exact for a dyadic √λ of ≤ 26 bits in float and always in Q). */
  readonly sqrtLambda: number;
  readonly sigma0: number;
  /** c in η_t = C_t·c·ρ^t (S.geo's scale). */
  readonly scale: number;
  readonly rho: number;
  /** One C for the run, or C_t per step (Lemma 11). A string is a rational "p/q" or decimal (probes' critical C*). */
  readonly C: number | string | readonly number[];
  readonly steps: number;
}

export interface ScalarTrajectory<T> {
  /** σ_0 … σ_T (fewer if the run stopped). */
  readonly sigma: T[];
  /** η_0 … η_{T−1} as the schedule produced them. */
  readonly eta: T[];
  /** s_t = sign(σ_t − σ_{t+1}) ∈ {−1, 0, 1}: the sign Muon applied at step t. */
  readonly s: number[];
  readonly lambda: T;
  readonly sqrtLambda: T;
  readonly status: string;
  readonly message?: string;
}

export function muonScalar<T>(impl: Impl, F: Field<T>, spec: ScalarSpec): ScalarTrajectory<T> {
  const la = impl.over(F);
  const sl = F.of(spec.sqrtLambda);
  const lambda = F.mul(sl, sl);
  const problem = impl.problems.scalar(la, lambda);
  const list = spec.C;
  let i = 0;
  const C: Scalarish | (() => Scalarish) = Array.isArray(list)
    ? () => {
        if (i >= list.length) throw new RangeError(`muonScalar: only ${list.length} prefactors C_t recorded`);
        return (list as readonly number[])[i++]!;
      }
    : (list as number | string);
  const schedule = impl.schedules.geo({ scale: spec.scale, rho: spec.rho, C });
  const tr = impl.run({ problem, optimizer: impl.optimizers.muon(), schedule, x0: mat(1, 1, [F.of(spec.sigma0)]), steps: spec.steps, keepIterates: true });
  const sigma = tr.iterates!.map((it) => it.X.data[0]!);
  const s: number[] = [];
  for (let t = 0; t + 1 < sigma.length; t++) s.push(F.toNumber(F.sign(F.sub(sigma[t]!, sigma[t + 1]!))));
  return { sigma, eta: tr.etas, s, lambda, sqrtLambda: sl, status: tr.status, ...(tr.message ? { message: tr.message } : {}) };
}

/** Bits of the largest numerator or denominator among the values: the size an exact run reached. */
export function ratBits(xs: readonly Rat[]): number {
  let b = 0;
  for (const x of xs) b = Math.max(b, bitLength(x.n), bitLength(x.d));
  return b;
}

/** Fractional binary digits of a dyadic double (0 for integers): what its exact copy costs per product. */
export function fracBits(x: number): number {
  if (x === 0 || Number.isInteger(x)) return 0;
  let b = 0;
  while (!Number.isInteger(x * 2 ** b)) b++;
  return b;
}

/** Bins of ρ used by all three claims. */
export function rhoBin(rho: number): string {
  return rho < 0.5 ? '<1/2' : rho < 2 / 3 ? '[1/2,2/3)' : rho < 0.9 ? '[2/3,0.9)' : '[0.9,1)';
}

/**
 * The case's bound for one equation from its per-step instances: the first failing step if any, else the step of
 * largest lhs/rhs (the slack the report shows). `at` says which step.
 */
export function worstStep(name: string, steps: readonly { lhs: number; rhs: number; holds: boolean; t: number }[], tolerance?: string): Bound & { t: number } {
  let best: { lhs: number; rhs: number; holds: boolean; t: number } | undefined;
  let bestRatio = -Infinity;
  for (const s of steps) {
    if (!s.holds) {
      best = s;
      break;
    }
    const r = s.rhs === 0 ? (s.lhs <= 0 ? 0 : Infinity) : s.lhs / s.rhs;
    if (r > bestRatio) {
      bestRatio = r;
      best = s;
    }
  }
  const b = best ?? { lhs: 0, rhs: 0, holds: true, t: -1 };
  return { name, lhs: b.lhs, rhs: b.rhs, holds: b.holds, t: b.t, ...(tolerance ? { tolerance } : {}) };
}

/** A positive dyadic m·2^(e−bits), m ∈ [2^bits, 2^(bits+1)): in [2^e, 2^(e+1)), log-uniform over the decades. */
export function dyadicMagnitude(bits: number, eMin: number, eMax: number): Arbitrary<number> {
  return fc
    .tuple(fc.integer({ min: 2 ** bits, max: 2 ** (bits + 1) - 1 }), fc.integer({ min: eMin, max: eMax }))
    .map(([m, e]) => m * 2 ** (e - bits));
}

/** ρ = k/256, k ∈ [kMin, kMax]: dyadic with 8 bits, so ρ^t costs 8 binary digits per step in Q. */
export function rho256(kMin: number, kMax: number): Arbitrary<number> {
  return fc.integer({ min: kMin, max: kMax }).map((k) => k / 256);
}

/**
 * A uniform draw of a 24-bit dyadic in [lo, hi] from a seed, not from fast-check's biased integers: Lemma 1 needs C
 * independent of σ₀ and spread over [1, 2], and fast-check's bias toward the ends (C = 1, C = 2 with "nice" σ₀)
 * would land on critical values of the null set the lemma excludes.
 */
export function uniformDyadic(seed: number, lo: number, hi: number, bits = 24): number {
  return rng(seed).dyadic(lo, hi, bits);
}

export const seedArb: Arbitrary<number> = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/**
 * The trajectory around step t (σ and η for t − radius … t + radius) as decimal strings: the "trajectory near the
 * failure" a counterexample report shows.
 */
export function trajectoryWindow<T>(F: Field<T>, run: ScalarTrajectory<T>, t: number, radius = 3): { from: number; sigma: string[]; eta: string[] } {
  const from = Math.max(0, t - radius);
  const to = Math.min(run.sigma.length - 1, t + radius + 1);
  return { from, sigma: run.sigma.slice(from, to + 1).map((x) => F.toString(x)), eta: run.eta.slice(from, to).map((x) => F.toString(x)) };
}

/** The step of the bound with the largest lhs/rhs: where a trace is most worth showing. */
export function tightestStep(bounds: readonly (Bound & { t?: number })[]): number {
  let best = 0;
  let ratio = -Infinity;
  for (const b of bounds) {
    const r = b.rhs === 0 ? (b.lhs > 0 ? Infinity : 0) : b.lhs / b.rhs;
    if (!b.holds || r > ratio) {
      ratio = b.holds ? r : Infinity;
      best = b.t ?? 0;
      if (!b.holds) break;
    }
  }
  return best;
}
