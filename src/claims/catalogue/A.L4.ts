import fc, { type Arbitrary } from 'fast-check';
import { lemma4 } from '../../cases/mfalign.ts';
import { mfInstance, mfParams, type MfInstance } from '../../cases/mf.ts';
import * as gen from '../../generators/index.ts';
import type { Impl } from '../../impl/impl.ts';
import { mat } from '../../linalg/mat.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { binomialTest, breakRate, decade, decades, decimal, defineClaim, float64Field, hyp, runInField, type Bound, type Ctx, type CustomProbe, type Probabilistic, type Profile } from '../kit/index.ts';

/*
 * A.L4 — paper A, Lemma 4 (§3.4 Step 4.1, (48)–(50); proof App. B.1, (84)–(86) with Lemma 10). Formulas are stripped
 * from the seeds; the words are quoted: "There exists some universal constant such that, with probability at least
 * 0.995, (50) holds as long as α ≤ …", where (50) says that msign(A) and msign(M*O) "can be fairly close for small
 * enough α". Reconstructed objects (the text around (48)–(49)): U₀ = αO, ∇f(U₀) = α³O − αM*O, G₀ = M*O − α²O its
 * leading term up to −1/α, A = G₀'s best rank-r approximation ("composed of the leading r singular components"), B =
 * G₀ − A, msign(G₀) = msign(A) + msign(B) (49). (50) bounds e₄ = ‖msign(A) − msign(M*O)‖; its proof (84) chains
 * Lemma 17 (msign perturbation for matrices of the same rank), Weyl (85) and Lemma 19, and Lemma 10 lower-bounds
 * σ_min(V*ᵀO) for O Haar — the only randomness, hence "with probability ≥ 0.995".
 *
 * open (the constant and the α threshold are not in the seeds). What is checked:
 *  - the gate, "e₄ vanishes as α → 0" with slope ≥ 1 in log α: e₄(α/10) ≤ e₄(α)/10 on every run, each run a fresh
 *    (M*, O); "with probability ≥ 0.995" is tested by the engine's one-sided binomial test of "failure rate ≤ 0.005"
 *    at significance 1e-6 (probabilistic below). Measured: e₄ ∝ α² (slope 2.00 over 1e-5 … 1e-1, proto runs at d ≤ 50),
 *    so the gate has a factor-10 margin and fails only where α² is not small against σ_r(M*O).
 *  - the deterministic step (84) (i)–(ii) in the form we reconstruct: ‖A − M*O‖ ≤ σ_{r+1}(G₀) + α² ≤ 2α² (Weyl), and
 *    Lemma 17 in Li–Sun's same-rank form ‖msign A − msign B‖ ≤ 2‖A − B‖/(σ_r(A) + σ_r(B)), so
 *    e₄ ≤ 4α²/(σ_r(G₀) + σ_r(M*O)). Measured e₄·σ_r(M*O)/α² ≤ 1.00 (k = r: → 1 as α → 0), i.e. slack ≈ 0.5.
 *    Caution: Li–Sun's constant 2 holds in the Frobenius norm; in the spectral norm used here it fails for rank-r
 *    pairs with r < min(d, k) (A.L17's probe spectral-rank-deficient: first-order ratio (1 + √17)/4 ≈ 1.28, confirmed
 *    at 50 digits). So this chain is gated on the pairs (A, M*O) the first step produces — where its slack 0.5 leaves
 *    room — not as a consequence of the lemma; a violation here would be a finding about that step, not about (50).
 *  - the constant of (50) in the paper's variables: with Lemma 10's scale g = (√k − √(r−1))/√d for σ_min(V*ᵀO)
 *    (Rudelson–Vershynin's smallest-singular-value scale of an r×k Gaussian block over √d), (50) reads
 *    e₄ ≤ C·α²/(λ_min·g) with probability 0.995; the case draws α = a·√(λ_min·g), so C_meas = e₄/a², kept in each
 *    case's trace. Measured (scripts/lemma4-constant.ts, float64, no failing run in 2800): k = r — median 0.45–0.59,
 *    99.5 % quantile 71–72 (d ≤ 20; 304 and 617 runs, seeds 1 and 3), max 234 (deep ranges, d ≤ 50, 196 runs: too
 *    few for the quantile, so C may grow with d); r < k < d — 99.5 % quantile 4.4–7.5, max 38 (the smallest singular
 *    value of a wide Gaussian block has a tail (Cε)^{k−r+1}, the square block a linear one); k ≥ d — e₄ = 0 exactly
 *    (OOᵀ = I_d, so G₀ = (M* − α²I)O keeps M*'s eigenvectors; float noise ≤ 1e-6 only). The sharp constant of the
 *    deterministic chain: max e₄·σ_r(M*O)/α² = 1.0001 (→ 1 for k = r as α → 0).
 * α: a log-uniform in [1e-3·max(1, √(κ/1e4)), 3e-2] ("α ≤ …": a threshold of the form c·√(λ_min·g); the alpha-large
 * probe shows the gate failing at a ∈ [3, 30]). The κ-dependent floor is float64's, not the lemma's (tolerance below).
 *
 * Float tolerance of the gate: G₀ is formed from the implementation's gradient, with error ≤ 2(d + k)u·λ_max per
 * unit column (products of ≤ d + k terms, ‖O‖ = 1) plus one-sided Jacobi's backward error ~(d + k)u‖G₀‖; the top-r
 * frame moves by ≤ 2‖δ‖/(σ_r(G₀) − σ_{r+1}(G₀)) (Wedin, both sides) and msign(Λ*V*ᵀO) by ≤ 2‖δ‖/σ_r(M*O) (Li), so
 * each e₄ is within tolE = 2δ/(σ_r(G₀) − σ_{r+1}(G₀)) + 2δ/σ_r(M*O), δ = 2(d + k)u·λ_max√k, of its exact value (the
 * δ covers the gradient's rounding; Jacobi's backward error, ~(d + k)u‖G₀‖, is smaller); the gate allows
 * tolE(α/10) + tolE(α)/10. At κ ≤ 1e4 it is ≤ 1e-3 of e₄(α/10); at κ = 1e6 and a near 1e-3 it can exceed e₄(α/10),
 * where float64 cannot decide the gate (the case then holds within tolerance: stated, not hidden). A failing float case
 * is re-run in the confirm field (decimal, 40 digits).
 */

export interface L4Case extends MfInstance {
  /** α = a·√(λ_min·g), g = (√k − √(r − 1))/√d. */
  readonly a: number;
}

/** "with probability at least 0.995": failure rate ≤ 0.005, rejected by a one-sided binomial test at 1e-6. */
const PROBABILISTIC: Probabilistic = { maxFailureRate: 0.005, alpha: 1e-6 };

const CONFIRM = decimal(40);

/** Lemma 10's scale for σ_min(V*ᵀO), O Haar on O^{d×k}: (√k − √(r − 1))/√d. */
export const lemma10Scale = (c: { d: number; k: number; r: number }): number => (Math.sqrt(c.k) - Math.sqrt(c.r - 1)) / Math.sqrt(c.d);

/** The absolute α of a case. */
export const alphaOf = (c: L4Case): number => c.a * Math.sqrt(c.lambdas[c.r - 1]! * lemma10Scale(c));

export interface Ranges {
  readonly d: Arbitrary<number>;
  /** k relative to r and d: 'r' (k = r), 'mid' (r < k < d), 'd' (k = d), 'over' (d < k ≤ 2d). */
  readonly kKind: Arbitrary<'r' | 'mid' | 'd' | 'over'>;
  /** a log-uniform in [aLo(κ), aHi]; aLo = lo·max(1, √(κ/1e4)) when `floatFloor`, else lo. */
  readonly a: { readonly lo: number; readonly hi: number; readonly floatFloor: boolean };
  readonly kappaMax: number;
}

/**
 * The lower end of a at κ: float64 decides the gate only where e₄(α/10) ≈ (a/10)²g/σ_min(V*ᵀO) clears tolE ∝ u·κ
 * (header): a ≥ 1e-3·max(1, √(κ/1e4)), so 1e-2 at κ = 1e6.
 */
export const aLo = (lo: number, kappa: number, floatFloor: boolean): number => (floatFloor ? lo * Math.max(1, Math.sqrt(kappa / 1e4)) : lo);

export function cases(R: Ranges): Arbitrary<L4Case> {
  return fc
    .record({ d: R.d, kKind: R.kKind, kFrac: fc.integer({ min: 1, max: 100 }), rFrac: fc.integer({ min: 1, max: 100 }), kappa: gen.kappa({ min: 1, max: R.kappaMax }), pattern: gen.spectrumPattern, seed: gen.seed, aFrac: gen.real(0, 1) })
    .map(({ d, kKind, kFrac, rFrac, kappa, pattern, seed, aFrac }) => {
      const lo = aLo(R.a.lo, kappa, R.a.floatFloor);
      const a = lo === R.a.hi ? lo : Math.exp(Math.log(lo) + (Math.log(R.a.hi) - Math.log(lo)) * aFrac);
      // r ≤ k; k by kind (falling back to k = r where the kind is empty, e.g. 'mid' at d = 2).
      const kMid = (r: number): number => r + Math.ceil(((d - 1 - r) * kFrac) / 100);
      const r0 = Math.max(1, Math.ceil(((d - 1) * rFrac) / 100)); // 1 ≤ r ≤ d − 1
      const r = kKind === 'd' || kKind === 'over' ? Math.max(1, Math.ceil((d * rFrac) / 100)) : kKind === 'mid' ? Math.min(r0, Math.max(1, d - 2)) : r0;
      const k = kKind === 'r' ? r : kKind === 'mid' ? (r < d - 1 ? kMid(r) : r) : kKind === 'd' ? d : d + Math.ceil((d * kFrac) / 100);
      return { ...mfInstance(seed, d, k, r, kappa, pattern), a };
    });
}

const KINDS = fc.constantFrom<'r' | 'mid' | 'd' | 'over'>('r', 'mid', 'mid', 'd');

export const inside: Ranges = {
  // d = 2 … 20, 11 … 20 one case in five.
  d: fc.oneof({ arbitrary: fc.integer({ min: 2, max: 10 }), weight: 4 }, { arbitrary: fc.integer({ min: 11, max: 20 }), weight: 1 }),
  kKind: KINDS,
  a: { lo: 1e-3, hi: 3e-2, floatFloor: true },
  kappaMax: 1e6,
};

/** Deep: also d = 21 … 50 (the experiments' d) and d < k ≤ 2d. */
export const deepRanges: Ranges = {
  ...inside,
  d: fc.oneof({ arbitrary: fc.integer({ min: 2, max: 10 }), weight: 6 }, { arbitrary: fc.integer({ min: 11, max: 20 }), weight: 2 }, { arbitrary: fc.integer({ min: 21, max: 50 }), weight: 2 }),
  kKind: fc.constantFrom<'r' | 'mid' | 'd' | 'over'>('r', 'mid', 'mid', 'd', 'over'),
};

const dBin = (d: number): string => (d <= 4 ? '2–4' : d <= 10 ? '5–10' : d <= 20 ? '11–20' : '21–50');
const kBin = (c: MfInstance): string => (c.k === c.r ? 'k = r' : c.k < c.d ? 'r < k < d' : c.k === c.d ? 'k = d (r < d)' : 'd < k ≤ 2d');

function check<T>(c: L4Case, k: Ctx<T>): void {
  const { F } = k;
  k.bin('κ decade', decade(c.kappa, { lo: 0 }));
  k.bin('d', dBin(c.d));
  k.bin('k', kBin(c));
  k.bin('a decade', decade(c.a));
  k.branch(c.k >= c.d ? 'k ≥ d: G₀ = (M* − α²I)O, e₄ = 0 exactly' : c.k === c.r ? 'B = 0 (k = r < d): msign(G₀) = msign(A)' : 'B ≠ 0 (r < k < d): msign(G₀) = msign(A) + msign(B) (49)');

  const a1 = alphaOf(c);
  const a2 = a1 / 10;
  const s1 = lemma4(k.impl, k.la, c, F.of(a1));
  const s2 = lemma4(k.impl, k.la, c, F.of(a2));
  const lmax = c.lambdas[0]!;
  // Rounding of e₄ at one α (header): ‖δG₀‖ ≤ 2(d + k)u·λ_max√k moves A's frame by 2‖δ‖/(σ_r(G₀) − σ_{r+1}(G₀))
  // (Wedin) and msign(Λ*V*ᵀO) by 2‖δ‖/σ_r(M*O) (Li). Infinite where G₀ has no gap at r (float cannot decide there).
  const delta = 2 * (c.d + c.k) * k.u * lmax * Math.sqrt(c.k);
  const tolE = (s: { srG: number; srPlus1: number; sr: number }): number => {
    const gap = s.srG - s.srPlus1;
    return gap > 0 && s.sr > 0 ? (2 * delta) / gap + (2 * delta) / s.sr : Infinity;
  };
  const tol = tolE(s2) + tolE(s1) / 10;
  const why = 'tolE(α/10) + tolE(α)/10, tolE = 2δ/(σ_r(G₀) − σ_{r+1}(G₀)) + 2δ/σ_r(M*O), δ = 2(d + k)u·λ_max√k: gradient rounding through Wedin and Li (header)';

  // The gate: e₄ vanishes with slope ≥ 1 in log α (measured slope 2).
  k.bound('(50) slope ≥ 1: e₄(α/10) ≤ e₄(α)/10', s2.e4, F.div(s1.e4, F.of(10)), { tol, why });
  // (84) (i)–(ii): Weyl + Lemma 17 (Li–Sun, same rank): e₄ ≤ 4α²/(σ_r(G₀) + σ_r(M*O)), at α.
  k.bound('(84) Weyl + Lemma 17: e₄ ≤ 4α²/(σ_r(G₀) + σ_r(M*O))', s1.e4, (4 * a1 * a1) / (s1.srG + s1.sr), { tol: tolE(s1), why: 'tolE(α) (header)' });

  const e1 = F.toNumber(s1.e4);
  k.trace(() => ({ alpha: a1, e4: [e1, F.toNumber(s2.e4)], slope: Math.log10(e1 / F.toNumber(s2.e4)), constantOf50: e1 / (c.a * c.a), e4TimesSrOverAlpha2: (e1 * s1.sr) / (a1 * a1), sigmaMinVO: s1.sminVO, lemma10Scale: lemma10Scale(c), sigmaRPlus1OverAlpha2: s1.srPlus1 / (a1 * a1) }));
}

const inFloat = (impl: Impl) => (c: L4Case) => runInField(float64Field, 'float', impl, (k) => check(c, k));
const inConfirm = (impl: Impl, c: L4Case) => runInField(CONFIRM, 'exact', impl, (k) => check(c, k));

/** A probe that drops a hypothesis of the probabilistic claim: found when the binomial test rejects "≤ 0.5 %". */
function dropped(id: string, hypothesis: string, drops: string, arb: Arbitrary<L4Case>, n: Readonly<Record<Profile, number>>, impl?: Impl): CustomProbe {
  return {
    id,
    hypothesis,
    drops,
    run: ({ seed, profile, impl: base }) => {
      const use = impl ?? base;
      const rate = breakRate(arb, inFloat(use), seed, n[profile]);
      const t = binomialTest(n[profile], rate.broke, PROBABILISTIC.maxFailureRate, PROBABILISTIC.alpha);
      let bound: Bound | undefined;
      let exact = false;
      if (rate.first) {
        const hp = inConfirm(use, rate.first.value);
        bound = hp.bounds.find((b) => !b.holds) ?? rate.first.bound;
        exact = hp.bounds.some((b) => !b.holds);
      }
      return {
        found: t.rejected,
        tried: n[profile],
        broke: rate.broke,
        ...(rate.first ? { witness: mfParams(rate.first.value), bound } : {}),
        exact,
        summary: `${rate.broke} of ${n[profile]} runs broke Lemma 4's checks: "failure rate ≤ 0.005" ${t.rejected ? 'rejected' : 'not rejected'} (p = ${t.pValue.toExponential(2)}, α = 1e-6)${rate.first ? `; first failing run ${JSON.stringify(mfParams(rate.first.value))} (${rate.first.bound.name})${exact ? ', confirmed at 40/80 digits' : ', not confirmed at 40 digits'}` : ''}`,
      };
    },
  };
}

const probeRanges: Ranges = { ...inside, d: fc.integer({ min: 2, max: 8 }), kappaMax: 1e4 };

/**
 * O not Haar: O with V*ᵀO nearly singular — one eigenvector of M* almost orthogonal to range(O) (σ_min(V*ᵀO) ~ 1e-7).
 * Lemma 10's lower bound on σ_min(V*ᵀO) is what "with probability 0.995" buys; without it α = a·√(λ_min g) is no
 * longer small against σ_r(M*O).
 */
const degenerateO: Arbitrary<L4Case> = cases({ ...probeRanges, kKind: fc.constant<'r'>('r'), d: fc.integer({ min: 3, max: 8 }) }).map((c) => {
  const { d, k } = c;
  // Rotate O so that its columns miss V*'s last column up to 1e-7: O ← (I − (1 − 1e-7)vvᵀ)O, re-orthonormalised.
  const v = Array.from({ length: d }, (_, i) => c.V.data[i * c.r + (c.r - 1)]!);
  const P = Array.from({ length: d * k }, (_, idx) => {
    const i = Math.floor(idx / k);
    const j = idx % k;
    let vo = 0;
    for (let l = 0; l < d; l++) vo += v[l]! * c.O.data[l * k + j]!;
    return c.O.data[idx]! - (1 - 1e-7) * v[i]! * vo;
  });
  // Gram–Schmidt on the columns (float64: the probe's instance, then stored as plain data).
  const O = mat(d, k, P);
  for (let j = 0; j < k; j++) {
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += O.data[i * k + j]! * O.data[i * k + p]!;
      for (let i = 0; i < d; i++) O.data[i * k + j]! -= dot * O.data[i * k + p]!;
    }
    let nrm = 0;
    for (let i = 0; i < d; i++) nrm += O.data[i * k + j]! ** 2;
    nrm = Math.sqrt(nrm);
    for (let i = 0; i < d; i++) O.data[i * k + j]! /= nrm;
  }
  return { ...c, O };
});

export default defineClaim<L4Case>({
  id: 'A.L4',
  title: 'After one Muon step from U₀ = αO, msign(A) ≈ msign(M*O): e₄ = O(α²) with probability ≥ 0.995 (constant measured)',
  source: { paper: 'A', where: 'Lemma 4, §3.4 Step 4.1; proof App. B.1 (84)–(86), Lemma 10', equations: ['(48)', '(49)', '(50)', '(84)', '(85)', '(86)'] },
  provenance: 'open',
  statement:
    'U₀ = αO, O Haar on O^{d×k}, r ≤ k; G₀ = M*O − α²O, A its best rank-r approximation. There is a universal constant such that with probability ≥ 0.995, ‖msign(A) − msign(M*O)‖ is small for α ≤ … (50). Checked: it vanishes as α → 0 with slope ≥ 1 in log α (binomial test of "≤ 0.5 % failures"), the chain (84) e₄ ≤ 4α²/(σ_r(G₀) + σ_r(M*O)), and the constant C of e₄ ≤ Cα²/(λ_min(√k − √(r−1))/√d) measured.',
  hypotheses: [
    hyp.int('d', 'd ≥ 2 (default 2–20, one case in five 11–20; deep also 21–50)', 2, 50),
    hyp.int('k', 'r ≤ k: k = r, r < k < d, k = d (default); d < k ≤ 2d (deep)', 1, 100),
    hyp.int('r', 'M* ⪰ 0 of rank 1 ≤ r ≤ min(k, d)', 1, 50),
    hyp.real('κ', 'any κ (1 … 1e6 generated, log-uniform, both ends)', 1, 1e6, { scale: 'log' }),
    hyp.real('α', 'α ≤ … (threshold not in the seeds): α = a·√(λ_min(√k − √(r−1))/√d), a log-uniform in [1e-3·max(1, √(κ/1e4)), 3e-2] (the κ-dependent floor keeps the gate decidable in float64)', 1e-3, 3e-2, { scale: 'log', necessary: true }),
    hyp.structure('O', 'O Haar on O^{d×k} (the probability is over O)', { necessary: true }),
    hyp.structure('msign', 'the exact msign (polar factor) in the step', { necessary: true }),
  ],
  modes: { float: float64Field },
  confirm: CONFIRM,
  cases: { quick: { float: 60 }, default: { float: 300 }, deep: { float: 5000 } },
  generate: (_mode, profile) => cases(profile === 'deep' ? deepRanges : inside),
  check,
  probabilistic: PROBABILISTIC,
  probes: [
    dropped('alpha-large', 'α', '"α ≤ …" dropped: a ∈ [3, 30] (α² comparable to σ_r(M*O))', cases({ ...probeRanges, a: { lo: 3, hi: 30, floatFloor: false } }), { quick: 20, default: 40, deep: 500 }),
    dropped('O-degenerate', 'O', 'O Haar dropped: O with σ_min(V*ᵀO) ≈ 1e-7 (k = r)', degenerateO, { quick: 20, default: 40, deep: 500 }),
    dropped('msign-entrywise', 'msign', 'msign replaced by the entrywise sign (planted: msign-is-entrywise-sign)', cases(probeRanges), { quick: 20, default: 40, deep: 500 }, msignIsEntrywiseSign.impl),
  ],
  bins: {
    'κ decade': decades(0, 7),
    d: ['2–4', '5–10', '11–20', '21–50'],
    k: ['k = r', 'r < k < d', 'k = d (r < d)', 'd < k ≤ 2d'],
    'a decade': decades(-3, -1),
  },
  branches: ['B = 0 (k = r < d): msign(G₀) = msign(A)', 'B ≠ 0 (r < k < d): msign(G₀) = msign(A) + msign(B) (49)', 'k ≥ d: G₀ = (M* − α²I)O, e₄ = 0 exactly'],
  deepOnly: {
    d: { bins: ['21–50'], why: "cost: two SVDs of a d×k matrix per α, ~25× a d ≤ 10 case at d = 50 (k up to 2d); the experiments' d = 50 is reached in deep (one case in five)" },
    k: { bins: ['d < k ≤ 2d'], why: 'outside §3.4 (r ≤ k < d; k ≥ d is Theorem 2, where OOᵀ = I and the alignment needs no lemma): an extension the deep profile checks, not asked of default runs' },
  },
  noSearch: 'probabilistic: a case is one draw of (O, α), and one draw in the tail is no counterexample of a rate, so the engine runs no target search on a probabilistic claim; the measured constant of (50) comes from scripts/lemma4-constant.ts (2800 runs) instead',
  fromJSON: (v) => v as L4Case,
});
