import fc, { type Arbitrary } from 'fast-check';
import type { Field } from '../../arith/field.ts';
import { float64 } from '../../arith/float64.ts';
import { rng } from '../../random/rng.ts';
import { probeSearch } from '../search.ts';
import type { CaseOutcome, CheckContext, Claim, Mode } from '../types.ts';
import { dyadicMagnitude, muonScalar, rationalField, rho256, rhoBin, seedArb, worstStep, trajectoryWindow, tightestStep } from './scalar-recursion.ts';

/*
 * A.L11 (paper A, Lemma 11, App. B.6, (124)–(130); reconstructed): (27) with η_t = C_t√λ_max ρ^t, C_t iid Unif[1, 2],
 * 0 ≤ λ ≤ λ_max, ρ ∈ [2/3, 1), max(|σ₀|, √λ) ≤ √λ_max/(1 − ρ). Conclusions: the invariant (126) δ_t ≤ S_t :=
 * Σ_{τ≥t} η_τ, (124a) δ_t ≤ 2√λ_max ρ^t/(1 − ρ), (124b) |σ_t² − λ| ≤ 8λ_max ρ^t/(1 − ρ)².
 *
 * What is checkable of (126): S_t needs the C_τ of the future, τ ≥ T. The proof's induction holds for every
 * realisation of the future in [1, 2] (it only uses C_τ ≥ 1 in S_{t+1} ≥ √λ_max ρ^{t+1}/(1 − ρ) ≥ η_t), and δ_t
 * depends only on C_0 … C_{t−1}; so (126) must hold for the smallest tail too. We check the sharpest form:
 *   δ_t ≤ S_t^min := Σ_{τ=t}^{T−1} η_τ + √λ_max ρ^T/(1 − ρ)   (the run's recorded C_τ for τ < T, C_τ = 1 beyond),
 * for t = 0 … T. (If it failed for the infimum tail it would fail for tails near it, a positive-probability event.)
 * Compared exactly as (1 − ρ)δ_t ≤ (1 − ρ)Σ η_τ + √λ_max ρ^T, likewise (124a) × (1 − ρ) and (124b) × (1 − ρ)².
 * The η_τ of the bounds are computed here from the recorded C_τ (not taken from the schedule under test).
 *
 * A case records C_0 … C_{T−1}: all 1, all 2 (the ends of the support), or iid uniform on a 2^24 grid from a seed.
 */

export interface L11Case {
  readonly sqrtLambdaMax: number;
  /** √λ = v·√λ_max, v ∈ [0, 1]. */
  readonly sqrtLambda: number;
  readonly sigma0: number;
  readonly rho: number;
  /** C_0 … C_{T−1}, dyadic in [1, 2]. */
  readonly Cs: readonly number[];
}

const T_MAX: Record<Mode, number> = { exact: 60, float: 200 };

/** B = ⌊64/(1 − ρ)⌋/64 ≤ 1/(1 − ρ) for ρ = k/256: a dyadic base-case radius (= 1/(1 − ρ) when that is dyadic). */
function radius(rho: number): number {
  const k = Math.round(rho * 256);
  return Math.floor((64 * 256) / (256 - k)) / 64;
}

function prefactors(kind: 'ones' | 'twos' | 'uniform', seed: number, T: number): number[] {
  if (kind === 'ones') return Array(T).fill(1);
  if (kind === 'twos') return Array(T).fill(2);
  const r = rng(seed);
  return Array.from({ length: T }, () => r.dyadic(1, 2, 24));
}

function arbitraryWith(rho: Arbitrary<number>, Tmax: number): Arbitrary<L11Case> {
  return fc
    .record({
      sqrtLambdaMax: dyadicMagnitude(10, -4, 4),
      v: fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 0, max: 4096 }).map((k) => k / 4096)),
      sign: fc.constantFrom(-1, 1),
      w: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 4096 }).map((k) => k / 4096)),
      rho,
      kind: fc.constantFrom<'ones' | 'twos' | 'uniform'>('uniform', 'uniform', 'ones', 'twos'),
      seed: seedArb,
      T: fc.integer({ min: 1, max: Tmax }),
    })
    .map(({ sqrtLambdaMax, v, sign, w, rho, kind, seed, T }) => ({
      sqrtLambdaMax,
      sqrtLambda: v * sqrtLambdaMax,
      sigma0: sign * w * sqrtLambdaMax * radius(rho),
      rho,
      Cs: prefactors(kind, seed, T),
    }));
}

function bins(c: L11Case): Record<string, string> {
  const T = c.Cs.length;
  const same = c.Cs.every((x) => x === c.Cs[0]);
  return {
    ρ: rhoBin(c.rho),
    λ: c.sqrtLambda === 0 ? '0' : c.sqrtLambda === c.sqrtLambdaMax ? 'λ_max' : '(0, λ_max)',
    C_t: same && c.Cs[0] === 1 ? 'all 1' : same && c.Cs[0] === 2 ? 'all 2' : 'iid',
    T: T <= 10 ? '1–10' : T <= 50 ? '11–50' : '51–200',
  };
}

function checkIn<T>(F: Field<T>, c: L11Case, ctx: CheckContext, exact: boolean): CaseOutcome {
  const Tn = c.Cs.length;
  const run = muonScalar(ctx.impl, F, { sqrtLambda: c.sqrtLambda, sigma0: c.sigma0, scale: c.sqrtLambdaMax, rho: c.rho, C: c.Cs, steps: Tn });
  if (run.status !== 'completed') return { bounds: [], inconclusive: `the run stopped: ${run.message ?? run.status}` };
  const u = F.unitRoundoff;
  const n = (x: T): number => F.toNumber(x);
  const rho = F.of(c.rho);
  const om = F.sub(F.one, rho); // 1 − ρ
  const om2 = F.mul(om, om);
  const slm = F.of(c.sqrtLambdaMax);
  const lmax = F.mul(slm, slm);
  const sl = run.sqrtLambda;
  const lam = run.lambda;
  // Claimed η_τ = C_τ√λ_max ρ^τ and ρ^τ, τ = 0 … T.
  const rhoPow: T[] = [F.one];
  for (let t = 0; t < Tn; t++) rhoPow.push(F.mul(rhoPow[t]!, rho));
  const eta = c.Cs.map((C, t) => F.mul(F.mul(F.of(C), slm), rhoPow[t]!));
  // (1 − ρ)·S_t^min = (1 − ρ)Σ_{τ=t}^{T−1} η_τ + √λ_max ρ^T, backwards from t = T.
  const tailScaled: T[] = new Array(Tn + 1);
  tailScaled[Tn] = F.mul(slm, rhoPow[Tn]!);
  for (let t = Tn - 1; t >= 0; t--) tailScaled[t] = F.add(tailScaled[t + 1]!, F.mul(om, eta[t]!));
  const s126: { lhs: number; rhs: number; holds: boolean; t: number }[] = [];
  const s124a: typeof s126 = [];
  const s124b: typeof s126 = [];
  const omN = n(om);
  let E = 0;
  let zeroAt = -1;
  const branches = new Set<string>();
  for (let t = 0; t <= Tn && t < run.sigma.length; t++) {
    const st = run.sigma[t]!;
    if (t > 0 && c.sqrtLambda !== 0 && F.isZero(st) && !F.isZero(run.sigma[t - 1]!)) {
      zeroAt = t;
      break;
    }
    const d = F.abs(F.sub(F.abs(st), sl));
    if (t < Tn) branches.add(F.lt(d, eta[t]!) ? 'case 2: δ_t < η_t' : 'case 1: δ_t ≥ η_t');
    // Float: the per-step slack of A.L2, ε_τ = 4u(|σ_τ| + |σ_{τ+1}| + (τ+5)η_τ), accumulated over the steps before t.
    if (!exact && t > 0) E += 4 * u * (Math.abs(n(run.sigma[t - 1]!)) + Math.abs(n(st)) + (t + 4) * n(eta[t - 1]!));
    const lhsScaled = F.mul(om, d);
    // S_t^min sums T − t + 1 rounded terms: relative error ≤ 2(T + 5)u; (124a)'s right side ≤ (t + 5)u.
    const S = n(tailScaled[t]!) / omN;
    const tol126 = exact ? 0 : E + 2 * (Tn + 5) * u * S;
    s126.push({ lhs: n(d), rhs: S + tol126, holds: exact ? F.le(lhsScaled, tailScaled[t]!) : n(d) <= S + tol126, t });
    const rhsA = F.mul(F.mul(F.of(2), slm), rhoPow[t]!); // (1 − ρ) × (124a)'s right side
    const a = n(rhsA) / omN;
    const tolA = exact ? 0 : E + (t + 5) * u * a;
    s124a.push({ lhs: n(d), rhs: a + tolA, holds: exact ? F.le(lhsScaled, rhsA) : n(d) <= a + tolA, t });
    const gap = F.abs(F.sub(F.mul(st, st), lam));
    const rhsB = F.mul(F.mul(F.of(8), lmax), rhoPow[t]!); // (1 − ρ)² × (124b)'s right side
    const b = n(rhsB) / n(om2);
    // |σ² − λ| ≤ δ(δ + 2√λ): an error E in δ adds E(2a + E + 2√λ); plus the roundings of σ² − λ and of the right side.
    const tolB = exact ? 0 : E * (2 * a + E + 2 * n(sl)) + 2 * u * (n(st) ** 2 + n(lam)) + (t + 8) * u * b;
    s124b.push({ lhs: n(gap), rhs: b + tolB, holds: exact ? F.le(F.mul(om2, gap), rhsB) : n(gap) <= b + tolB, t });
  }
  const tolText = exact ? undefined : 'float: accumulated ε_τ = 4u(|σ_τ| + |σ_{τ+1}| + (τ+5)η_τ) plus the rounding of the right side (see A.L11.ts)';
  const bounds = [worstStep('(126) δ_t ≤ S_t', s126, tolText), worstStep('(124a)', s124a, tolText), worstStep('(124b)', s124b, tolText)];
  const out: CaseOutcome = { bounds, branches: [...branches], bins: bins(c), trace: trajectoryWindow(F, run, tightestStep(bounds)) };
  if (zeroAt >= 0) return { ...out, branches: [...branches, 'hit 0 (Lemma 1 null set)'], outsideHypotheses: `σ_${zeroAt} = 0: the C_t hit a critical value of Lemma 1 (the null set the claim excludes); steps before it checked` };
  return out;
}

function check(c: L11Case, ctx: CheckContext): CaseOutcome {
  if (ctx.mode === 'float') return checkIn(float64, c, ctx, false);
  const Q = rationalField();
  const o = checkIn(Q, c, ctx, true);
  if (Q.inexact > 0) return { ...o, inconclusive: `${Q.inexact} inexact √ in Q` };
  return { ...o, exactness: { exact: true, precision: 0, errorEstimate: '0: rational (bigint) arithmetic, precision unlimited (reported 0); √ taken only of perfect squares (1×1 msign, ‖·‖_F)' } };
}

export const claim: Claim<L11Case> = {
  id: 'A.L11',
  title: 'Scalar Muon with per-step random prefactors C_t: tail-sum invariant (126), (124a), (124b)',
  source: { paper: 'A', where: 'Lemma 11, App. B.6 (proof (125)–(130))', equations: ['(27)', '(124a)', '(124b)', '(125)', '(126)'] },
  provenance: 'reconstructed',
  statement:
    '(27) with η_t = C_t√λ_max ρ^t, C_t iid Unif[1,2], 0 ≤ λ ≤ λ_max, ρ ∈ [2/3, 1), max(|σ₀|, √λ) ≤ √λ_max/(1 − ρ): (126) δ_t ≤ S_t := Σ_{τ≥t} η_τ (checked with the recorded C_τ, τ < T, and the smallest tail C_τ = 1 beyond); (124a) δ_t ≤ 2√λ_max ρ^t/(1 − ρ); (124b) |σ_t² − λ| ≤ 8λ_max ρ^t/(1 − ρ)².',
  hypotheses: [
    { name: 'λ', text: '0 ≤ λ ≤ λ_max (√λ = v√λ_max, v ∈ {0, 1} or a 12-bit grid)', domain: { kind: 'real', min: 0, max: 1, closed: 'both' } },
    { name: 'λ_max', text: '√λ_max > 0 (dyadic)', domain: { kind: 'real', min: 1 / 16, max: 32, closed: 'both', scale: 'log' } },
    { name: 'ρ', text: 'ρ ∈ [2/3, 1) (k/256, k ∈ [171, 255])', domain: { kind: 'real', min: 171 / 256, max: 255 / 256, closed: 'both' }, necessary: true },
    { name: 'σ0', text: 'max(|σ₀|, √λ) ≤ √λ_max/(1 − ρ) (|σ₀| = w·√λ_max·⌊64/(1 − ρ)⌋/64, w ∈ (0, 1])', domain: { kind: 'real', min: 0, max: 1, closed: 'right' } },
    { name: 'C_t', text: 'C_t iid Unif[1, 2], recorded (all 1, all 2, or a 2^24 grid)', domain: { kind: 'real', min: 1, max: 2, closed: 'both' } },
    { name: 'T', text: 'horizon (exact ≤ 60, float ≤ 200)', domain: { kind: 'int', min: 1, max: 200 } },
  ],
  modes: ['exact', 'float'],
  cases: { quick: { exact: 30, float: 60 }, default: { exact: 300, float: 500 }, deep: { exact: 12000, float: 25000 } },
  arbitrary: (mode) => arbitraryWith(rho256(171, 255), T_MAX[mode]),
  check,
  probes: [
    {
      id: 'rho-below-two-thirds',
      drops: 'ρ ≥ 2/3 dropped: ρ ∈ [1/2, 2/3) (k/256, k ∈ [128, 170])',
      run: ({ seed, profile, impl }) =>
        probeSearch(arbitraryWith(rho256(128, 170), 60), (c) => check(c, { mode: 'exact', impl }), seed, profile === 'deep' ? 20000 : profile === 'quick' ? 40 : 200, '(126)'),
    },
  ],
  binSpace: { ρ: ['[2/3,0.9)', '[0.9,1)'], λ: ['0', '(0, λ_max)', 'λ_max'], C_t: ['all 1', 'all 2', 'iid'], T: ['1–10', '11–50', '51–200'] },
  branchSpace: ['case 1: δ_t ≥ η_t', 'case 2: δ_t < η_t'],
};

export default claim;
