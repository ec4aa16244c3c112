import { float64 } from '../arith/float64.ts';
import type { Impl } from '../impl/impl.ts';
import type { LinAlg } from '../linalg/backend.ts';
import { mat, scale, type Mat } from '../linalg/mat.ts';
import { frobenius } from '../linalg/norms.ts';
import type { Optimizer } from '../optimizers/optimizer.ts';
import type { IclProblem } from '../problems/icl.ts';
import type { MfProblem } from '../problems/mf.ts';
import { haar } from '../random/matrices.ts';
import { psdTarget } from '../random/psd.ts';
import { rng } from '../random/rng.ts';

/*
 * The experiment runner of the reproductions: one lean float64 loop X ← X − η_t D_t that takes every algorithm
 * (problem gradient, optimizer direction, plateau schedule) from an Impl, so that the claim checks built on it reach
 * planted bugs, and records only what the figures need: the relative error per step.
 *
 * Why not optimizers/run.ts: run() evaluates the residual three times per step through the generic field code
 * (loss, error, and again for the trajectory) and keeps η_t in an array; at d = 50 that is ~0.3 ms of a 0.05 ms
 * step. Here the loss and the error come from one residual, computed on plain arrays.
 */

export type OptimizerName = 'muon' | 'signgd' | 'gd' | 'adam' | 'scaledgd';
export const OPTIMIZER_LABEL: Readonly<Record<OptimizerName, string>> = {
  muon: 'Muon',
  signgd: 'SignGD',
  gd: 'GD',
  adam: 'Adam',
  scaledgd: 'ScaledGD',
};

export function optimizerOf(impl: Impl, name: OptimizerName): Optimizer {
  const o = impl.optimizers;
  switch (name) {
    case 'muon':
      return o.muon();
    case 'signgd':
      return o.signgd;
    case 'gd':
      return o.gd;
    case 'adam':
      return o.adam();
    case 'scaledgd':
      return o.scaledgd;
  }
}

/**
 * Plateau step decay (S.plateau) as PyTorch's ReduceLROnPlateau (mode 'min', threshold_mode 'rel'): η is multiplied
 * by `factor` after `patience` consecutive steps in which the loss did not improve on its best value by more than the
 * relative `threshold` (f < best·(1 − threshold) counts as an improvement); the counter then restarts.
 *
 * Why a threshold (S.plateau's `threshold` option): once the iterate is in a 2-cycle (Muon's and SignGD's zigzag
 * around a root), the two loss values repeat only up to rounding, and a "new best" smaller by one ulp resets the
 * patience counter again and again — measured on P.icl, κ = 10, patience 20: η stayed at 0.5 for 2900 steps with the error stuck
 * at 0.58. A relative threshold far above rounding (1e-4 ≫ 2^-52) and far below any real progress per step
 * restores the intended rule; 1e-4 is PyTorch's default.
 */
export interface PlateauSettings {
  readonly kind?: 'plateau';
  readonly eta0: number;
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
}

/** The theorems' step sizes (S.geo): η_t = C·c·ρ^t. */
export interface GeoSettings {
  readonly kind: 'geo';
  readonly C: number;
  readonly scale: number;
  readonly rho: number;
}

/** A constant step (GD, whose gradient-scaled step needs no decay: see common.ts). */
export interface ConstantSettings {
  readonly kind: 'constant';
  readonly eta: number;
}

export type ScheduleSettings = PlateauSettings | GeoSettings | ConstantSettings;

interface Sizes {
  next(loss: number): number;
}

function sizesOf(s: ScheduleSettings, impl: Impl): Sizes {
  if (s.kind === 'constant') {
    const st = impl.schedules.constant(s.eta).start(float64);
    return { next: (l) => st.next(l) };
  }
  if (s.kind === 'geo') {
    const st = impl.schedules.geo({ C: s.C, scale: s.scale, rho: s.rho }).start(float64);
    return { next: (l) => st.next(l) };
  }
  const st = impl.schedules.plateau({ eta0: s.eta0, factor: s.factor, patience: s.patience, threshold: s.threshold }).start(float64);
  return { next: (l) => st.next(l) };
}

/** A float problem with a fast "loss and relative error from one residual" evaluation. */
export interface FastProblem {
  readonly problem: MfProblem<number> | IclProblem<number>;
  /** f(X) − f* and ‖residual(X)‖_F/‖X*-scale‖_F (relative error) from one residual. */
  lossAndError(X: Mat<number>): { loss: number; error: number };
}

/** P.mf: residual R = UUᵀ − M*, f = ¼‖R‖_F², relative error ‖R‖_F/‖M*‖_F. */
export function fastMf(p: MfProblem<number>): FastProblem {
  const M = p.target.data;
  const norm = frobenius(float64, p.target);
  const la = p.la;
  return {
    problem: p,
    lossAndError(U) {
      const S = la.matmulNT(U, U).data;
      let s = 0;
      for (let i = 0; i < S.length; i++) {
        const r = S[i] - M[i];
        s += r * r;
      }
      return { loss: s / 4, error: Math.sqrt(s) / norm };
    },
  };
}

/** P.icl: f from the problem, relative error ‖W − Σ⁻¹‖_F/‖Σ⁻¹‖_F. */
export function fastIcl(p: IclProblem<number>): FastProblem {
  const Wstar = p.minimizer().data;
  let n2 = 0;
  for (const x of Wstar) n2 += x * x;
  const norm = Math.sqrt(n2);
  return {
    problem: p,
    lossAndError(W) {
      let s = 0;
      for (let i = 0; i < Wstar.length; i++) {
        const r = W.data[i] - Wstar[i];
        s += r * r;
      }
      return { loss: p.loss(W), error: Math.sqrt(s) / norm };
    },
  };
}

export interface RunSpec {
  readonly fp: FastProblem;
  readonly optimizer: Optimizer;
  readonly schedule: ScheduleSettings;
  readonly x0: Mat<number>;
  /** Iteration budget T. */
  readonly steps: number;
  /** Stop once the relative error is ≤ this (the curve then ends there). Default: never. */
  readonly stopBelow?: number;
  /** Called with X_t every `every` steps (Fig. 3 snapshots). */
  readonly onIterate?: { every: number; fn: (t: number, X: Mat<number>, G: Mat<number>) => void };
}

export interface RunResult {
  /** Relative error at t = 0 … steps. */
  readonly errors: number[];
  readonly steps: number;
  /** 'nonfinite' when the iterate blew up (the curve ends there). */
  readonly status: 'completed' | 'converged' | 'nonfinite' | 'breakdown';
  readonly final: Mat<number>;
  readonly ms: number;
}

export function fastRun(spec: RunSpec, impl: Impl): RunResult {
  const started = performance.now();
  const { fp, steps } = spec;
  const p = fp.problem;
  const la: LinAlg<number> = p.la;
  const stepper = spec.optimizer.start(la, spec.x0);
  const sizes = sizesOf(spec.schedule, impl);
  const errors: number[] = [];
  let X = spec.x0;
  let { loss, error } = fp.lossAndError(X);
  errors.push(error);
  let status: RunResult['status'] = 'completed';
  for (let t = 0; t < steps; t++) {
    if (spec.stopBelow !== undefined && error <= spec.stopBelow) {
      status = 'converged';
      break;
    }
    const G = p.grad(X);
    if (spec.onIterate && t % spec.onIterate.every === 0) spec.onIterate.fn(t, X, G);
    const eta = sizes.next(loss);
    let D: Mat<number>;
    try {
      D = stepper.direction(X, G);
    } catch {
      status = 'breakdown';
      break;
    }
    const x = X.data;
    const dd = D.data;
    const out = new Array<number>(x.length);
    let finite = true;
    for (let i = 0; i < x.length; i++) {
      const v = x[i] - eta * dd[i];
      out[i] = v;
      if (!Number.isFinite(v)) finite = false;
    }
    if (!finite) {
      status = 'nonfinite';
      break;
    }
    X = mat(X.rows, X.cols, out);
    ({ loss, error } = fp.lossAndError(X));
    if (!Number.isFinite(loss) || !Number.isFinite(error)) {
      status = 'nonfinite';
      break;
    }
    errors.push(error);
  }
  if (status === 'completed' && spec.stopBelow !== undefined && error <= spec.stopBelow) status = 'converged';
  return { errors, steps: errors.length - 1, status, final: X, ms: performance.now() - started };
}

/** First t with errors[t] ≤ eps, or null (not reached within the run). */
export function itersTo(errors: readonly number[], eps: number): number | null {
  const i = errors.findIndex((e) => e <= eps);
  return i < 0 ? null : i;
}

/**
 * Least-squares slope of log y against log x (natural logs; base-independent). Needs ≥ 2 points with distinct x.
 * Points with a null or non-positive y are skipped (a run that did not reach ε has no count to fit).
 */
export function loglogSlope(xs: readonly number[], ys: readonly (number | null)[]): number | null {
  const pts: [number, number][] = [];
  xs.forEach((x, i) => {
    const y = ys[i];
    if (y !== null && y !== undefined && y > 0 && x > 0) pts.push([Math.log(x), Math.log(y)]);
  });
  if (pts.length < 2) return null;
  const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  let sxx = 0;
  let sxy = 0;
  for (const [x, y] of pts) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
  }
  return sxx === 0 ? null : sxy / sxx;
}

/**
 * The curve stored in the JSON and drawn: every `stride`-th point, stride = ⌈n/maxPoints⌉, plus the last one.
 * 600 points per curve is more than a 300-pixel-wide panel can show, and keeps the JSON small.
 */
export function thin(errors: readonly number[], maxPoints = 600): { t: number[]; e: number[] } {
  const n = errors.length;
  const stride = Math.max(1, Math.ceil(n / maxPoints));
  const t: number[] = [];
  const e: number[] = [];
  for (let i = 0; i < n; i += stride) {
    t.push(i);
    e.push(errors[i]);
  }
  if (t[t.length - 1] !== n - 1 && n > 0) {
    t.push(n - 1);
    e.push(errors[n - 1]);
  }
  return { t, e };
}

/** An MF instance: M* = V diag(λ) Vᵀ, λ geometric in [λ_max/κ, λ_max] (λ_max = 1), V Haar; U₀ = α·O, O Haar on O^{d×k}. */
export function mfInstance(impl: Impl, o: { d: number; r: number; k: number; kappa: number; alpha: number; seed: number }): { fp: FastProblem; x0: Mat<number>; lambdas: number[] } {
  const R = rng(o.seed);
  const t = psdTarget(R.fork('target'), { d: o.d, r: o.r, kappa: o.kappa, pattern: 'geometric' });
  const p = impl.problems.mf(impl.float, { V: t.V, lambdas: t.lambdas }, o.k);
  const x0 = scale(float64, o.alpha, haar(R.fork('init'), o.d, o.k));
  return { fp: fastMf(p), x0, lambdas: t.lambdas };
}

/**
 * An ICL instance: Σ = V diag(λ) Vᵀ with λ geometric in [1, κ] (λ_min = 1, so W* = Σ⁻¹ has eigenvalues in [1/κ, 1]
 * and the step sizes need no κ-dependent scale), V Haar; W₀ = 0 as in Theorem 3.
 */
export function iclInstance(impl: Impl, o: { d: number; kappa: number; seed: number }): { fp: FastProblem; x0: Mat<number> } {
  const R = rng(o.seed);
  const t = psdTarget(R.fork('sigma'), { d: o.d, r: o.d, kappa: o.kappa, lambdaMax: o.kappa, pattern: 'geometric' });
  const p = impl.problems.icl(impl.float, { V: t.V, lambdas: t.lambdas });
  return { fp: fastIcl(p), x0: mat(o.d, o.d, new Array<number>(o.d * o.d).fill(0)) };
}

/**
 * The SignGD lower-bound instance of Theorem 2 (catalogue A.T2): d = k = 2, M* = Q diag(λ₁, λ₂) Q with
 * Q = (1/√2)[[1, 1], [1, −1]], λ₁ = 1, λ₂ = 1/κ; U₀ = pI + qJ in the invariant slice, with μ = (p + q, p − q).
 * The simple adversarial start: μ₁ = 1.7√λ₁ (far from its root, and not a dyadic distance from it, so a zigzag of steps 2η_t
 * never lands exactly on the root, which would zero g₁ and free coordinate 2; the large-gradient coordinate keeps absorbing every
 * SignGD step) and μ₂ = √λ₂/10 (the small coordinate, which can move only when |g₁| < |g₂|, i.e. when μ₁ sits within
 * about λ₂^{3/2}/λ₁ of √λ₁).
 */
export function signLowerBoundInstance(impl: Impl, kappa: number): { fp: FastProblem; x0: Mat<number> } {
  const s = Math.SQRT1_2;
  const Q = mat(2, 2, [s, s, s, -s]);
  const lambdas = [1, 1 / kappa];
  const p = impl.problems.mf(impl.float, { V: Q, lambdas }, 2);
  const mu1 = 1.7;
  const mu2 = Math.sqrt(lambdas[1]) / 10;
  const pp = (mu1 + mu2) / 2;
  const qq = (mu1 - mu2) / 2;
  return { fp: fastMf(p), x0: mat(2, 2, [pp, qq, qq, pp]) };
}
