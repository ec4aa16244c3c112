import { float64 } from '../arith/float64.ts';
import { buildQuadB, type QuadBCase } from '../generators/quadB.ts';
import type { Impl } from '../impl/impl.ts';
import type { LinAlg } from '../linalg/backend.ts';
import { fastFloat } from '../linalg/fast/index.ts';
import { inner, mat, type Mat } from '../linalg/mat.ts';
import { nuclear } from '../linalg/norms.ts';
import { withGradientNoise } from '../problems/stochastic.ts';
import { minibatchNoise, type NoiseSpec } from '../random/noise.ts';
import { loop, onQuadB } from './quadB.ts';

/*
 * Stochastic Muon (paper B, Algorithm 1) on P.quadB, and the Monte Carlo statistics its claims (B.S41, B.C42) and its
 * reproduction (reproduce B.C42) share.
 *
 * A run: G_t = ∇f(W_t) + ξ_t (src/random/noise.ts through the problem wrapper src/problems/stochastic.ts), the EMA
 * momentum M_t = βM_{t−1} + (1 − β)G_t and W_{t+1} = W_t − η msign(M_t) — O.muonM of the implementation under test
 * (src/optimizers/muon.ts, β = 0 is M_t = G_t) — for T steps, with η and β chosen for the horizon T:
 *   η = √(Δ/L_*)·T^{−3/4},  1 − β = T^{−1/2}   (the standard choice that gives ε⁻⁴; not in the seeds).
 * Measured: X = (1/T)Σ_{t<T}‖∇f(W_t)‖_* (true gradients), and the pieces of the pathwise bound (pathwise below).
 *
 * Confidence intervals: a t-interval on the mean of X over independent noise seeds (the instance is fixed). Why t and
 * not a bootstrap: each X is itself an average over T steps, so its law is close to normal and the t-interval is
 * accurate already at n = 8; a percentile bootstrap at n ≈ 8–16 under-covers (it ignores the t quantile and its
 * spread is biased by √((n − 1)/n)). Rates: the least-squares slope of log(mean X) against log T, with the delta
 * method's standard error (Var log X̄ ≈ s²/(n X̄²)) and a t quantile with min n − 1 degrees of freedom.
 * test/cases/stochastic.test.ts checks the quantiles against tables and the coverage of both intervals on synthetic
 * data.
 */

/* ---------------------------------------------------------------- statistics */

/** log Γ(x), x > 0 (Lanczos, g = 7, 9 terms: ~1e-15 relative). */
export function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let s = c[0];
  for (let i = 1; i < 9; i++) s += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** The continued fraction of the incomplete beta function (Lentz; Numerical Recipes' betacf). */
function betaCf(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lbt = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lbt) * betaCf(a, b, x)) / a;
  return 1 - (Math.exp(lbt) * betaCf(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with df degrees of freedom. */
export function studentCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t with df degrees of freedom (bisection on the cdf, to 1e-12). */
export function studentQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentQuantile: p must be in (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`studentQuantile: df must be > 0, got ${df}`);
  if (p < 0.5) return -studentQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (studentCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface MeanCI {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1). */
  readonly sd: number;
  /** Standard error sd/√n. */
  readonly se: number;
  /** One-sided (1 − α) lower and upper limits: together a two-sided 1 − 2α interval. */
  readonly lo: number;
  readonly hi: number;
  readonly alpha: number;
}

/** The t-interval of the mean of xs at one-sided level 1 − α each side (n = 1 or zero spread: the point itself). */
export function meanCI(xs: readonly number[], alpha: number): MeanCI {
  const n = xs.length;
  if (n === 0) throw new RangeError('meanCI: no samples');
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const se = sd / Math.sqrt(n);
  const q = se > 0 ? studentQuantile(1 - alpha, n - 1) : 0;
  return { n, mean, sd, se, lo: mean - q * se, hi: mean + q * se, alpha };
}

export interface SlopeCI {
  readonly slope: number;
  readonly se: number;
  readonly lo: number;
  readonly hi: number;
  readonly df: number;
  readonly alpha: number;
}

/**
 * The least-squares slope of log(mean) against log(x) over groups of samples (one group per x), with one-sided
 * (1 − α) limits from the delta method: Var log X̄_i ≈ s_i²/(n_i X̄_i²), slope = Σ w_i log X̄_i with
 * w_i = (u_i − ū)/Σ(u − ū)², u = log x, so Var slope = Σ w_i² Var log X̄_i; t quantile with min n_i − 1 df.
 */
export function logSlopeCI(xs: readonly number[], groups: readonly (readonly number[])[], alpha: number): SlopeCI {
  if (xs.length !== groups.length || xs.length < 2) throw new RangeError('logSlopeCI: need ≥ 2 groups, one per x');
  const u = xs.map(Math.log);
  const cis = groups.map((g) => meanCI(g, alpha));
  if (cis.some((c) => !(c.mean > 0))) throw new RangeError('logSlopeCI: every group mean must be > 0');
  const y = cis.map((c) => Math.log(c.mean));
  const ub = u.reduce((a, b) => a + b, 0) / u.length;
  const sxx = u.reduce((a, x) => a + (x - ub) ** 2, 0);
  const w = u.map((x) => (x - ub) / sxx);
  const slope = w.reduce((a, wi, i) => a + wi * y[i], 0);
  const se = Math.sqrt(w.reduce((a, wi, i) => a + wi * wi * (cis[i].se / cis[i].mean) ** 2, 0));
  const df = Math.min(...cis.map((c) => c.n)) - 1;
  const q = se > 0 && df > 0 ? studentQuantile(1 - alpha, df) : 0;
  return { slope, se, lo: slope - q * se, hi: slope + q * se, df, alpha };
}

/** log(mean a/mean b) with one-sided (1 − α) limits (delta method, Welch's variance, t with min n − 1 df). */
export function logRatioCI(a: readonly number[], b: readonly number[], alpha: number): SlopeCI {
  const A = meanCI(a, alpha);
  const B = meanCI(b, alpha);
  const value = Math.log(A.mean / B.mean);
  const se = Math.sqrt((A.se / A.mean) ** 2 + (B.se / B.mean) ** 2);
  const df = Math.min(A.n, B.n) - 1;
  const q = se > 0 && df > 0 ? studentQuantile(1 - alpha, df) : 0;
  return { slope: value, se, lo: value - q * se, hi: value + q * se, df, alpha };
}

/* ---------------------------------------------------------------- runs */

/** η = √(Δ/L_*)·T^{−3/4} and 1 − β = T^{−1/2} (β = 0 for the no-momentum rule). */
export type BetaRule = 'momentum' | 'none' | { readonly constant: number };

export function stepFor(delta: number, Lstar: number, T: number): number {
  return Math.sqrt(delta / Lstar) * T ** -0.75;
}

export function betaFor(rule: BetaRule, T: number): number {
  if (rule === 'none') return 0;
  if (rule === 'momentum') return 1 - T ** -0.5;
  return rule.constant;
}

/** ‖A‖_* of a float matrix, measured with the reference float backend (not the implementation under test). */
function nuclearNorm<T>(la: LinAlg<T>, A: Mat<T>): number {
  const F = la.F;
  if (F.kind === 'float64') {
    const X = A as unknown as Mat<number>;
    return inner(float64, X, fastFloat.msign(X)); // ⟨A, msign A⟩ = Σσ_i
  }
  return F.toNumber(nuclear(F, A));
}

export interface StochasticRun {
  readonly status: 'completed' | 'nonfinite';
  readonly T: number;
  readonly eta: number;
  readonly beta: number;
  /** X = (1/T)Σ_{t<T}‖∇f(W_t)‖_*. */
  readonly avgGrad: number;
  /** (1/T)Σ_{t<T}‖N_t‖_*, N_t = (1 − β)Σ_{s≤t}β^{t−s}ξ_s the momentum's noise part (realised). */
  readonly avgNoise: number;
  /** The pathwise bound's right side (pathwiseRhs). */
  readonly pathwise: number;
  /** f(W_T) − f*. */
  readonly finalLoss: number;
}

export interface Instance {
  /** Δ = f(W_0) − f*. */
  readonly delta: number;
  readonly L: number;
  readonly Lstar: number;
  readonly r: number;
  /** ‖∇f(W_0)‖_*, ‖∇f(W_0)‖_F. */
  readonly grad0: number;
  readonly grad0F: number;
}

export function instanceOf<T>(k: { readonly impl: Impl; readonly la: LinAlg<T> }, c: QuadBCase): Instance {
  const { p, W0, L, Lstar, r } = onQuadB(k, c);
  const F = k.la.F;
  const g0 = p.grad(W0);
  const grad0F = Math.sqrt(g0.data.reduce((a, x) => a + F.toNumber(x) ** 2, 0));
  return { delta: F.toNumber(p.loss(W0)), L, Lstar, r, grad0: nuclearNorm(k.la, g0), grad0F };
}

/**
 * The pathwise bound (B.S41, derived from B.descent and the momentum recursion; every run, no expectation):
 *   (1/T)Σ‖∇f_t‖_* ≤ Δ/(ηT) + L_*η/2 + 2βL_*η/(1 − β) + 2β‖∇f_0‖_{*}/((1 − β)T) + (2/T)Σ‖N_t‖_*.
 * Proof: f(W_{t+1}) ≤ f(W_t) − η⟨∇f_t, msign M_t⟩ + L_*η²/2 and ⟨∇f, msign M⟩ ≥ ‖∇f‖_* − 2‖M − ∇f‖_*; the error
 * E_t = M_t − ∇f_t = Σ_{s≤t}β^{t−s}[β(∇f_{s−1} − ∇f_s) + (1 − β)ξ_s] (∇f_{−1} := 0), with
 * ‖∇f_{s−1} − ∇f_s‖_* ≤ L_*η (spectral smoothness) and Σ_t β^{t+1} ≤ β/(1 − β).
 */
export function pathwiseRhs(I: Instance, T: number, eta: number, beta: number, avgNoise: number): number {
  const lag = beta === 0 ? 0 : beta / (1 - beta);
  return I.delta / (eta * T) + (I.Lstar * eta) / 2 + 2 * lag * I.Lstar * eta + (2 * lag * I.grad0) / T + 2 * avgNoise;
}

/**
 * The expected bound (B.S41, spectral smoothness): E‖N_t‖_* ≤ √r·E‖N_t‖_F ≤ √r·√((1 − β)/(1 + β))·σ/√B for
 * independent unbiased ξ_s with E‖ξ_s‖_F² ≤ σ²/B, so
 *   E[(1/T)Σ‖∇f_t‖_*] ≤ Δ/(ηT) + L_*η/2 + 2βL_*η/(1 − β) + 2β‖∇f_0‖_{*}/((1 − β)T) + 2√r√((1 − β)/(1 + β))σ/√B.
 * With Frobenius smoothness (L) the same holds with L_* replaced by rL (‖ΔW‖_F² ≤ r‖ΔW‖², ‖∇f − ∇f′‖_* ≤ rL‖ΔW‖).
 */
export function noiseTerm(r: number, beta: number, sigma: number, batch: number): number {
  return Math.sqrt(r) * Math.sqrt((1 - beta) / (1 + beta)) * (sigma / Math.sqrt(batch));
}

export function expectedRhs(I: Instance, T: number, eta: number, beta: number, noise: NoiseSpec, smoothness: 'spectral' | 'frobenius' = 'spectral'): number {
  const J = smoothness === 'spectral' ? I : { ...I, Lstar: I.r * I.L };
  return pathwiseRhs(J, T, eta, beta, noiseTerm(I.r, beta, noise.sigma, noise.batch));
}

/** One run of stochastic Muon on the case, horizon T, noise from `noiseSeed`. */
export function stochasticRun<T>(k: { readonly impl: Impl; readonly la: LinAlg<T> }, c: QuadBCase, I: Instance, T: number, rule: BetaRule, noise: NoiseSpec, noiseSeed: string, horizon = T): StochasticRun {
  const { p, W0 } = onQuadB(k, c);
  const F = k.la.F;
  const eta = stepFor(I.delta, I.Lstar, horizon);
  const beta = betaFor(rule, horizon);
  const src = minibatchNoise(noise, noiseSeed, c.m, c.n);
  const noisy = withGradientNoise<T, typeof p>(p, src.next);
  const opt = k.impl.optimizers.muon({ momentum: { form: 'ema', beta } });
  const etaT = F.of(eta);
  const run = loop(noisy, opt, W0, T, () => etaT);
  const empty = { T, eta, beta, avgGrad: NaN, avgNoise: NaN, pathwise: NaN, finalLoss: NaN };
  if (run.status !== 'completed') return { status: 'nonfinite', ...empty };
  let sumGrad = 0;
  let sumNoise = 0;
  let N = new Array<number>(c.m * c.n).fill(0);
  for (let t = 0; t < T; t++) {
    sumGrad += nuclearNorm(k.la, p.grad(run.W[t]));
    const xi = noisy.drawn[t].data;
    N = N.map((x, i) => beta * x + (1 - beta) * xi[i]);
    sumNoise += noise.sigma === 0 ? 0 : nuclearNorm(fastFloat, mat(c.m, c.n, N));
  }
  const avgGrad = sumGrad / T;
  const avgNoise = sumNoise / T;
  return { status: 'completed', T, eta, beta, avgGrad, avgNoise, pathwise: pathwiseRhs(I, T, eta, beta, avgNoise), finalLoss: F.toNumber(run.losses[T]) };
}

export interface McPoint {
  readonly T: number;
  readonly eta: number;
  readonly beta: number;
  readonly runs: readonly StochasticRun[];
  /** X per run. */
  readonly samples: readonly number[];
  readonly noiseSamples: readonly number[];
  readonly ci: MeanCI;
  readonly noiseCi: MeanCI;
  /** The expected bound (spectral smoothness). */
  readonly expected: number;
  readonly expectedFrobenius: number;
}

export interface McSpec {
  readonly Ts: readonly number[];
  /** Independent noise seeds per T (σ = 0: one run, the oracle is deterministic). */
  readonly seeds: number;
  readonly rule: BetaRule;
  readonly noise: NoiseSpec;
  /** Seeds are `${base}/T/i`: independent across T and i. */
  readonly base: string;
  /** One-sided level of every interval. */
  readonly alpha: number;
  /** η and β chosen for this horizon at every T instead of for T itself (a probe: the horizon-tuned choice dropped). */
  readonly fixedHorizon?: number;
}

/** Monte Carlo over independent noise seeds at each horizon T. */
export function monteCarlo<T>(k: { readonly impl: Impl; readonly la: LinAlg<T> }, c: QuadBCase, spec: McSpec, I: Instance = instanceOf(k, c)): McPoint[] {
  const n = spec.noise.sigma === 0 ? 1 : spec.seeds;
  return spec.Ts.map((T) => {
    const runs = Array.from({ length: n }, (_, i) => stochasticRun(k, c, I, T, spec.rule, spec.noise, `${spec.base}/${T}/${i}`, spec.fixedHorizon ?? T));
    const samples = runs.map((r) => r.avgGrad);
    const noiseSamples = runs.map((r) => r.avgNoise);
    const eta = runs[0].eta;
    const beta = runs[0].beta;
    return {
      T,
      eta,
      beta,
      runs,
      samples,
      noiseSamples,
      ci: meanCI(samples, spec.alpha),
      noiseCi: meanCI(noiseSamples, spec.alpha),
      expected: expectedRhs(I, T, eta, beta, spec.noise),
      expectedFrobenius: expectedRhs(I, T, eta, beta, spec.noise, 'frobenius'),
    };
  });
}

/** The rate in T: the slope of log E X against log T with its interval. */
export function rateInT(points: readonly McPoint[], alpha: number): SlopeCI {
  return logSlopeCI(
    points.map((p) => p.T),
    points.map((p) => p.samples),
    alpha,
  );
}

/**
 * The r-sweep's instance: P.quadB with Q = I_r (r×r, so L = 2, L_* = 2r) and W_0 = W* + a unit-Frobenius Gaussian
 * direction (Δ = 1, ‖∇f(W_0)‖_F = 2): only r moves between the points of a sweep.
 */
export function identityCase(r: number, seed: number): QuadBCase {
  const c = buildQuadB(r, r, r, 1, 'uniform', 1, 1, seed);
  const D = c.W0.data.map((x, i) => x - c.Wstar.data[i]);
  const nrm = Math.hypot(...D);
  const Q = mat(r, r, Array.from({ length: r * r }, (_, i) => (i % (r + 1) === 0 ? 1 : 0)));
  return { ...c, lambdas: new Array<number>(r).fill(1), basis: Q, Q, W0: mat(r, r, c.Wstar.data.map((x, i) => x + D[i] / nrm)) };
}
