import { mat, type Mat } from '../linalg/mat.ts';
import { positiveInt } from './matrices.ts';
import { rng, type Rng } from './rng.ts';

/*
 * Seeded minibatch gradient noise for stochastic Muon (paper B, Algorithm 1: G_t = ∇f(W_t) + ξ_t with ξ_t the mean of
 * B independent per-sample errors, each of mean 0 and E‖ξ_i‖_F² = σ², so E ξ_t = 0 and E‖ξ_t‖_F² = σ²/B).
 *
 * Per-sample laws (all with E‖ξ_i‖_F² = σ² exactly):
 *  - 'gaussian': ξ_i has iid N(0, σ²/(mn)) entries. The mean of B such draws is exactly N(0, σ²/(Bmn)) entrywise, so
 *    it is drawn in one go (same law, B times cheaper);
 *  - 'skewed': ξ_i = σ·s_i·P with P a fixed unit-Frobenius direction (drawn once from the stream) and s_i two-point,
 *    s = a with probability p, −b otherwise, pa = (1 − p)b (mean 0) and pa² + (1 − p)b² = 1 (variance 1):
 *    a = √((1 − p)/p), b = √(p/(1 − p)); p = 0.1 gives a = 3, b = 1/3. Zero mean, but its median is −b: the noise a
 *    sign-like step without averaging follows (SignSGD's failure under skewed noise). The B draws are summed one by
 *    one (the minibatch mean, literally);
 *  - 'biased' (a hypothesis dropped, for probes): 'gaussian' plus the constant σ·μ·P, so E ξ = σμP ≠ 0.
 *
 * Reproducible: a source is a function of (seed, law, σ, B, shape) only; draw t is the t-th matrix of the stream.
 */

export type NoiseKind = 'gaussian' | 'skewed' | 'biased';

export interface NoiseSpec {
  readonly kind: NoiseKind;
  /** Per-sample noise level: E‖ξ_i‖_F² = σ² (≥ 0; σ = 0 is the deterministic oracle). */
  readonly sigma: number;
  /** Batch size B ≥ 1: ξ_t is the mean of B per-sample draws, E‖ξ_t‖_F² = σ²/B. */
  readonly batch: number;
  /** 'skewed': P(s = a), default 0.1. */
  readonly p?: number;
  /** 'biased': the mean is σ·mu·P (‖E ξ‖_F = σ·mu), default 1. */
  readonly mu?: number;
}

export const SKEW_P = 0.1;

/** The skewed two-point law's values: s = a w.p. p, −b w.p. 1 − p; mean 0, variance 1. */
export function twoPoint(p: number): { a: number; b: number } {
  if (!(p > 0 && p < 1)) throw new RangeError(`twoPoint: p must be in (0, 1), got ${p}`);
  return { a: Math.sqrt((1 - p) / p), b: Math.sqrt(p / (1 - p)) };
}

/** E ξ_t of a source: 0 unless 'biased'. */
export function noiseMean(spec: NoiseSpec, direction: Mat<number>): Mat<number> {
  const c = spec.kind === 'biased' ? spec.sigma * (spec.mu ?? 1) : 0;
  return mat(direction.rows, direction.cols, direction.data.map((x) => c * x));
}

export interface NoiseSource {
  readonly spec: NoiseSpec;
  /** The fixed unit-Frobenius direction P of 'skewed' and 'biased' (drawn for every law, so streams line up). */
  readonly direction: Mat<number>;
  /** ξ_t, the next minibatch mean. */
  next(): Mat<number>;
}

function validate(spec: NoiseSpec): void {
  if (!(spec.sigma >= 0) || !Number.isFinite(spec.sigma)) throw new RangeError(`noise: σ must be a finite number ≥ 0, got ${spec.sigma}`);
  positiveInt('noise', 'batch', spec.batch);
  if (spec.kind !== 'gaussian' && spec.kind !== 'skewed' && spec.kind !== 'biased') throw new RangeError(`noise: unknown kind '${String(spec.kind)}'`);
}

/** A seeded minibatch noise source for rows×cols gradients. */
export function minibatchNoise(spec: NoiseSpec, seed: number | string | Rng, rows: number, cols: number): NoiseSource {
  validate(spec);
  positiveInt('noise', 'rows', rows);
  positiveInt('noise', 'cols', cols);
  const R = typeof seed === 'object' ? seed : rng(seed);
  const dirStream = R.fork('direction');
  const draws = R.fork('draws');
  const mn = rows * cols;
  const raw = Array.from({ length: mn }, () => dirStream.normal());
  const norm = Math.hypot(...raw);
  const direction = mat(rows, cols, raw.map((x) => x / norm));
  const { sigma, batch } = spec;
  const entrySd = sigma / Math.sqrt(batch * mn);
  const mean = noiseMean(spec, direction);
  const { a, b } = twoPoint(spec.p ?? SKEW_P);
  const p = spec.p ?? SKEW_P;
  const next = (): Mat<number> => {
    if (spec.kind === 'skewed') {
      let s = 0;
      for (let i = 0; i < batch; i++) s += draws.uniform() < p ? a : -b;
      const c = (sigma * s) / batch;
      return mat(rows, cols, direction.data.map((x) => c * x));
    }
    const data = new Array<number>(mn);
    for (let i = 0; i < mn; i++) data[i] = mean.data[i] + entrySd * draws.normal();
    return mat(rows, cols, data);
  };
  return { spec, direction, next };
}
