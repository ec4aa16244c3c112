import fc, { type Arbitrary } from 'fast-check';
import { exactDecimalString, exactField } from '../../arith/exact.ts';
import type { Field } from '../../arith/field.ts';
import type { LinAlg } from '../../linalg/backend.ts';
import { mat, scale, type Mat } from '../../linalg/mat.ts';
import { haar } from '../../random/matrices.ts';
import { psdTarget } from '../../random/psd.ts';
import { rng } from '../../random/rng.ts';
import { SPECTRUM_PATTERNS, type SpectrumPattern } from '../../random/spectrum.ts';
import * as gen from '../../generators/index.ts';
import type { Impl } from '../../impl/impl.ts';

/*
 * Shared by A.T1a, A.T1b (and the Muon half of A.GD): a matrix-factorisation instance of A (5) as plain data, and one
 * simplified-Muon run (6) on it, in float64 (fast kernels) or at high decimal precision (the re-check of a float
 * failure). Every algorithm comes from the Impl, so planted bugs reach the runs.
 */

/** M* = V diag(λ) Vᵀ (d×d, rank r) and the initial direction O (d×k Haar), as plain numbers. */
export interface MfInstance {
  readonly d: number;
  readonly k: number;
  readonly r: number;
  readonly kappa: number;
  readonly pattern: SpectrumPattern;
  /** Seed the target and O were built from (they are stored too, so a pinned case does not depend on the builders). */
  readonly seed: number;
  readonly lambdas: readonly number[];
  readonly V: Mat<number>;
  /** Dense M*, exactly symmetric: what the high-precision re-check factorises. */
  readonly M: Mat<number>;
  /** d×k Haar: OOᵀ = I_d when k ≥ d, OᵀO = I_k when k < d. */
  readonly O: Mat<number>;
}

export function mfInstance(seed: number, d: number, k: number, r: number, kappa: number, pattern: SpectrumPattern): MfInstance {
  const R = rng(seed);
  const rank = Math.max(1, Math.min(r, d));
  const t = psdTarget(R.fork('target'), { d, r: rank, kappa: rank === 1 ? 1 : kappa, pattern });
  const O = haar(R.fork('O'), d, k);
  return { d, k, r: rank, kappa: t.kappa, pattern: t.pattern, seed, lambdas: t.lambdas, V: t.V, M: t.M, O };
}

export const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });
export const patternArb: Arbitrary<SpectrumPattern> = fc.constantFrom(...SPECTRUM_PATTERNS);
export { gen };

/** The prefactor: one draw C (Theorem 1(a)) or C_t = 1 + U_t with U_t from rng(cSeed) (Theorem 1(b), fresh per step). */
export type Prefactor = { readonly C: number } | { readonly cSeed: number };

export interface MuonRunSpec {
  readonly alpha: number;
  readonly rho: number;
  readonly prefactor: Prefactor;
  readonly steps: number;
}

export interface MuonRunResult {
  readonly status: string;
  readonly message?: string;
  /** ‖U_tU_tᵀ − M*‖ (spectral), t = 0 … steps. */
  readonly spectral: readonly number[];
  readonly lambdaMax: number;
  readonly steps: number;
}

/** C_t iid Unif(1, 2): 53-bit doubles, so the float and the decimal re-run see the same values. */
function prefactorOf(p: Prefactor): number | (() => number) {
  if ('C' in p) return p.C;
  const R = rng(p.cSeed);
  return () => 1 + R.uniform();
}

/** Simplified Muon (6), η_t = C_t√λ_max ρ^t, U₀ = αO, on backend `la` of field F. */
export function runMuonIn<T>(impl: Impl, F: Field<T>, inst: MfInstance, spec: MuonRunSpec): MuonRunResult {
  const la: LinAlg<T> = F.kind === 'float64' ? (impl.float as unknown as LinAlg<T>) : impl.over(F);
  const float = F.kind === 'float64';
  const toF = (A: Mat<number>): Mat<T> => mat(A.rows, A.cols, A.data.map((x) => F.of(float ? x : exactDecimalString(x))));
  // Decimal: V and O, orthonormal only to ~1e-16 in float, are re-orthonormalised at the working precision (a 40-digit
  // field rightly rejects the float V, and a dense float M* of rank r < d is not exactly PSD when read exactly), so
  // the re-run satisfies the hypotheses (M* = VΛVᵀ ⪰ 0, OOᵀ = I or OᵀO = I) to working precision, ~1e-16 from the float inputs.
  const V = float ? toF(inst.V) : orthonormalize(F, toF(inst.V));
  const O = float ? toF(inst.O) : orthonormalize(F, toF(inst.O));
  const problem = impl.problems.mf(la, { V, lambdas: inst.lambdas.map((l) => F.of(float ? l : exactDecimalString(l))) }, inst.k);
  const lambdaMax = problem.info.lambdaMax;
  const x0 = scale(F, F.of(spec.alpha), O);
  const tr = impl.run({
    problem,
    optimizer: impl.optimizers.muon(),
    schedule: impl.schedules.geo({ scale: Math.sqrt(lambdaMax), rho: spec.rho, C: prefactorOf(spec.prefactor) }),
    x0,
    steps: spec.steps,
    spectralErrors: true,
  });
  return { status: tr.status, ...(tr.message ? { message: tr.message } : {}), spectral: tr.spectralErrors ?? [], lambdaMax, steps: tr.steps };
}

export interface HighPrecisionRun extends MuonRunResult {
  readonly precision: number;
  /** max_t |‖·‖ at P − ‖·‖ at 2P|: msign needs square roots, so this is high precision with an estimated error, not exact. */
  readonly errorEstimate: number;
}

/** The same run at P and 2P decimal digits; returns the 2P values and their difference as the error estimate. */
export function runMuonHighPrecision(impl: Impl, inst: MfInstance, spec: MuonRunSpec, precision = 40): HighPrecisionRun {
  const lo = runMuonIn(impl, exactField(precision), inst, spec);
  const hi = runMuonIn(impl, exactField(2 * precision), inst, spec);
  let err = 0;
  for (let t = 0; t < Math.min(lo.spectral.length, hi.spectral.length); t++) err = Math.max(err, Math.abs(lo.spectral[t] - hi.spectral[t]));
  if (lo.spectral.length !== hi.spectral.length) err = Infinity;
  return { ...hi, precision, errorEstimate: err };
}

/** Decade bin of x ≥ 1 ("1–10", "10–100", …). */
export function decade(x: number, label = ''): string {
  const e = Math.floor(Math.log10(Math.max(1, x) * (1 + 1e-12)));
  return `${label}1e${e}–1e${e + 1}`;
}

/** Decade bin of a relative accuracy ε ∈ (0, 1]. */
export function epsDecade(eps: number): string {
  const e = Math.min(-1, Math.floor(Math.log10(eps)));
  return `1e${e}–1e${e + 1}`;
}

/**
 * Orthonormal columns (tall or square A) or rows (wide A) by modified Gram–Schmidt, run twice ("twice is enough",
 * Giraud et al. 2005): used only at high decimal precision on inputs already orthonormal to ~1e-16.
 */
export function orthonormalize<T>(F: Field<T>, A: Mat<T>): Mat<T> {
  const wide = A.cols > A.rows;
  const n = wide ? A.rows : A.cols; // number of vectors
  const len = wide ? A.cols : A.rows;
  const vecs: T[][] = [];
  for (let v = 0; v < n; v++) vecs.push(Array.from({ length: len }, (_, t) => (wide ? A.data[v * A.cols + t] : A.data[t * A.cols + v])));
  for (let pass = 0; pass < 2; pass++) {
    for (let v = 0; v < n; v++) {
      const x = vecs[v];
      for (let u = 0; u < v; u++) {
        const y = vecs[u];
        let dot = F.zero;
        for (let t = 0; t < len; t++) dot = F.add(dot, F.mul(x[t], y[t]));
        for (let t = 0; t < len; t++) x[t] = F.sub(x[t], F.mul(dot, y[t]));
      }
      let nn = F.zero;
      for (let t = 0; t < len; t++) nn = F.add(nn, F.mul(x[t], x[t]));
      const norm = F.sqrt(nn);
      for (let t = 0; t < len; t++) x[t] = F.div(x[t], norm);
    }
  }
  const data = new Array<T>(A.rows * A.cols);
  for (let v = 0; v < n; v++) for (let t = 0; t < len; t++) data[wide ? v * A.cols + t : t * A.cols + v] = vecs[v][t];
  return mat(A.rows, A.cols, data);
}
