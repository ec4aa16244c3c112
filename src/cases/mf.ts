import { exactDecimalString, exactField } from '../arith/exact.ts';
import type { Field } from '../arith/field.ts';
import { float64 } from '../arith/float64.ts';
import type { LinAlg } from '../linalg/backend.ts';
import { orthonormalize } from '../linalg/gram-schmidt.ts';
import { spectral as spectralNorm } from '../linalg/norms.ts';
import { mat, scale, zeros, type Mat } from '../linalg/mat.ts';
import type { Problem } from '../problems/problem.ts';
import { haar } from '../random/matrices.ts';
import { psdTarget } from '../random/psd.ts';
import { rng } from '../random/rng.ts';
import type { SpectrumPattern } from '../random/spectrum.ts';
import type { Impl } from '../impl/impl.ts';

/*
 * The matrix-factorisation cases of paper A (5): an instance as plain data, one simplified-Muon run (6) on it — in
 * float64 (fast kernels) or at high decimal precision (the re-check of a float failure) — shared by Theorem 1(a) and
 * 1(b) (A.T1a, A.T1b); and the κ sweeps of the GD comparison (A.GD) on MF and ICL. Every algorithm comes from the
 * Impl, so planted bugs reach the runs.
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

/** The instance's parameters without its matrices: what a probe's summary prints. */
export function mfParams<C extends MfInstance>(c: C): Omit<C, 'V' | 'M' | 'O'> {
  const { V: _V, M: _M, O: _O, ...rest } = c;
  return rest;
}

/**
 * The theorem's own randomness at a fixed instance: n draws of the frame O (Haar on O^{d×k}) and of the seed of the
 * C_t stream, from one named stream — what "with probability ≥ 0.99" of Theorem 1(b) is over once M* is fixed.
 */
export function frameDraws(stream: string, n: number, d: number, k: number): { readonly oSeed: number; readonly cSeed: number; readonly O: Mat<number> }[] {
  const R = rng(stream);
  const out: { oSeed: number; cSeed: number; O: Mat<number> }[] = [];
  for (let i = 0; i < n; i++) {
    const oSeed = Math.floor(R.uniform() * 2 ** 31);
    const cSeed = Math.floor(R.uniform() * 2 ** 31);
    out.push({ oSeed, cSeed, O: haar(rng(oSeed), d, k) });
  }
  return out;
}

/** The prefactor: one draw C (Theorem 1(a)) or C_t = 1 + U_t with U_t from rng(cSeed) (Theorem 1(b), fresh per step). */
export type Prefactor = { readonly C: number } | { readonly cSeed: number };

export interface MuonRunSpec {
  readonly alpha: number;
  readonly rho: number;
  readonly prefactor: Prefactor;
  readonly steps: number;
  /**
   * Record ‖U_tU_tᵀ − M*‖ only at t ≡ 0 (mod spectralEvery) and at t = steps (default 1: at every step). The
   * spectral norm is an SVD of the d×d residual per recorded step — 90 % of a float run at d = 50 — while the
   * iterates are the same whatever is recorded; `spectralSteps` of the result lists the steps recorded.
   */
  readonly spectralEvery?: number;
}

export interface MuonRunResult {
  readonly status: string;
  readonly message?: string;
  /** ‖U_tU_tᵀ − M*‖ (spectral), t = 0 … steps (or at the `spectralSteps` only). */
  readonly spectral: readonly number[];
  /** With spectralEvery > 1: the steps t at which `spectral` was recorded (0, every, 2·every, …, the last step). */
  readonly spectralSteps?: readonly number[];
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
  const every = spec.spectralEvery ?? 1;
  if (!(Number.isInteger(every) && every >= 1)) throw new RangeError(`runMuonIn: spectralEvery must be an integer ≥ 1, got ${every}`);
  const schedule = impl.schedules.geo({ scale: Math.sqrt(lambdaMax), rho: spec.rho, C: prefactorOf(spec.prefactor) });
  if (every === 1) {
    const tr = impl.run({ problem, optimizer: impl.optimizers.muon(), schedule, x0, steps: spec.steps, spectralErrors: true });
    return { status: tr.status, ...(tr.message ? { message: tr.message } : {}), spectral: tr.spectralErrors ?? [], lambdaMax, steps: tr.steps };
  }
  // The same iterates, kept every `every` steps; the spectral norm (the same function run() uses) only at those.
  const tr = impl.run({ problem, optimizer: impl.optimizers.muon(), schedule, x0, steps: spec.steps, keepIterates: every, residualNorms: false });
  const kept = [...(tr.iterates ?? [])];
  if (kept[kept.length - 1]?.t !== tr.steps) kept.push({ t: tr.steps, X: tr.final });
  const spectral = kept.map(({ X }) => F.toNumber(spectralNorm(F, problem.residual(X))));
  return { status: tr.status, ...(tr.message ? { message: tr.message } : {}), spectral, spectralSteps: kept.map(({ t }) => t), lambdaMax, steps: tr.steps };
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

export interface MuonErrors extends MuonRunResult {
  /** 0 in float64; at high precision, max_t |‖·‖ at P − ‖·‖ at 2P| (see runMuonHighPrecision). */
  readonly errorEstimate: number;
  /** The high-precision run's exactness record (absent in float64). */
  readonly exactness?: { readonly exact: false; readonly precision: number; readonly errorEstimate: string };
}

/**
 * The run of (6) in a check's field. float64: once, on the fast kernels. A decimal field at P digits: at P and at 2P
 * (msign needs square roots, so no decimal run is exact), the 2P values with |P − 2P| as their error estimate — what
 * a claim's bounds then allow as tolerance.
 */
export function runMuonField<T>(impl: Impl, F: Field<T>, inst: MfInstance, spec: MuonRunSpec): MuonErrors {
  if (F.kind === 'float64') return { ...runMuonIn(impl, F, inst, spec), errorEstimate: 0 };
  const hp = runMuonHighPrecision(impl, inst, spec, F.precision);
  return { ...hp, exactness: { exact: false, precision: 2 * F.precision, errorEstimate: String(hp.errorEstimate) } };
}

/*
 * κ sweeps (A.GD): iteration counts to ε of GD with its best constant step and of Muon, for one instance family at
 * each κ of a sweep, float64 only (counts to ε ≫ u·κ³ do not depend on rounding).
 */

/**
 * GD with the best constant step of a grid: the first t with ‖residual‖_F ≤ target, and the grid value s (η = eta(s))
 * that gave it; each run after the first is capped at the best count so far. null when no step reached the target.
 */
export function gdBestCount(impl: Impl, problem: Problem<number>, x0: Mat<number>, o: { readonly grid: readonly number[]; readonly eta: (s: number) => number; readonly cap: number; readonly target: number }): { count: number | null; step: number | null } {
  let count: number | null = null;
  let step: number | null = null;
  for (const s of o.grid) {
    const steps: number = count ?? o.cap;
    const tr = impl.run({ problem, optimizer: impl.optimizers.gd, schedule: impl.schedules.constant(o.eta(s)), x0, steps, stopBelow: o.target });
    if (tr.status === 'converged' && (count === null || tr.steps < count)) {
      count = tr.steps;
      step = s;
    }
  }
  return { count, step };
}

export interface MfSweepSpec {
  readonly seed: number;
  readonly d: number;
  /** k = r: exactly parameterised. */
  readonly r: number;
  readonly kappas: readonly number[];
  /** ε/λ_max, the same at every κ. */
  readonly epsRel: number;
  /** U₀ = α√λ_max·O, for GD and Muon alike. */
  readonly alpha: number;
  /** GD: η = s/λ_max for s in the grid, capped at cap(κ) steps. */
  readonly gd: { readonly grid: readonly number[]; readonly cap: (kappa: number) => number };
  /** Muon: η_t = C√λ_max ρ^t, run for at most `steps`. */
  readonly muon: { readonly C: number; readonly rho: number; readonly steps: number };
}

export interface SweepCounts {
  readonly kappas: number[];
  /** GD's count at each κ (null: not within its cap) and the grid value of its best step. */
  readonly gd: (number | null)[];
  readonly gdStep: (number | null)[];
}

/**
 * The MF sweep: M* with a geometric spectrum λ_max = 1 … 1/κ, the same eigenvectors and O at every κ (mfInstance
 * forks them from the seed); counts are first t with ‖U_tU_tᵀ − M*‖_F ≤ ε (Muon: null when not within its steps).
 */
export function mfSweep(impl: Impl, s: MfSweepSpec): SweepCounts & { muon: (number | null)[] } {
  const gd: (number | null)[] = [];
  const gdStep: (number | null)[] = [];
  const muon: (number | null)[] = [];
  for (const kappa of s.kappas) {
    const inst = mfInstance(s.seed, s.d, s.r, s.r, kappa, 'geometric');
    const problem = impl.problems.mf(impl.float, { V: inst.V, lambdas: inst.lambdas }, inst.k);
    const lmax = problem.info.lambdaMax;
    const x0 = scale(float64, s.alpha * Math.sqrt(lmax), inst.O);
    const target = s.epsRel * lmax;
    const g = gdBestCount(impl, problem, x0, { grid: s.gd.grid, eta: (x) => x / lmax, cap: s.gd.cap(kappa), target });
    gd.push(g.count);
    gdStep.push(g.step);
    const mu = impl.run({ problem, optimizer: impl.optimizers.muon(), schedule: impl.schedules.geo({ scale: Math.sqrt(lmax), rho: s.muon.rho, C: s.muon.C }), x0, steps: s.muon.steps, stopBelow: target });
    muon.push(mu.status === 'converged' ? mu.steps : null);
  }
  return { kappas: [...s.kappas], gd, gdStep, muon };
}

export interface IclSweepSpec {
  readonly seed: number;
  readonly d: number;
  readonly kappas: readonly number[];
  /** The accuracy relative to ‖Σ⁻¹‖ = 1/λ_min: the target is ‖W_t − Σ⁻¹‖_F ≤ eps/λ_min. */
  readonly eps: number;
  /** GD from W₀ = 0: η = c/λ_max³ for c in the grid, capped at cap(κ) steps. */
  readonly gd: { readonly grid: readonly number[]; readonly cap: (kappa: number) => number };
  /** Muon from W₀ = 0: η_t = Cρ^t for `steps` steps, given Σ's extreme eigenvalues and ε. */
  readonly muon: (s: { readonly lambdaMin: number; readonly lambdaMax: number; readonly target: number }) => { readonly C: number; readonly rho: number; readonly steps: number };
}

/**
 * The ICL sweep: Σ = V diag(κ … 1)Vᵀ (geometric, λ_min = 1), V from the seed (the same at every κ); GD's count is
 * the first t with ‖W_t − Σ⁻¹‖_F ≤ ε; Muon's is the stay count — the first t from which the error stays ≤ ε up to its
 * last step (1 + the last t with error > ε; steps + 1 when the last error is still above), null when the run did not
 * complete; with its last error over ε.
 */
export function iclSweep(impl: Impl, s: IclSweepSpec): SweepCounts & { muon: (number | null)[]; muonFinal: number[]; muonStatus: string[]; T: number } {
  const gd: (number | null)[] = [];
  const gdStep: (number | null)[] = [];
  const muon: (number | null)[] = [];
  const muonFinal: number[] = [];
  const muonStatus: string[] = [];
  let T = 0;
  for (const kappa of s.kappas) {
    const t = psdTarget(rng(s.seed).fork('sigma'), { d: s.d, r: s.d, kappa, lambdaMax: kappa, pattern: 'geometric' });
    const problem = impl.problems.icl(impl.float, { V: t.V, lambdas: t.lambdas });
    const { lambdaMax, lambdaMin } = problem.info;
    const x0 = zeros(float64, s.d, s.d);
    const target = s.eps / lambdaMin;
    const g = gdBestCount(impl, problem, x0, { grid: s.gd.grid, eta: (c) => c / lambdaMax ** 3, cap: s.gd.cap(kappa), target });
    gd.push(g.count);
    gdStep.push(g.step);
    const m = s.muon({ lambdaMin, lambdaMax, target });
    T = m.steps;
    const mu = impl.run({ problem, optimizer: impl.optimizers.muon(), schedule: impl.schedules.geo({ C: m.C, rho: m.rho }), x0, steps: m.steps });
    muonStatus.push(mu.status);
    muonFinal.push(mu.errors[mu.errors.length - 1] / target);
    if (mu.status !== 'completed') muon.push(null);
    else {
      let last = -1;
      for (let i = 0; i < mu.errors.length; i++) if (!(mu.errors[i] <= target)) last = i;
      muon.push(last + 1);
    }
  }
  return { kappas: [...s.kappas], gd, gdStep, muon, muonFinal, muonStatus, T };
}
