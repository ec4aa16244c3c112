import type { Field, Scalarish } from '../arith/field.ts';
import { float64 } from '../arith/float64.ts';
import { rationalField } from '../arith/rational.ts';
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

/**
 * Lemma 1's "any sequence": σ_{t+1} = σ_t − η_t s_t for a given sign pattern s_t ∈ {−1, 0, 1}, with η_t from the S.geo
 * under test (C·c·ρ^t; C may be a rational "p/q", a critical value).
 */
export function signPatternRun<T>(impl: Impl, F: Field<T>, spec: { readonly sigma0: number; readonly scale: number; readonly rho: number; readonly C: number | string; readonly signs: readonly number[]; readonly steps: number }): Pick<ScalarTrajectory<T>, 'sigma' | 'eta' | 's' | 'status'> {
  const sizes = impl.schedules.geo({ scale: spec.scale, rho: spec.rho, C: spec.C }).start(F);
  const sigma = [F.of(spec.sigma0)];
  const eta: T[] = [];
  for (let t = 0; t < spec.steps; t++) {
    const e = sizes.next(F.zero);
    eta.push(e);
    sigma.push(F.sub(sigma[t]!, F.mul(e, F.of(spec.signs[t]!))));
  }
  return { sigma, eta, s: spec.signs.slice(0, spec.steps), status: 'completed' };
}

/** S_t = Σ_{τ<t} s_τ ρ^τ for t = 0 … T (Lemma 1 (29): σ_t = σ₀ − C·c·S_t), with its own ρ^τ (not the schedule's). */
export function prefixSums<T>(F: Field<T>, rho: T, s: readonly number[]): T[] {
  const S = [F.zero];
  let p = F.one;
  for (let t = 0; t < s.length; t++) {
    S.push(F.add(S[t]!, F.mul(F.of(s[t]!), p)));
    p = F.mul(p, rho);
  }
  return S;
}

/**
 * A critical prefactor of a Muon run (27) with c = √λ: scan C over a grid of [1, 2] in float for a sign change of σ_t
 * between grid points with the same sign prefix, then C* = σ₀/(c·S_t) in Q from that prefix (30). Undefined when the
 * grid shows none within `steps`.
 */
export function criticalPrefactor(impl: Impl, spec: { readonly sigma0: number; readonly sqrtLambda: number; readonly rho: number; readonly steps: number }): string | undefined {
  const { sigma0, sqrtLambda, rho, steps } = spec;
  const grid = Array.from({ length: 33 }, (_, i) => 1 + i / 32);
  const runs = grid.map((C) => muonScalar(impl, float64, { sqrtLambda, sigma0, scale: sqrtLambda, rho, C, steps }));
  const Q = rationalField();
  for (let t = 1; t <= steps; t++) {
    for (let i = 0; i + 1 < grid.length; i++) {
      const a = runs[i]!;
      const b = runs[i + 1]!;
      if (a.sigma.length <= t || b.sigma.length <= t) continue;
      if (Math.sign(a.sigma[t]!) === Math.sign(b.sigma[t]!) || a.s.slice(0, t).join() !== b.s.slice(0, t).join()) continue;
      const S = prefixSums(Q, Q.of(rho), a.s.slice(0, t))[t]!;
      if (Q.isZero(S)) continue;
      const Cstar = Q.div(Q.of(sigma0), Q.mul(Q.of(sqrtLambda), S));
      if (Q.le(Q.of(grid[i]!), Cstar) && Q.le(Cstar, Q.of(grid[i + 1]!))) return Q.toString(Cstar);
    }
  }
  return undefined;
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

