import fc, { type Arbitrary } from 'fast-check';
import { pairRun } from '../../cases/mfalign.ts';
import { mfInstance, type MfInstance } from '../../cases/mf.ts';
import { sub } from '../../linalg/mat.ts';
import { spectral } from '../../linalg/norms.ts';
import * as gen from '../../generators/index.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { decade, decades, defineClaim, float64Field, hyp, probe, rhoBin, RHO_BINS, type Ctx } from '../kit/index.ts';

/*
 * A.L5 — paper A, Lemma 5 (§3.4 Step 4.3, (61); proof App. B.2, (89)–(90)). Formulas are stripped from the seeds; the
 * words are quoted: "Assume that [α ≤ …]. Then it holds that (61). In addition, we have [bounds on ‖U_t‖, ‖Ũ_t‖]"; the
 * proof: "the update rule (6) allows us to upper bound the size of U_t as (89a) provided that …; the same argument
 * applies to Ũ_t, yielding (89b). Then it follows from (6) and our construction (53) that (90), where … the last
 * inequality invokes the triangle inequality and (89)".
 *
 * reconstructed. The forms checked, along every step t = 1 … T of the real run U_t (the implementation's Muon from
 * U₀ = αO) and of the auxiliary aligned trajectory Ũ_t (53) built from its first step (src/cases/mfalign.ts):
 *   (89a) ‖U_t‖ ≤ B_t := α + 2√λ_max(1 − ρ^t)/(1 − ρ)      (‖msign‖ ≤ 1 and η_s = C_s√λ_max ρ^s ≤ 2√λ_max ρ^s)
 *   (89b) ‖Ũ_t‖ ≤ 2√λ_max(1 − ρ^t)/(1 − ρ)                 (Ũ₁ = η₀Q, ‖Q‖ = 1; |σ_{i,t+1}| ≤ |σ_{i,t}| + η_t)
 *   (61)  ‖∇f(U_t) − ∇f(Ũ_t)‖ ≤ (3B_t² + λ_max)·‖U_t − Ũ_t‖ (∇f(U) − ∇f(Ũ) = (U − Ũ)UᵀU + Ũ(U − Ũ)ᵀU + ŨŨᵀ(U − Ũ)
 *                                                           − M*(U − Ũ), then the triangle inequality and (89))
 * The paper's (61) then bounds 3B_t² + λ_max by a constant times λ_max/(1 − ρ)² under α ≤ √λ_max (its assumption):
 * B_t ≤ √λ_max(1 + 2/(1 − ρ)) ≤ 3√λ_max/(1 − ρ), so 3B_t² + λ_max ≤ 28λ_max/(1 − ρ)²; the check keeps B_t (sharper).
 * α = a·√λ_max, a ∈ [1e-4, 1] (the assumption α ≤ √λ_max).
 *
 * Float tolerances: ‖U_t‖ carries t steps of rounding, each ≤ 2u·B_t for the update and (d + k)u from msign's
 * orthonormality: t·2(d + k + 1)u·B_t; Ũ_t is formed from orthonormal V*, N, Q₂ (each to (d + k)u): 4(d + k)u·B_t;
 * each gradient rounds by ≤ 2(d + k)u(B_t³ + λ_max B_t) (products of ≤ d + k terms), so (61) allows
 * 4(d + k)u(B_t³ + λ_max B_t) + (3B_t² + λ_max)·2(d + k)u·B_t (the gap's own rounding).
 */

export interface L5Case extends MfInstance {
  readonly rho: number;
  readonly cSeed: number;
  readonly steps: number;
  /** α/√λ_max. */
  readonly a: number;
  /** C_t's law: the lemma's Unif(1, 2), or a probe's Unif(2, 4). */
  readonly cRange: readonly [number, number];
}

export function cases(o: { readonly dMax: number; readonly stepsMax: number }): Arbitrary<L5Case> {
  return fc
    .record({ d: fc.integer({ min: 2, max: o.dMax }), kFrac: fc.integer({ min: 0, max: 100 }), rFrac: fc.integer({ min: 1, max: 100 }), kappa: gen.kappa({ min: 1, max: 1e6 }), pattern: gen.spectrumPattern, seed: gen.seed, rho: gen.rho(2 / 3, 0.95), cSeed: gen.seed, steps: fc.integer({ min: 1, max: o.stepsMax }), a: gen.logUniform(1e-4, 1) })
    .map(({ d, kFrac, rFrac, kappa, pattern, seed, rho, cSeed, steps, a }) => {
      const r = Math.max(1, Math.ceil(((d - 1) * rFrac) / 100));
      const k = r + Math.round(((d - 1 - r) * kFrac) / 100); // r ≤ k < d
      return { ...mfInstance(seed, d, k, r, kappa, pattern), rho, cSeed, steps, a, cRange: [1, 2] as const };
    });
}

const inside = cases({ dMax: 8, stepsMax: 60 });
const deep = cases({ dMax: 30, stepsMax: 200 });

function check<T>(c: L5Case, k: Ctx<T>): void {
  const { F } = k;
  k.bin('κ', c.kappa < 1e2 ? '1–1e2' : c.kappa < 1e4 ? '1e2–1e4' : '1e4–1e6');
  k.bin('ρ', rhoBin(c.rho));
  k.bin('α/√λ_max decade', decade(c.a, { hi: -1 }));
  k.bin('k', c.k === c.r ? 'k = r' : 'r < k < d');
  const lmax = c.lambdas[0]!;
  const alpha = c.a * Math.sqrt(lmax);
  const p = pairRun(k.impl, k.la, c, { alpha, rho: c.rho, prefactor: { cSeed: c.cSeed, range: c.cRange }, steps: c.steps });
  if (p.status !== 'completed') return k.inconclusive(`run ended '${p.status}': ${p.message ?? ''}`);
  const dk = c.d + c.k;
  const sq = Math.sqrt(lmax);
  for (let t = 1; t <= c.steps; t++) {
    const sum = (2 * sq * (1 - c.rho ** t)) / (1 - c.rho);
    const B = alpha + sum;
    const U = p.U[t]!;
    const Ut = p.Ut[t]!;
    const nU = spectral(F, U);
    const nUt = spectral(F, Ut);
    k.bound('(89a) ‖U_t‖ ≤ α + 2√λ_max(1 − ρ^t)/(1 − ρ)', nU, B, { tol: t * 2 * (dk + 1) * k.u * B, why: 't·2(d + k + 1)u·B_t: t updates and msign orthonormality', at: t });
    k.bound('(89b) ‖Ũ_t‖ ≤ 2√λ_max(1 − ρ^t)/(1 − ρ)', nUt, sum, { tol: 4 * dk * k.u * B, why: '4(d + k)u·B_t: Ũ_t formed from orthonormal factors', at: t });
    const gap = spectral(F, sub(F, U, Ut));
    const gd = spectral(F, sub(F, p.problem.grad(U), p.problem.grad(Ut)));
    const L = 3 * B * B + lmax;
    if (F.toNumber(gap) > 0) k.branch('U_t ≠ Ũ_t (the residual of (52a) carried along)');
    k.bound('(61) ‖∇f(U_t) − ∇f(Ũ_t)‖ ≤ (3B_t² + λ_max)‖U_t − Ũ_t‖', gd, F.mul(F.of(L), gap), { tol: 4 * dk * k.u * (B ** 3 + lmax * B) + L * 2 * dk * k.u * B, why: 'two gradients 2(d + k)u(B³ + λ_max B) each, and the gap 2(d + k)u·B_t', at: t });
  }
  k.branch(c.k > c.r ? 'k > r: Ũ has null directions (λ̃ = 0)' : 'k = r');
}

export default defineClaim<L5Case>({
  id: 'A.L5',
  title: 'The real and auxiliary trajectories: ‖U_t‖, ‖Ũ_t‖ ≤ α + 2√λ_max/(1 − ρ) (89), gradients (3B² + λ_max)-Lipschitz between them (61)',
  source: { paper: 'A', where: 'Lemma 5, §3.4 Step 4.3; proof App. B.2 (89)–(90)', equations: ['(53)', '(61)', '(89a)', '(89b)', '(90)'] },
  provenance: 'reconstructed',
  statement:
    'U_t the Muon run (6) from U₀ = αO (α ≤ √λ_max, η_t = C_t√λ_max ρ^t, C_t ∈ [1, 2]), Ũ_t the auxiliary aligned trajectory (53): ‖U_t‖ ≤ α + 2√λ_max(1 − ρ^t)/(1 − ρ) (89a), ‖Ũ_t‖ ≤ 2√λ_max(1 − ρ^t)/(1 − ρ) (89b), and ‖∇f(U_t) − ∇f(Ũ_t)‖ ≤ (3B_t² + λ_max)‖U_t − Ũ_t‖ with B_t the bound of (89a) (61).',
  hypotheses: [
    hyp.int('d', 'd ≥ 2 (2–8 default, to 30 deep)', 2, 30),
    hyp.int('k, r', '1 ≤ r ≤ k < d', 1, 29),
    hyp.real('κ', 'any κ (1 … 1e6)', 1, 1e6, { scale: 'log' }),
    hyp.real('ρ', 'ρ ∈ (0, 1) (generated [2/3, 0.95))', 2 / 3, 0.95, { closed: 'left' }),
    hyp.real('C_t', 'C_t ∈ [1, 2] (iid Unif(1, 2) generated)', 1, 2, { necessary: true }),
    hyp.real('α', 'α ≤ √λ_max: α/√λ_max ∈ [1e-4, 1] log-uniform', 1e-4, 1, { scale: 'log' }),
    hyp.structure('msign', 'the exact msign (‖msign(G)‖ ≤ 1)', { necessary: true }),
  ],
  modes: { float: float64Field },
  cases: { quick: { float: 20 }, default: { float: 120 }, deep: { float: 3000 } },
  generate: (_mode, profile) => (profile === 'deep' ? deep : inside),
  check,
  probes: [
    probe({ id: 'prefactor-above-two', hypothesis: 'C_t', drops: 'C_t ≤ 2 dropped: C_t ~ Unif(2, 4)', cases: inside.map((c) => ({ ...c, cRange: [2, 4] as const })), runs: { quick: 20, default: 40, deep: 400 } }),
    probe({ id: 'msign-entrywise', hypothesis: 'msign', drops: 'msign replaced by the entrywise sign (planted: msign-is-entrywise-sign; ‖sign(G)‖ up to √(dk))', impl: msignIsEntrywiseSign.impl, runs: { quick: 20, default: 40, deep: 400 } }),
  ],
  bins: { κ: ['1–1e2', '1e2–1e4', '1e4–1e6'], ρ: RHO_BINS.slice(1), 'α/√λ_max decade': decades(-4, 0), k: ['k = r', 'r < k < d'] },
  branches: ['k = r', 'k > r: Ũ has null directions (λ̃ = 0)', 'U_t ≠ Ũ_t (the residual of (52a) carried along)'],
  search: {
    params: (c) => [Math.log10(c.a), Math.log10(c.kappa), c.rho],
    withParams: (c, [la, lk, rho]) => {
      const a = 10 ** la!;
      const kappa = 10 ** lk!;
      if (!(a >= 1e-4 && a <= 1 && kappa >= 1 && kappa <= 1e6 && rho! >= 2 / 3 && rho! < 0.95)) return undefined;
      return { ...mfInstance(c.seed, c.d, c.k, c.r, kappa, c.pattern), O: c.O, rho: rho!, cSeed: c.cSeed, steps: c.steps, a, cRange: c.cRange };
    },
    steps: [0.3, 0.5, 0.02],
  },
  fromJSON: (v) => v as L5Case,
});
