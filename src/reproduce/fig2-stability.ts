import { doubleDouble, type DD } from '../arith/double-double.ts';
import { exactField, type Decimal } from '../arith/exact.ts';
import type { Field } from '../arith/field.ts';
import type { Impl } from '../impl/impl.ts';
import { eigh } from '../linalg/eigh.ts';
import { lsSlope } from '../linalg/fit.ts';
import { diag, mat, type Mat } from '../linalg/mat.ts';
import { psdTarget } from '../random/psd.ts';
import { rng } from '../random/rng.ts';
import { fastRun, iclInstance, optimizerOf, type ScheduleSettings } from './runner.ts';

/*
 * Why Muon's Fig. 2 runs stall in float64 for slow schedules, measured (docs/findings/fig2.md).
 *
 * In exact arithmetic Muon on P.icl from W₀ = 0 stays aligned, W_t = V diag(w_t) Vᵀ (Lemma 8), and each w_{i,t}
 * follows w_{t+1} = w_t − η_t sign(w_t − 1/λᵢ) (71b). Rounding puts a component off that structure; this file
 * measures how the Muon step treats it.
 *
 * (a) The Jacobian of the step W ↦ W − η msign(Σ(WΣ − I)Σ) at an aligned W, in the off-aligned directions. In the
 *     eigenbasis of Σ (the step commutes with W ↦ QWQᵀ, Σ ↦ QΣQᵀ, so the basis is free) an aligned W is diagonal,
 *     G = diag(g), g_i = λᵢ³(w_i − 1/λᵢ), and a perturbation E of W changes G by ΛEΛ², dG_ij = λᵢλⱼ² e_ij. The
 *     derivative of the polar factor at diag(g) (all g_i ≠ 0) is dQ_ij = (dG_ij − s_i s_j dG_ji)/(|g_i| + |g_j|)
 *     (s = sign g), its diagonal 0: the diagonal (aligned) part of W does not move msign, and the off-diagonal part
 *     splits into independent 2×2 blocks on (e_ij, e_ji):
 *
 *         M_t = I − c_t N,   N = [[λⱼ, −sλᵢ], [−sλⱼ, λᵢ]],   c_t = η_t λᵢλⱼ / (|g_i| + |g_j|),   s = s_i s_j.
 *
 *     N has eigenvalues 0 (direction (λᵢ, sλⱼ): a symmetric change of G, msign unchanged — neutral) and λᵢ + λⱼ
 *     (direction (1, −s)), so M_t has eigenvalues 1 and
 *
 *         μ_t = 1 − λᵢλⱼ(λᵢ + λⱼ) / (λᵢ³δ_{i,t} + λⱼ³δ_{j,t}),   δ_{i,t} = |w_{i,t} − 1/λᵢ| / η_t ∈ [0, 1/ρ],
 *
 *     independent of η's scale: |μ_t| > 1 whenever the two scalar sequences are both close to their roots relative
 *     to η_t. The growth of an off-aligned perturbation is the norm of the product of the M_t along the exact
 *     trajectory (the sign pattern s, hence the neutral direction, changes from step to step, so this is not ∏μ_t).
 *     `blockJacobian` is checked against finite differences of the implementation's own step in decimal(40) (test).
 *
 * (b) Observed in float64: the off-diagonal part of W_t in the eigenbasis of the float Σ (computed in double-double),
 *     per step, beside the run's error.
 */

/** The exact aligned trajectory of the scalar sequences (71b) for η_t = Cρ^t, computed at `precision` digits. */
export interface ScalarTrajectory {
  /** λᵢ, descending, as given. */
  readonly lambdas: readonly number[];
  readonly C: number;
  readonly rho: number;
  /** δ[t][i] = |w_{i,t} − 1/λᵢ| / η_t for t = 0 … steps − 1 (the state the step η_t acts on). */
  readonly delta: number[][];
  /** s[t][i] = sign(w_{i,t} − 1/λᵢ) (the sign of g_i). */
  readonly sign: number[][];
  /** Relative error ‖w_t − 1/λ‖₂/‖1/λ‖₂ = ‖W_t − Σ⁻¹‖_F/‖Σ⁻¹‖_F for t = 0 … steps. */
  readonly relError: number[];
  /** η_t as a double, t = 0 … steps − 1. */
  readonly eta: number[];
}

/**
 * The scalar sequences at `precision` digits. The map x ↦ (x − sign x)/ρ of x_t = (w_t − 1/λ)/η_t expands errors by
 * 1/ρ per step, so `precision` digits follow the exact signs for about precision·ln 10/ln(1/ρ) steps; callers keep
 * `steps` well inside that (checkedSteps).
 */
export function scalarTrajectory(lambdas: readonly number[], C: number, rho: number, steps: number, precision = 80): ScalarTrajectory {
  if (steps > checkedSteps(rho, precision)) throw new RangeError(`scalarTrajectory: ${steps} steps exceed what ${precision} digits follow at ρ = ${rho} (${checkedSteps(rho, precision)})`);
  const F = exactField(precision);
  const roots = lambdas.map((l) => F.div(F.one, F.of(l)));
  const norm = Math.sqrt(lambdas.reduce((s, l) => s + 1 / (l * l), 0));
  const w = lambdas.map(() => F.zero);
  const r = F.of(String(rho));
  let eta = F.of(String(C));
  const delta: number[][] = [];
  const sign: number[][] = [];
  const relError: number[] = [];
  const etas: number[] = [];
  const err = (): number => Math.sqrt(w.reduce((s, x, i) => s + F.toNumber(F.sub(x, roots[i]!)) ** 2, 0)) / norm;
  for (let t = 0; t < steps; t++) {
    relError.push(err());
    const dt: number[] = [];
    const st: number[] = [];
    for (let i = 0; i < w.length; i++) {
      const diff = F.sub(w[i]!, roots[i]!);
      const s = F.toNumber(F.sign(diff));
      dt.push(F.toNumber(F.div(F.abs(diff), eta)));
      st.push(s);
      w[i] = F.sub(w[i]!, F.mul(eta, F.of(s)));
    }
    delta.push(dt);
    sign.push(st);
    etas.push(F.toNumber(eta));
    eta = F.mul(eta, r);
  }
  relError.push(err());
  return { lambdas, C, rho, delta, sign, relError, eta: etas };
}

/** Steps that `precision` digits follow the exact scalar sequences at ρ with 20 digits to spare. */
export function checkedSteps(rho: number, precision: number): number {
  return Math.floor(((precision - 20) * Math.LN10) / Math.log(1 / rho));
}

/** M_t on (e_ij, e_ji) at an aligned point: I − c·[[λⱼ, −sλᵢ], [−sλⱼ, λᵢ]], c = λᵢλⱼ/(λᵢ³δᵢ + λⱼ³δⱼ) (see above). */
export function blockJacobian(li: number, lj: number, di: number, dj: number, si: number, sj: number): [number, number, number, number] {
  const c = (li * lj) / (li ** 3 * di + lj ** 3 * dj);
  const s = si * sj;
  return [1 - c * lj, c * s * li, c * s * lj, 1 - c * li];
}

/** μ_t, the non-neutral eigenvalue of M_t. */
export function activeEigenvalue(li: number, lj: number, di: number, dj: number): number {
  return 1 - (li * lj * (li + lj)) / (li ** 3 * di + lj ** 3 * dj);
}

export interface LinearisedGrowth {
  /** Steps the product runs over. */
  readonly steps: number;
  /** max over pairs of ‖M_{T−1}⋯M_0‖₂ (amplification of a perturbation present at t = 0). */
  readonly amplification: number;
  /** amplification^{1/T}: the per-step growth factor. */
  readonly perStep: number;
  /** The pair (i, j) (0-based, λ descending) attaining it. */
  readonly worstPair: readonly [number, number];
  /** max over pairs of sqrt(tr C_T), C_{t+1} = M_t C_t M_tᵀ + I: rms size of unit noise injected at every step. */
  readonly noiseGain: number;
  /** The same per step t = 0 … T (max over pairs). */
  readonly noiseGainCurve: number[];
  /** Geometric mean over steps and (linearisable) pairs of |μ_t|. */
  readonly geoMeanMu: number;
  /**
   * The sequences i that land exactly on their root (δ_{i,t} = 0, so g_i = 0 and msign drops that direction) within
   * the window: there msign is not differentiable (a perturbation in both e_ij and e_ji turns a zero singular value
   * into a nonzero one, whose direction msign normalises to 1), so the pairs through such a point are left out of the
   * products above. With λ_min = 1 and C = 1 the smallest sequence lands on 1 at t = 1 for every ρ.
   */
  readonly exactHits: readonly number[];
  /** Pairs left in (i < j, neither i nor j an exact hit) out of d(d − 1)/2. */
  readonly pairs: number;
}

/** ‖·‖₂ of a 2×2 matrix [a, b, c, d]. */
function norm2x2(m: readonly number[]): number {
  const [a, b, c, d] = m as [number, number, number, number];
  const f = a * a + b * b + c * c + d * d;
  const det = a * d - b * c;
  return Math.sqrt((f + Math.sqrt(Math.max(0, f * f - 4 * det * det))) / 2);
}

/** The linearised growth of off-aligned perturbations along `traj` over its first `steps` steps (default: all). */
export function linearisedGrowth(traj: ScalarTrajectory, steps = traj.delta.length): LinearisedGrowth {
  const { lambdas: l, delta, sign } = traj;
  const d = l.length;
  let best = -Infinity;
  let worstPair: [number, number] = [0, 1];
  let sumLogMu = 0;
  let nMu = 0;
  const noise = new Array<number>(steps + 1).fill(0);
  const hit = l.map((_, i) => delta.slice(0, steps).some((dt) => dt[i] === 0));
  let pairs = 0;
  for (let i = 0; i < d; i++) {
    if (hit[i]) continue;
    for (let j = i + 1; j < d; j++) {
      if (hit[j]) continue;
      pairs++;
      // P: the normalised product, logScale its log-norm; Cv: the noise covariance (2×2, symmetric).
      let P = [1, 0, 0, 1];
      let logScale = 0;
      let Cv = [0, 0, 0, 0];
      for (let t = 0; t < steps; t++) {
        const M = blockJacobian(l[i]!, l[j]!, delta[t]![i]!, delta[t]![j]!, sign[t]![i]!, sign[t]![j]!);
        const mu = activeEigenvalue(l[i]!, l[j]!, delta[t]![i]!, delta[t]![j]!);
        sumLogMu += Math.log(Math.abs(mu));
        nMu++;
        P = [M[0] * P[0]! + M[1] * P[2]!, M[0] * P[1]! + M[1] * P[3]!, M[2] * P[0]! + M[3] * P[2]!, M[2] * P[1]! + M[3] * P[3]!];
        const n = norm2x2(P);
        logScale += Math.log(n);
        P = P.map((x) => x / n);
        // C ← M C Mᵀ + I
        const MC = [M[0] * Cv[0]! + M[1] * Cv[2]!, M[0] * Cv[1]! + M[1] * Cv[3]!, M[2] * Cv[0]! + M[3] * Cv[2]!, M[2] * Cv[1]! + M[3] * Cv[3]!];
        Cv = [MC[0]! * M[0] + MC[1]! * M[1] + 1, MC[0]! * M[2] + MC[1]! * M[3], MC[2]! * M[0] + MC[3]! * M[1], MC[2]! * M[2] + MC[3]! * M[3] + 1];
        noise[t + 1] = Math.max(noise[t + 1]!, Math.sqrt(Cv[0]! + Cv[3]!));
      }
      if (logScale > best) {
        best = logScale;
        worstPair = [i, j];
      }
    }
  }
  return {
    steps,
    amplification: Math.exp(best),
    perStep: Math.exp(best / steps),
    worstPair,
    noiseGain: noise[steps]!,
    noiseGainCurve: noise,
    geoMeanMu: Math.exp(sumLogMu / nMu),
    exactHits: l.map((_, i) => i).filter((i) => hit[i]),
    pairs,
  };
}

/** The steps after which η_t = Cρ^t ≤ ε (Theorem 3's bound ‖W_{t+1} − Σ⁻¹‖ ≤ η_t then gives ≤ ε): ⌈log(C/ε)/log(1/ρ)⌉. */
export function stepsToEta(C: number, rho: number, eps: number): number {
  return Math.max(1, Math.ceil(Math.log(C / eps) / Math.log(1 / rho)));
}

/** The λᵢ of the Fig. 2 instance (d, κ, seed): geometric in [1, κ], descending (runner.iclInstance's spectrum). */
export function iclLambdas(d: number, kappa: number, seed: number): number[] {
  return [...psdTarget(rng(seed).fork('sigma'), { d, r: d, kappa, lambdaMax: kappa, pattern: 'geometric' }).lambdas];
}

/* ------------------------------------------------------------------------------------------------------------- */
/* (a′) Finite differences of the implementation's own step, in decimal, at an aligned point (checks blockJacobian). */

/**
 * The Jacobian columns of one Muon step at W = diag(w) for Σ = diag(λ), by central differences in the entry (i, j)
 * and (j, i) with step h, at `precision` digits, through impl's P.icl gradient and msign: returns the 2×2 block on
 * (e_ij, e_ji) as [∂e′_ij/∂e_ij, ∂e′_ij/∂e_ji, ∂e′_ji/∂e_ij, ∂e′_ji/∂e_ji].
 */
export function finiteDifferenceBlock(impl: Impl, lambdas: readonly number[], w: readonly string[], eta: string, i: number, j: number, o: { precision?: number; h?: string } = {}): [number, number, number, number] {
  const F: Field<Decimal> = exactField(o.precision ?? 40);
  const la = impl.over(F);
  const d = lambdas.length;
  const I = mat(d, d, Array.from({ length: d * d }, (_, k) => (Math.floor(k / d) === k % d ? F.one : F.zero)));
  const p = impl.problems.icl(la, { V: I, lambdas: lambdas.map((x) => F.of(x)) });
  const e = F.of(eta);
  const h = F.of(o.h ?? '1e-20');
  const W0 = diag(
    F,
    w.map((x) => F.of(x)),
  );
  const step = (W: Mat<Decimal>): Mat<Decimal> => {
    const Q = la.msign(p.grad(W));
    return mat(d, d, W.data.map((x, k) => F.sub(x, F.mul(e, Q.data[k]!))));
  };
  const column = (a: number, b: number): [number, number] => {
    const plus = W0.data.slice();
    const minus = W0.data.slice();
    plus[a * d + b] = F.add(plus[a * d + b]!, h);
    minus[a * d + b] = F.sub(minus[a * d + b]!, h);
    const Sp = step(mat(d, d, plus));
    const Sm = step(mat(d, d, minus));
    const dd = (k: number): number => F.toNumber(F.div(F.sub(Sp.data[k]!, Sm.data[k]!), F.mul(F.of(2), h)));
    return [dd(i * d + j), dd(j * d + i)];
  };
  const [a, c] = column(i, j);
  const [b, dd] = column(j, i);
  return [a, b, c, dd];
}

/* ------------------------------------------------------------------------------------------------------------- */
/* (b) Observed in float64. */

export interface ObservedRun {
  readonly errors: number[];
  /** ‖offdiag(VᵀW_tV)‖_F / ‖Σ⁻¹‖_F, V the eigenvectors of the float Σ (double-double), t = 0 … steps. */
  readonly offAligned: number[];
  /** η_t, t = 0 … steps − 1. */
  readonly eta: number[];
}

/**
 * One float64 Muon run of the Fig. 2 instance (d, κ, seed) with `schedule`, recording the off-aligned part of W_t
 * at every step. The eigenbasis of the float Σ is computed by Jacobi in double-double (orthogonal to ~1e-30), and
 * VᵀWV in double-double from the double entries of W, so the measurement adds no float64 rounding of its own.
 */
export function observeOffAligned(impl: Impl, o: { d: number; kappa: number; seed: number; schedule: ScheduleSettings; steps: number }): ObservedRun {
  const { fp, x0 } = iclInstance(impl, { d: o.d, kappa: o.kappa, seed: o.seed });
  const p = fp.problem as { Sigma: Mat<number>; minimizer(): Mat<number> };
  const D = doubleDouble;
  const d = o.d;
  const V = eigh(D, mat(d, d, p.Sigma.data.map((x) => D.of(x)))).vectors.data;
  const norm = Math.sqrt(p.minimizer().data.reduce((s, x) => s + x * x, 0));
  const offAligned: number[] = [];
  const eta: number[] = [];
  const measure = (W: Mat<number>): number => {
    // A = W V (d×d), then B = Vᵀ A; sum the squares of B's off-diagonal entries.
    const A: DD[] = new Array(d * d);
    for (let r = 0; r < d; r++) {
      for (let c = 0; c < d; c++) {
        let s = D.zero;
        for (let k = 0; k < d; k++) {
          const x = W.data[r * d + k]!;
          if (x !== 0) s = D.add(s, D.mul(D.of(x), V[k * d + c]!));
        }
        A[r * d + c] = s;
      }
    }
    let off = 0;
    for (let r = 0; r < d; r++) {
      for (let c = 0; c < d; c++) {
        if (r === c) continue;
        let s = D.zero;
        for (let k = 0; k < d; k++) s = D.add(s, D.mul(V[k * d + r]!, A[k * d + c]!));
        off += D.toNumber(s) ** 2;
      }
    }
    return Math.sqrt(off) / norm;
  };
  const schedule = o.schedule;
  const res = fastRun(
    {
      fp,
      optimizer: optimizerOf(impl, 'muon'),
      schedule,
      x0,
      steps: o.steps,
      onIterate: {
        every: 1,
        fn: (_t, W) => {
          offAligned.push(measure(W));
        },
      },
    },
    impl,
  );
  offAligned.push(measure(res.final));
  if (schedule.kind === 'geo') for (let t = 0; t < res.steps; t++) eta.push(schedule.C * schedule.scale * schedule.rho ** t);
  return { errors: res.errors, offAligned: offAligned.slice(0, res.errors.length), eta };
}

/**
 * The observed per-step growth factor of the off-aligned part: the least-squares slope of log offAligned_t over the
 * steps where it has left the rounding floor (≥ `floor`) and is still small against the step (≤ `ceiling`·η_t, the
 * linear regime), exponentiated. null when fewer than 5 steps qualify.
 */
export function observedGrowth(run: ObservedRun, o: { floor?: number; ceiling?: number } = {}): { perStep: number; from: number; to: number } | null {
  const floor = o.floor ?? 1e-14;
  const ceiling = o.ceiling ?? 1e-2;
  const xs: number[] = [];
  const ys: number[] = [];
  let started = false;
  for (let t = 0; t < run.eta.length && t < run.offAligned.length; t++) {
    const v = run.offAligned[t]!;
    if (!started && v >= floor) started = true;
    if (!started) continue;
    if (v > ceiling * run.eta[t]!) break;
    if (v > 0) {
      xs.push(t);
      ys.push(Math.log(v));
    }
  }
  if (xs.length < 5) return null;
  return { perStep: Math.exp(lsSlope(xs, ys)), from: xs[0]!, to: xs[xs.length - 1]! };
}

/** The slope of log(curve) over steps from … to, exponentiated (the per-step factor over that window); null if < 2 points. */
export function perStepOver(curve: readonly number[], from: number, to: number): number | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = from; t <= to && t < curve.length; t++) {
    const v = curve[t]!;
    if (v > 0 && Number.isFinite(v)) {
      xs.push(t);
      ys.push(Math.log(v));
    }
  }
  if (xs.length < 2) return null;
  return Math.exp(lsSlope(xs, ys));
}

/* ------------------------------------------------------------------------------------------------------------- */
/* The same run at a higher precision: is a stall float64's? */

/**
 * Muon with η_t = Cρ^t on the Fig. 2 instance (d, κ, seed) — the float64 Σ, converted exactly — run in the field F
 * (double-double, decimal(P)) through the implementation's generic path: relative errors ‖W_t − Σ⁻¹‖_F/‖Σ⁻¹‖_F, with
 * Σ⁻¹ computed in F.
 */
export function rerunInField<T>(impl: Impl, F: Field<T>, o: { d: number; kappa: number; seed: number; C: number; rho: number; steps: number }): number[] {
  const { fp } = iclInstance(impl, { d: o.d, kappa: o.kappa, seed: o.seed });
  const Sigma = (fp.problem as { Sigma: Mat<number> }).Sigma;
  const la = impl.over(F);
  const p = impl.problems.icl(la, { Sigma: mat(o.d, o.d, Sigma.data.map((x) => F.of(x))) });
  const x0 = mat(o.d, o.d, new Array<T>(o.d * o.d).fill(F.zero));
  const tr = impl.run({ problem: p, optimizer: impl.optimizers.muon(), schedule: impl.schedules.geo({ C: String(o.C), rho: String(o.rho) }), x0, steps: o.steps });
  const Winv = p.minimizer();
  let n2 = F.zero;
  for (const x of Winv.data) n2 = F.add(n2, F.mul(x, x));
  const norm = F.toNumber(F.sqrt(n2));
  return tr.errors.map((e) => e / norm);
}
