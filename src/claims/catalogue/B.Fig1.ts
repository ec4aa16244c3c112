import fc from 'fast-check';
import { seed } from '../../generators/dyadic.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { boundRhs } from '../../reproduce/common.ts';
import { BFIG1, assessBFig1, runBFig1, type BFig1Settings } from '../../reproduce/b-fig1.ts';
import { defineClaim, float64Field, hyp, probe } from '../kit/index.ts';

/*
 * B.Fig1 — paper B (v2) Fig. 1, the quadratic f(W) = tr((W − W*)ᵀQ(W − W*)): GD with 1/L against Muon, Q of low
 * effective rank against full-rank Q; open (App. E's settings are not in the seeds: sizes, spectra and steps are ours,
 * printed on the figure of `muon-claims reproduce B.Fig1`).
 *
 * Statement gated (the qualitative one, seed 003: "Muon faster when D_F²L/(D_op²L_*) > 1", "Muon's advantage in early
 * optimization phases"; break condition "full-rank Hessian with uniform eigenvalues: the advantage disappears"):
 *  - Q of low effective rank (λ = 1, 0.01, …, 0.01; ‖Q‖_* ≈ 1.09‖Q‖_op at m = 10): Muon with Theorem 4.11's step
 *    η_t = ‖∇f‖_* / L_* reaches 1e-2 of the initial gap in fewer iterations than GD with 1/L;
 *  - Q full rank, eigenvalues uniform on [2/3, 1]: GD reaches it no later than Muon.
 * A case is the figure reduced to T = 200 on one seed (W₀ = 0, W* Gaussian 10×10; both targets are met within ~120
 * steps at the figure's seed), without the constant-step Muon of the figure (that grid is the figure's, not gated).
 * Float64 only: a failure is inconclusive, never confirmed.
 */

export interface BFig1Case {
  readonly seed: number;
  /** The probe: the two problems swapped, so that the full-rank Q is held to the low-rank statement. */
  readonly swap?: boolean;
}

export function settingsOf(c: BFig1Case): BFig1Settings {
  const problems = c.swap ? [...BFIG1.problems].reverse() : BFIG1.problems;
  return { ...BFIG1, seed: c.seed, steps: 200, muonGrid: [], problems };
}

const cases = fc.noShrink(fc.record({ seed }));

export default defineClaim<BFig1Case>({
  id: 'B.Fig1',
  title: 'B Fig. 1 (quadratic): with Q of low effective rank Muon (η_t = ‖∇f‖_*/L_*) reaches 1e-2 of the gap before GD (1/L); with full-rank uniform Q it does not',
  source: { paper: 'B', where: 'v2 Figure 1 (quadratic), §4; App. E settings not in the seeds', equations: ['Fig. 1'] },
  provenance: 'open',
  statement:
    'Quoted in words, numbers open. f(W) = tr((W − W*)ᵀQ(W − W*)), W ∈ ℝ^{10×10}, W₀ = 0: with λ(Q) = (1, 0.01, …, 0.01) Muon with η_t = ‖∇f(W_t)‖_*/L_* reaches (f − f*) ≤ 1e-2·(f(W₀) − f*) in fewer iterations than GD with η = 1/L; with λ(Q) uniform on [2/3, 1] GD reaches it no later.',
  hypotheses: [
    hyp.structure('Q of low effective rank', 'λ(Q) = (1, 0.01, …): ‖Q‖_* ≈ ‖Q‖_op ≪ r‖Q‖_op', { necessary: true }),
    hyp.structure('msign', 'the orthogonalized update msign(∇f)', { necessary: true }),
    hyp.structure('W*', 'W* Gaussian, W₀ = 0, 10×10 (any seed)'),
  ],
  modes: { float: float64Field },
  cases: { quick: { float: 2 }, default: { float: 4 }, deep: { float: 100 } },
  generate: () => cases,

  check(c, k) {
    const data = runBFig1(settingsOf(c), k.impl);
    for (const a of assessBFig1(data)) k.bound(a.name, a.lhs, boundRhs(a), { why: a.tolerance });
    k.trace(() => ({ constants: data.constants, iters: data.runs.map((r) => [r.problem, r.optimizer, r.itersToEarly]) }));
  },

  probes: [
    probe({ id: 'full-rank-held-to-low-rank', hypothesis: 'Q of low effective rank', drops: 'low effective rank dropped: the full-rank uniform Q held to "Muon first" (and the low-rank Q to "GD no later")', cases: cases.map((c) => ({ ...c, swap: true })), runs: 2, what: 'Muon first on the full-rank Q' }),
    probe({ id: 'entrywise-sign', hypothesis: 'msign', drops: 'msign replaced by the entrywise sign (Muon becomes SignGD with the step ‖∇f‖_* / L_*)', cases, impl: msignIsEntrywiseSign.impl, runs: 2, what: 'the Fig. 1 statements with sign(∇f)' }),
  ],
  noSearch: 'provenance open (an experiment, reduced): it gates only its qualitative statement; the 30 random seeds measured held it (no parameter to climb but the seed)',
  mayBeInconclusive: 'float64 experiment without an exact re-check: a failing seed is reported inconclusive (none failed in the seeds measured, docs in the claim header)',
});
