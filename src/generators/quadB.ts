import fc, { type Arbitrary } from 'fast-check';
import { mat, type Mat } from '../linalg/mat.ts';
import { gaussian } from '../random/matrices.ts';
import { psdTarget } from '../random/psd.ts';
import { rng } from '../random/rng.ts';
import { SPECTRUM_PATTERNS, type SpectrumPattern } from '../random/spectrum.ts';
import { seed } from './dyadic.ts';

/*
 * Cases of paper B's quadratic P.quadB, f(W) = tr((W − W*)ᵀQ(W − W*)), Q ⪰ 0 (m×m), W ∈ ℝ^{m×n}.
 *
 * A case carries its matrices as plain numbers (so a counterexample is stored as a value) together with the spectrum
 * Q was built from: Q = B diag(λ) Bᵀ with B Haar (psdTarget), so L = 2λ_max and L_* = 2·Σ_{i≤min(m,n)} λ_i are known
 * independently of the eigen-solver that P.quadB's info uses.
 */

export interface QuadBCase {
  readonly m: number;
  readonly n: number;
  readonly rankQ: number;
  readonly kappa: number;
  readonly pattern: SpectrumPattern;
  readonly seed: number;
  /** Eigenvalues of Q, descending, length m (zeros past rankQ). */
  readonly lambdas: readonly number[];
  /** The m×m orthogonal basis of Q's eigenvectors (columns, same order as lambdas). */
  readonly basis: Mat<number>;
  readonly Q: Mat<number>;
  readonly Wstar: Mat<number>;
  readonly W0: Mat<number>;
}

export interface QuadBOptions {
  readonly mMax?: number;
  readonly nMax?: number;
  /** Largest κ(Q) on Q's nonzero eigenvalues. */
  readonly kappaMax?: number;
  /** Restrict Q's rank: 'any' (1…m), 'full' (m). */
  readonly rank?: 'any' | 'full';
}

/** The case of a seed: Q of rank rankQ and condition κ (1 for rank 1), W* Gaussian, W0 = W* + w0Scale·Gaussian. */
export function buildQuadB(m: number, n: number, rankQ: number, kappa: number, pattern: SpectrumPattern, lambdaMax: number, w0Scale: number, seedValue: number): QuadBCase {
  const r = rng(seedValue);
  const k = rankQ === 1 ? 1 : kappa;
  const P = psdTarget(r.fork('Q'), { d: m, r: rankQ, kappa: k, lambdaMax, pattern });
  const lambdas = [...P.lambdas, ...new Array<number>(m - rankQ).fill(0)];
  const Wstar = gaussian(r.fork('Wstar'), m, n);
  const G0 = gaussian(r.fork('W0'), m, n);
  const W0 = mat(m, n, G0.data.map((x, i) => Wstar.data[i] + w0Scale * x));
  return { m, n, rankQ, kappa: k, pattern, seed: seedValue, lambdas, basis: P.basis, Q: P.M, Wstar, W0 };
}

export function quadBArbitrary(o: QuadBOptions = {}): Arbitrary<QuadBCase> {
  const mMax = o.mMax ?? 5;
  const nMax = o.nMax ?? 5;
  return fc
    .record({
      m: fc.integer({ min: 1, max: mMax }),
      n: fc.integer({ min: 1, max: nMax }),
      rankFrac: fc.integer({ min: 0, max: 1000 }),
      logKappa: fc.integer({ min: 0, max: 1000 }),
      pattern: fc.constantFrom(...SPECTRUM_PATTERNS),
      logLambda: fc.integer({ min: -1000, max: 1000 }),
      logScale: fc.integer({ min: -1000, max: 1000 }),
      seed,
    })
    .map(({ m, n, rankFrac, logKappa, pattern, logLambda, logScale, seed: s }) => {
      const rankQ = o.rank === 'full' ? m : 1 + Math.round((rankFrac / 1000) * (m - 1));
      const kappa = Math.exp((logKappa / 1000) * Math.log(o.kappaMax ?? 1e3));
      // λ_max ∈ [1e-2, 1e2] and ‖W0 − W*‖ scale ∈ [1e-2, 1e2] (log-uniform): the claims are scale-free, the float
      // tolerances are written relative to the scales.
      return buildQuadB(m, n, rankQ, kappa, pattern, 10 ** (2 * logLambda / 1000), 10 ** (2 * logScale / 1000), s);
    });
}

/** ‖W0 − W*‖ scale of a case, recovered from its seed (the Gaussian direction it was drawn with). */
function w0ScaleOf(c: QuadBCase): number {
  const G0 = gaussian(rng(c.seed).fork('W0'), c.m, c.n);
  let num = 0;
  let den = 0;
  for (let i = 0; i < G0.data.length; i++) {
    num += (c.W0.data[i]! - c.Wstar.data[i]!) ** 2;
    den += G0.data[i]! ** 2;
  }
  return den === 0 ? 1 : Math.sqrt(num / den);
}

/**
 * The search space of a P.quadB case for the target phase (src/claims/phases/target.ts): ln κ, ln λ_max and ln of the
 * ‖W0 − W*‖ scale, inside the generator's ranges (κ ∈ [1, kappaMax], λ_max and the scale in [1e-2, 1e2]); the shape,
 * rank, spectrum pattern and seed (the frames) stay. `extra` adds a claim's own parameters after those three.
 */
export function quadBSearch<C extends QuadBCase>(
  kappaMax: number,
  extra?: { params(c: C): readonly number[]; withParams(c: C, x: readonly number[]): Partial<C> | undefined },
): { params(c: C): readonly number[]; withParams(c: C, x: readonly number[]): C | undefined } {
  return {
    params: (c) => [Math.log(c.kappa), Math.log(c.lambdas[0]!), Math.log(w0ScaleOf(c)), ...(extra?.params(c) ?? [])],
    withParams(c, [lk, ll, ls, ...rest]) {
      const kappa = Math.exp(lk!);
      const lambdaMax = Math.exp(ll!);
      const scale = Math.exp(ls!);
      if (!(kappa >= 1 && kappa <= kappaMax) || !(lambdaMax >= 1e-2 && lambdaMax <= 1e2) || !(scale >= 1e-2 && scale <= 1e2)) return undefined;
      const more = extra ? extra.withParams(c, rest) : {};
      if (more === undefined) return undefined;
      return { ...c, ...buildQuadB(c.m, c.n, c.rankQ, kappa, c.pattern, lambdaMax, scale, c.seed), ...more };
    },
  };
}
