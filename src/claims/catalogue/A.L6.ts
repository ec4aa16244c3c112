import fc, { type Arbitrary } from 'fast-check';
import { antiConcentration, auxScalars } from '../../cases/mfalign.ts';
import { mfInstance, type MfInstance } from '../../cases/mf.ts';
import * as gen from '../../generators/index.ts';
import { decade, decades, defineClaim, float64Field, hyp, probe, rhoBin, RHO_BINS, type Ctx } from '../kit/index.ts';

/*
 * A.L6 — paper A, Lemma 6 (§3.4 Step 4.3, (63); proof App. B.3, (91)–(95)). Formulas are stripped from the seeds; the
 * words are quoted: "Consider any [τ]. Then for every step t, we have (63), where F_t represents all events that
 * happen up to and including time t" — a conditional anti-concentration bound that "lower bounds" σ_min(∇f(Ũ_t)) for
 * the auxiliary aligned trajectory (53), from the uniform prefactors: "conditional on past randomness, σ_{i,t+1} is
 * uniformly distributed over an interval of length √λ_max ρ^t" (91), two cases λ̃ᵢ = 0 (92) and λ̃ᵢ > 0 (93)–(95),
 * then a union bound over the indices.
 *
 * reconstructed. The form checked (our derivation along B.3's two cases; the paper's constants are not in the seeds):
 * with ℓ_t = √λ_max ρ^t and h_λ(x) = |x³ − λx| (the singular values of ∇f(Ũ) are h_{λ̃ᵢ}(σ_{i,t}), Lemma 3),
 *   P( ∃ i ≤ r: h_{λᵢ}(σ_{i,t+1}) ≤ τλᵢℓ_t,  or (k > r) |s_{t+1}| ≤ τℓ_t  |  F_t ) ≤ (12r + 2·1[k > r])·τ      (63)
 * Case λ > 0 ((93): for x ≥ 0, h(x) ≥ (λ/2)·min(x, |x − √λ|) — x(√λ − x)(√λ + x) ≥ min·(√λ/2)·√λ below √λ and
 * x(x − √λ)(x + √λ) ≥ 2λ(x − √λ) above): {h ≤ τλℓ} lies in three intervals of radius 2τℓ around −√λ, 0, √λ, of
 * total length 12τℓ, and σ_{i,t+1} has density 1/ℓ. Case λ = 0 (92): {|s| ≤ τℓ} has length 2τℓ; the k − r null
 * directions share one sequence (same start η₀, same λ̃ = 0), so they count once. Union bound over the r + 1 sequences.
 *
 * The check computes the left side exactly (not by sampling): given σ_{·,t}, every σ_{i,t+1} = σ_{i,t} − C_t ℓ_t
 * sign(h-gradient) is an affine function of the one C_t ~ Unif(1, 2), so the event is a union of C-intervals whose
 * ends are roots of the cubics x³ − λx = ±s (closed form, Newton-polished; src/cases/mfalign.ts). The sequences are
 * the auxiliary trajectory's own, σ_{·,1} = η₀, from the implementation's S.geo (its η_t and C_t).
 *
 * Float tolerance and horizon: the C-interval ends are cubic roots x with |x − c| ≲ ℓ_t around c ∈ {−√λ, 0, √λ}, known
 * to ~u·√λ_max absolute (√λ rounds, Newton stops at the float grid), so each end in C-units is off by ≲ 16u·√λ_max/ℓ_t
 * and the probability (≤ 6 ends per index, r + 1 indices, each end counted twice) by ≤ 12(r + 1)·16u·√λ_max/ℓ_t. The
 * statement is conditional on any past, so the float σ_t themselves need no tolerance. Steps with ℓ_t < 1e-8·√λ_max
 * are beyond float64's resolution of the conditional law and are not checked (bin 'steps checked'); T_ε of Theorem 1
 * with ε ≥ 1e-6·λ_max ends near ℓ_T ≈ (1 − ρ)²ε/16, i.e. above it.
 */

export interface L6Case extends MfInstance {
  readonly rho: number;
  readonly cSeed: number;
  readonly steps: number;
  readonly tau: number;
  /** The law of C_t: the lemma's Unif(1, 2); the probes' point mass at 1.5 or Unif(1, 1.01). */
  readonly law: 'Unif(1,2)' | 'C=1.5' | 'Unif(1,1.01)';
}

const RANGES: Record<L6Case['law'], readonly [number, number]> = { 'Unif(1,2)': [1, 2], 'C=1.5': [1.5, 1.5], 'Unif(1,1.01)': [1, 1.01] };

const TAUS = [1e-3, 1e-2, 3e-2];

/** Steps with ℓ_t = √λ_max ρ^t below 1e-8·√λ_max are not checked (float horizon, header). */
const HORIZON = 1e-8;

export function cases(o: { readonly kappaMax: number; readonly dMax: number; readonly stepsMax: number }): Arbitrary<L6Case> {
  return fc
    .record({ d: fc.integer({ min: 2, max: o.dMax }), kFrac: fc.integer({ min: 0, max: 100 }), rFrac: fc.integer({ min: 1, max: 100 }), kappa: gen.kappa({ min: 1, max: o.kappaMax }), pattern: gen.spectrumPattern, seed: gen.seed, rho: gen.rho(2 / 3, 0.97), cSeed: gen.seed, steps: fc.integer({ min: 2, max: o.stepsMax }), tau: fc.constantFrom(...TAUS) })
    .map(({ d, kFrac, rFrac, kappa, pattern, seed, rho, cSeed, steps, tau }) => {
      const r = Math.max(1, Math.ceil(((d - 1) * rFrac) / 100));
      const k = r + Math.round(((d - 1 - r) * kFrac) / 100); // r ≤ k < d
      return { ...mfInstance(seed, d, k, r, kappa, pattern), rho, cSeed, steps, tau, law: 'Unif(1,2)' as const };
    });
}

const inside = cases({ kappaMax: 1e6, dMax: 12, stepsMax: 150 });
const deep = cases({ kappaMax: 1e8, dMax: 50, stepsMax: 400 });

function check<T>(c: L6Case, k: Ctx<T>): void {
  const cRange = RANGES[c.law];
  k.bin('κ decade', decade(c.kappa, { lo: 0 }));
  k.bin('ρ', rhoBin(c.rho));
  k.bin('τ', String(c.tau));
  k.bin('k', c.k === c.r ? 'k = r' : 'r < k < d');
  k.branch(c.k > c.r ? 'case 1 (92): a null direction λ̃ = 0' : 'case 2 only (93)–(95): every λ̃ᵢ > 0');
  const aux = auxScalars(k.impl, k.impl.float.F, c, c.rho, cRange[0] === cRange[1] ? { C: cRange[0] } : { cSeed: c.cSeed, range: cRange }, c.steps);
  const lmax = c.lambdas[0]!;
  const rhs = (12 * c.r + (c.k > c.r ? 2 : 0)) * c.tau;
  let worst = 0;
  let horizon = c.steps;
  for (let t = 1; t < c.steps; t++) {
    const now = aux.seqs.map((s) => s[t - 1]!);
    const ell = Math.sqrt(lmax) * c.rho ** t;
    if (ell < HORIZON * Math.sqrt(lmax)) {
      horizon = t;
      break;
    }
    const tol = 12 * (c.r + 1) * 16 * k.u * (Math.sqrt(lmax) / ell);
    const ac = antiConcentration(now, aux.lambdas, ell, c.tau, cRange);
    if (ac.p > 0) k.branch('the event has positive conditional probability at some t');
    worst = Math.max(worst, ac.p);
    k.bound('(63)', ac.p, rhs, { tol, why: '12(r + 1)·16u·√λ_max/ℓ_t: interval ends from cubic roots near ±√λ, 0, resolved to u·√λ_max against ℓ_t (header)', at: t });
  }
  k.bin('steps checked', horizon === c.steps ? 'all' : 'to the float horizon ℓ_t ≥ 1e-8√λ_max');
  k.trace(() => ({ horizon, worstConditionalProbability: worst, bound: rhs, tau: c.tau, sequences: aux.seqs.length }));
}


export default defineClaim<L6Case>({
  id: 'A.L6',
  title: 'Anti-concentration from the uniform prefactors: P(σ_min(∇f(Ũ_{t+1})) small | F_t) ≤ (12r + 2·1[k > r])τ',
  source: { paper: 'A', where: 'Lemma 6, §3.4 Step 4.3; proof App. B.3 (91)–(95)', equations: ['(58)', '(63)', '(91)', '(92)', '(93)', '(94)', '(95)'] },
  provenance: 'reconstructed',
  statement:
    'For the auxiliary aligned trajectory (53) with η_t = C_t√λ_max ρ^t, C_t iid Unif(1, 2), and any τ: P(∃ i ≤ r: |σ_{i,t+1}³ − λᵢσ_{i,t+1}| ≤ τλᵢ√λ_max ρ^t, or (k > r) |s_{t+1}| ≤ τ√λ_max ρ^t | F_t) ≤ (12r + 2·1[k > r])τ at every t ≥ 1 (form and constants reconstructed along App. B.3).',
  hypotheses: [
    hyp.int('d', 'd ≥ 2 (2–12 default, to 50 deep)', 2, 50),
    hyp.int('k, r', '1 ≤ r ≤ k < d', 1, 49),
    hyp.real('κ', 'any κ (1 … 1e6 default, 1e8 deep)', 1, 1e8, { scale: 'log' }),
    hyp.real('ρ', 'ρ ∈ [2/3, 1) (generated to 0.97)', 2 / 3, 0.97, { closed: 'left' }),
    hyp.real('C_t', 'C_t iid Unif(1, 2), fresh each step', 1, 2, { necessary: true }),
    hyp.choice('τ', 'any τ > 0; τ ∈ {1e-3, 1e-2, 3e-2} generated (the bound is below 1 there for small r)', TAUS),
  ],
  modes: { float: float64Field },
  cases: { quick: { float: 40 }, default: { float: 300 }, deep: { float: 5000 } },
  generate: (_mode, profile) => (profile === 'deep' ? deep : inside),
  check,
  probes: [
    probe({ id: 'prefactor-fixed', hypothesis: 'C_t', drops: 'C_t iid Unif(1, 2) dropped: every C_t = 1.5 (the law is a point mass)', cases: inside.map((c) => ({ ...c, law: 'C=1.5' as const })), runs: { quick: 60, default: 200, deep: 2000 } }),
    probe({ id: 'prefactor-narrow', hypothesis: 'C_t', drops: 'C_t ~ Unif(1, 2) narrowed to Unif(1, 1.01): the density of σ_{t+1} is 100× higher', cases: inside.map((c) => ({ ...c, law: 'Unif(1,1.01)' as const })), runs: { quick: 60, default: 200, deep: 2000 } }),
  ],
  bins: { 'κ decade': decades(0, 7), ρ: RHO_BINS.slice(1), τ: TAUS.map(String), k: ['k = r', 'r < k < d'], 'steps checked': ['all', 'to the float horizon ℓ_t ≥ 1e-8√λ_max'] },
  branches: ['case 1 (92): a null direction λ̃ = 0', 'case 2 only (93)–(95): every λ̃ᵢ > 0', 'the event has positive conditional probability at some t'],
  search: {
    params: (c) => [Math.log10(c.kappa), c.rho],
    withParams: (c, [lk, rho]) => {
      const kappa = 10 ** lk!;
      if (!(kappa >= 1 && kappa <= 1e6 && rho! >= 2 / 3 && rho! < 0.97)) return undefined;
      return { ...mfInstance(c.seed, c.d, c.k, c.r, kappa, c.pattern), O: c.O, rho: rho!, cSeed: c.cSeed, steps: c.steps, tau: c.tau, law: c.law };
    },
    steps: [0.5, 0.02],
  },
  fromJSON: (v) => v as L6Case,
});
