import { exactDecimalString } from '../arith/exact.ts';
import type { Field } from '../arith/field.ts';
import type { LinAlg } from '../linalg/backend.ts';
import { orthonormalize } from '../linalg/gram-schmidt.ts';
import { add, columns, identity, mat, scale, sub, type Mat } from '../linalg/mat.ts';
import { spectral } from '../linalg/norms.ts';
import type { Impl } from '../impl/impl.ts';
import type { Problem } from '../problems/problem.ts';
import { rng } from '../random/rng.ts';
import { mfScalar } from './aligned.ts';
import type { MfInstance } from './mf.ts';

/*
 * Paper A §3.4 and App. B (Lemmas 4–7): the first Muon step from a small random start U₀ = αO (r ≤ k) and the
 * auxiliary aligned trajectory Ũ_t that the proof compares the real one with. Written once over a field; every
 * algorithm (gradient, msign, SVD, the Muon run) comes from the Impl, so planted bugs reach the checks.
 *
 *  - ∇f(U₀) = α³O − αM*O (OᵀO = I_k, or OOᵀ = I_d for k ≥ d), so G₀ := −∇f(U₀)/α = M*O − α²O (48). A is G₀'s best
 *    rank-r approximation; Lemma 4 (50) compares msign(A) with msign(M*O) = V*·msign(Λ*V*ᵀO).
 *  - U₁ = U₀ − η₀ msign(∇f(U₀)) = αO + η₀X with X = msign(G₀) = msign(A) + msign(B) (49).
 *  - The auxiliary start (53a), reconstructed: Ũ₁ = η₀Q with Q = msign(M*O) + Q₂, Q₂ the orthonormal (k − r)-frame
 *    nearest to X's block (I − V*V*ᵀ)·X·(I − NᵀN) (N = msign(Λ*V*ᵀO), r×k): Q = [V*, W₂][N; N₂] is exactly aligned
 *    (Lemma 3 with the augmented basis (56)–(57): every singular value η₀, λ̃ = (λ₁ … λ_r, 0 … 0)), and U₁ − Ũ₁ =
 *    αO + η₀(X − Q) is the residual of (52a).
 *  - Then (53b) Ũ_t = V* diag(σ_{i,t}) N + s_t Q₂, with σ_{i,t} the scalar recursion (27) of λᵢ and s_t that of λ = 0
 *    (the k − r null directions share it), all from σ_{·,1} = η₀ with the run's own η_t (t ≥ 1) — Lemma 3 (A.L3)
 *    makes that the Muon run from Ũ₁, so the aligned dynamics of src/cases/aligned.ts are reused, not re-run.
 */

/** V* (d×r), O and λ₁ … λ_r of an instance in field F (decimal: V*, O re-orthonormalised at working precision). */
export function instanceMats<T>(F: Field<T>, inst: MfInstance): { V: Mat<T>; O: Mat<T>; lambdas: T[] } {
  const float = F.kind === 'float64';
  const of = (x: number): T => F.of(float ? x : exactDecimalString(x));
  const toF = (A: Mat<number>): Mat<T> => mat(A.rows, A.cols, A.data.map(of));
  return {
    V: float ? toF(inst.V) : orthonormalize(F, toF(inst.V)),
    O: float ? toF(inst.O) : orthonormalize(F, toF(inst.O)),
    lambdas: inst.lambdas.slice(0, inst.r).map(of),
  };
}

const diagLeft = <T>(F: Field<T>, d: readonly T[], A: Mat<T>): Mat<T> => mat(A.rows, A.cols, A.data.map((x, i) => F.mul(d[Math.floor(i / A.cols)]!, x)));

/** U_m V_mᵀ from the thin SVD of A: the msign of A's best rank-m approximation (the top m singular triplets). */
export function topMsign<T>(la: LinAlg<T>, A: Mat<T>, m: number): Mat<T> {
  const sv = la.svd(A);
  return la.matmulNT(columns(sv.U, 0, m), columns(sv.V, 0, m));
}

export interface FirstStep<T> {
  /** ‖msign(A) − msign(M*O)‖ (spectral), the left side of Lemma 4 (50). */
  readonly e4: T;
  /** σ_r(M*O) = σ_r(Λ*V*ᵀO): the scale (50) is measured against. */
  readonly sr: number;
  /** σ_min(V*ᵀO), the quantity Lemma 10 bounds below. */
  readonly sminVO: number;
  /** σ_r(G₀) and σ_{r+1}(G₀) (0 when k = r): A's smallest singular value and the size of B, ≈ α². */
  readonly srG: number;
  readonly srPlus1: number;
}

/** Lemma 4's quantities at one α, from the implementation's gradient at U₀ = αO. */
export function lemma4<T>(impl: Impl, la: LinAlg<T>, inst: MfInstance, alpha: T): FirstStep<T> {
  const F = la.F;
  const { V, O, lambdas } = instanceMats(F, inst);
  const r = inst.r;
  const problem = impl.problems.mf(la, { V, lambdas }, inst.k);
  const G0 = scale(F, F.neg(F.div(F.one, alpha)), problem.grad(scale(F, alpha, O))); // M*O − α²O (48)
  const svG = la.svd(G0);
  const msA = la.matmulNT(columns(svG.U, 0, r), columns(svG.V, 0, r));
  const VO = la.matmulTN(V, O);
  const LVO = diagLeft(F, lambdas, VO);
  const msMO = la.matmul(V, la.msign(LVO));
  const sLVO = la.svd(LVO).s;
  const sVO = la.svd(VO).s;
  return {
    e4: spectral(F, sub(F, msA, msMO)),
    sr: F.toNumber(sLVO[r - 1]!),
    sminVO: F.toNumber(sVO[r - 1]!),
    srG: F.toNumber(svG.s[r - 1]!),
    srPlus1: svG.s.length > r ? F.toNumber(svG.s[r]!) : 0,
  };
}

/**
 * The prefactor stream of Theorem 1(b): C_t = 1 + U_t, U_t from rng(cSeed) (53-bit doubles, as runMuonIn of A.T1b);
 * with `range`, C_t = lo + (hi − lo)U_t (a probe's narrower law).
 */
export const freshPrefactors = (cSeed: number, range: readonly [number, number] = [1, 2]): (() => number) => {
  const R = rng(cSeed);
  const [lo, hi] = range;
  return lo === 1 && hi === 2 ? () => 1 + R.uniform() : () => lo + (hi - lo) * R.uniform();
};

export interface PairSpec {
  /** U₀ = αO (absolute α). */
  readonly alpha: number;
  readonly rho: number;
  /** Fresh C_t from this seed, or one fixed C (a probe: prefactors all equal). */
  readonly prefactor: { readonly cSeed: number; readonly range?: readonly [number, number] } | { readonly C: number };
  readonly steps: number;
}

export interface PairRun<T> {
  readonly status: string;
  readonly message?: string;
  /** U_t, t = 0 … T (the implementation's run). */
  readonly U: Mat<T>[];
  /** Ũ_t, t = 1 … T at index t (index 0 is U₀, where the auxiliary is not defined). */
  readonly Ut: Mat<T>[];
  /** η_t, t = 0 … T − 1 (the run's own). */
  readonly etas: T[];
  /** σ_{i,t} of the aligned directions (i < r) and s_t of the null ones (k > r), t = 1 … T at index t − 1. */
  readonly sigma: T[][];
  readonly s0: T[] | undefined;
  /** λ₁ … λ_r in the field. */
  readonly lambdas: T[];
  readonly lambdaMax: number;
  /** The implementation's P.mf instance (its gradient, for Lemma 5). */
  readonly problem: Problem<T>;
}

/** The real run from U₀ = αO and the auxiliary aligned trajectory (53) built from its first step. */
export function pairRun<T>(impl: Impl, la: LinAlg<T>, inst: MfInstance, spec: PairSpec): PairRun<T> {
  const F = la.F;
  const { d, k, r } = inst;
  const { V, O, lambdas } = instanceMats(F, inst);
  const problem = impl.problems.mf(la, { V, lambdas }, k);
  const lambdaMax = problem.info.lambdaMax!;
  const C = 'cSeed' in spec.prefactor ? freshPrefactors(spec.prefactor.cSeed, spec.prefactor.range) : spec.prefactor.C;
  const schedule = impl.schedules.geo({ scale: Math.sqrt(lambdaMax), rho: spec.rho, C });
  const x0 = scale(F, F.of(spec.alpha), O);
  const tr = impl.run({ problem, optimizer: impl.optimizers.muon(), schedule, x0, steps: spec.steps, keepIterates: true, residualNorms: false });
  const U = (tr.iterates ?? []).map((x) => x.X);
  const base = { status: tr.status, ...(tr.message ? { message: tr.message } : {}), U, etas: tr.etas, lambdas, lambdaMax, problem };
  if (tr.status !== 'completed' || U.length < 2) return { ...base, Ut: [], sigma: [], s0: undefined };
  const eta0 = tr.etas[0]!;
  const X = scale(F, F.div(F.one, eta0), sub(F, U[1]!, U[0]!)); // −msign(∇f(U₀)) = msign(G₀)
  const N = la.msign(diagLeft(F, lambdas, la.matmulTN(V, O))); // r×k, orthonormal rows
  let Q2: Mat<T> | undefined;
  if (k > r) {
    const IP = sub(F, identity(F, d), la.matmulNT(V, V));
    const IN = sub(F, identity(F, k), la.matmulTN(N, N));
    Q2 = topMsign(la, la.matmul(la.matmul(IP, X), IN), k - r);
  }
  const later = tr.etas.slice(1);
  const sigma = lambdas.map((l) => mfScalar(F, eta0, l, later).sigma);
  const s0 = k > r ? mfScalar(F, eta0, F.zero, later).sigma : undefined;
  const Ut: Mat<T>[] = [U[0]!];
  for (let t = 1; t < U.length; t++) {
    const diagPart = la.matmul(V, diagLeft(F, sigma.map((s) => s[t - 1]!), N));
    Ut.push(Q2 && s0 ? add(F, diagPart, scale(F, s0[t - 1]!, Q2)) : diagPart);
  }
  return { ...base, Ut, sigma, s0 };
}

/** ‖U_t − Ũ_t‖ (spectral), t = 1 … T at index t (index 0: 0). */
export function gaps<T>(F: Field<T>, p: PairRun<T>): T[] {
  return p.U.map((U, t) => (t === 0 ? F.zero : spectral(F, sub(F, U, p.Ut[t]!))));
}

/*
 * Lemma 6 (63), anti-concentration from the uniform prefactors. Given the past F_t, σ_{i,t+1} = σ_{i,t} − C_t ℓ_t
 * sign(g_{i,t}) with ℓ_t = √λ_max ρ^t and C_t ~ Unif(1, 2) shared by every i: the conditional probability of an event
 * {min_i h_i(σ_{i,t+1}) ≤ s_i} is the length of a union of C-sets in [1, 2], computed here from the roots of the
 * cubics (float64: a measured probability, not a bound of the implementation).
 */

/** Real roots of x³ + bx + c = 0 (depressed cubic), polished by two Newton steps. */
function depressedRoots(b: number, c: number): number[] {
  const out: number[] = [];
  const disc = -(4 * b * b * b + 27 * c * c);
  if (b === 0) out.push(Math.cbrt(-c));
  else if (disc > 0) {
    const m = 2 * Math.sqrt(-b / 3);
    const th = Math.acos(Math.max(-1, Math.min(1, (3 * c) / (b * m)))) / 3;
    for (let j = 0; j < 3; j++) out.push(m * Math.cos(th - (2 * Math.PI * j) / 3));
  } else {
    const q = c / 2;
    const p3 = b / 3;
    const sq = Math.sqrt(q * q + p3 * p3 * p3);
    out.push(Math.cbrt(-q + sq) + Math.cbrt(-q - sq));
  }
  return out.map((x) => {
    let y = x;
    for (let i = 0; i < 2; i++) {
      const dy = 3 * y * y + b;
      if (dy !== 0) y -= (y * y * y + b * y + c) / dy;
    }
    return y;
  });
}

/** The set {x ∈ [lo, hi] : |x³ − λx| ≤ s} as disjoint intervals (λ ≥ 0, s ≥ 0). */
export function sublevel(lambda: number, s: number, lo: number, hi: number): [number, number][] {
  const h = (x: number): number => Math.abs(x * x * x - lambda * x);
  const cuts = [lo, hi, ...depressedRoots(-lambda, -s), ...depressedRoots(-lambda, s)].filter((x) => x >= lo && x <= hi).sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (let j = 0; j + 1 < cuts.length; j++) {
    const a = cuts[j]!;
    const b = cuts[j + 1]!;
    if (b > a && h((a + b) / 2) <= s) {
      const last = out[out.length - 1];
      if (last && last[1] >= a) last[1] = b;
      else out.push([a, b]);
    }
  }
  return out;
}

/** Length of a union of intervals. */
function unionLength(iv: [number, number][]): number {
  const s = [...iv].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of s) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

export interface AntiConcentration {
  /** P(∃ i: h_i(σ_{i,t+1}) ≤ τ·scale_i | F_t), the union over the distinct sequences. */
  readonly p: number;
  /** Σ_i P(h_i(σ_{i,t+1}) ≤ τ·scale_i | F_t): the union bound's sum. */
  readonly sum: number;
}

/**
 * The conditional probability in (63) at step t → t + 1, reconstructed form: the event that some aligned direction
 * i ≤ r has |σ³ − λᵢσ| ≤ τλᵢℓ_t, or (k > r) the null direction has |s|³ ≤ (τℓ_t)³ — σ_min(∇f(Ũ_{t+1})) small on the
 * scale of that direction. `now` are σ_{i,t} (i < r) and s_t last (when k > r); λ ≥ 0 in the same order. C_t is
 * uniform on `cRange` (Unif(1, 2) in the lemma); a point range [C, C] gives the 0/1 probability of a fixed prefactor.
 */
export function antiConcentration(now: readonly number[], lambdas: readonly number[], ell: number, tau: number, cRange: readonly [number, number] = [1, 2]): AntiConcentration {
  const [cLo, cHi] = cRange;
  const width = cHi - cLo;
  const sets: [number, number][] = [];
  let sum = 0;
  let hit = false;
  now.forEach((sig, i) => {
    const lam = lambdas[i]!;
    const g = sig * sig * sig - lam * sig;
    const dir = g > 0 ? 1 : g < 0 ? -1 : 0;
    if (dir === 0) return; // sign(0) = 0: σ does not move (probability zero)
    const s = lam > 0 ? tau * lam * ell : (tau * ell) ** 3;
    if (width === 0) {
      const x = sig - cLo * ell * dir;
      if (Math.abs(x * x * x - lam * x) <= s) {
        hit = true;
        sum += 1;
      }
      return;
    }
    // σ_{t+1} = sig − C·ℓ·dir, C ∈ [cLo, cHi].
    const xa = sig - cLo * ell * dir;
    const xb = sig - cHi * ell * dir;
    const iv = sublevel(lam, s, Math.min(xa, xb), Math.max(xa, xb)).map(([a, b]): [number, number] => {
      const c1 = (sig - a) / (ell * dir);
      const c2 = (sig - b) / (ell * dir);
      return [Math.min(c1, c2), Math.max(c1, c2)];
    });
    sum += Math.min(1, unionLength(iv) / width);
    sets.push(...iv);
  });
  if (width === 0) return { p: hit ? 1 : 0, sum };
  return { p: Math.min(1, unionLength(sets) / width), sum };
}

export interface AuxScalars {
  /** η_t, t = 0 … T − 1, from the implementation's schedule. */
  readonly etas: number[];
  /** σ_{i,t} (i < r), then s_t (k > r), each t = 1 … T at index t − 1. */
  readonly seqs: number[][];
  /** λ of each sequence (0 for the null one). */
  readonly lambdas: number[];
  /** The C_t drawn. */
  readonly prefactors: number[];
}

/**
 * The auxiliary trajectory's scalar sequences alone (53b)/(58): σ_{·,1} = η₀, then (27) with the schedule's η_t — what
 * Lemma 6 conditions on, without a matrix run (float64).
 */
export function auxScalars(impl: Impl, F: Field<number>, inst: MfInstance, rho: number, prefactor: PairSpec['prefactor'], steps: number): AuxScalars {
  const lmax = inst.lambdas[0]!;
  const C = 'cSeed' in prefactor ? freshPrefactors(prefactor.cSeed, prefactor.range) : prefactor.C;
  const stream = impl.schedules.geo({ scale: Math.sqrt(lmax), rho, C }).start(F);
  const etas: number[] = [];
  for (let t = 0; t < steps; t++) etas.push(stream.next(0));
  const lambdas = [...inst.lambdas.slice(0, inst.r), ...(inst.k > inst.r ? [0] : [])];
  const seqs = lambdas.map((l) => mfScalar(F, etas[0]!, l, etas.slice(1)).sigma);
  return { etas, seqs, lambdas, prefactors: [...stream.prefactors] };
}
