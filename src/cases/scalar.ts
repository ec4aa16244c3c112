import type { Field, Scalarish } from '../arith/field.ts';
import { bitLength, type Rat } from '../arith/rational.ts';
import { mat } from '../linalg/mat.ts';
import type { Impl } from '../impl/impl.ts';

/*
 * The scalar recursion (27) of paper A §3.1, App. B.6, σ_{t+1} = σ_t − η_t sign(σ_t³ − λσ_t), produced by the
 * implementation under test (Muon on P.scalar with S.geo, all from the given Impl), over any field — float64, or Q
 * (exact rationals), where it is exact: msign of a 1×1 gradient g is g/√(g²), a √ of a perfect square. Shared by the
 * checks of Lemmas 1, 2 and 11.
 *
 * Why Q and not decimal + proveExact: in decimal at P digits g² rounds and √ costs ~1.4 ms at 500 digits (a 50-step
 * case cost ~300 ms at P and 2P), and the 1×1 msign is not always exactly ±1 (measured: msign(k/7) ≠ 1 for 1 of 199 k
 * at P = 500). In Q every operation (27) needs is exact by construction.
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

/**
 * The trajectory around step t (σ and η for t − radius … t + radius) as decimal strings: the "trajectory near the
 * failure" a counterexample report shows.
 */
export function trajectoryWindow<T>(F: Field<T>, run: ScalarTrajectory<T>, t: number, radius = 3): { from: number; sigma: string[]; eta: string[] } {
  const from = Math.max(0, t - radius);
  const to = Math.min(run.sigma.length - 1, t + radius + 1);
  return { from, sigma: run.sigma.slice(from, to + 1).map((x) => F.toString(x)), eta: run.eta.slice(from, to).map((x) => F.toString(x)) };
}

