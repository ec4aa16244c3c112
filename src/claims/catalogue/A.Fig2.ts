import fc from 'fast-check';
import { seed } from '../../generators/dyadic.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { MACHINE_PRECISION, boundRhs } from '../../reproduce/common.ts';
import { FIG2, assessFig2, runFig2, type Fig2Settings, type GeoSchedule } from '../../reproduce/fig2.ts';
import { defineClaim, float64Field, hyp, probe } from '../kit/index.ts';

/*
 * A.Fig2 — paper A, §2.2 "Numerical experiments", Fig. 2; open (quoted in words, the numbers are ours).
 *
 * On in-context learning (20), (22), Muon reaches machine precision within a few hundred steps for every κ; SignGD
 * and GD are much slower, particularly when ill-conditioned.
 *
 * A case is a reduced Fig. 2 on one seed (W₀ = 0, T = 1500, float64): Muon with Theorem 3's η_t = Cρ^t at
 * C = 1/(2λ_min) = 1/2 and ρ = 1/2 — the smallest C and ρ the theorem admits — at every κ ∈ {2, 10, 30, 100, 1000},
 * at d = 8 and at the paper's d = 20; GD and SignGD at the same κ at d = 8. Every case covers every κ and both d (the
 * runs that reach 1e-10 stop at 1e-13, ~45 steps), so coverage needs no bins. The statements are the figure's own
 * (reproduce/fig2.ts, assessFig2); "a few hundred" is read as fewer than 1000 steps (Muon needs 33–36 here).
 *
 * Scope (docs/findings/fig2.md, measured with scripts/fig2-sweep.ts): the claim is checked for that schedule only.
 * In float64 the outcome depends on the schedule, which the paper does not give: with ρ = 1/2, C = 1/2 every seed
 * tried reached 1e-10 (d = 8: 1000 seeds per κ ∈ {2, 10, 30, 100, 1000}; d = 20: 300 seeds per κ ∈ {2, 10, 100,
 * 1000}; worst smallest error 7e-11 at κ = 1000); with ρ ≥ 0.8, or the plateau rule ×0.5 after 10 steps, κ ≥ 100
 * stalls (off-aligned rounding grows 1.1–3.6× per step there, ≈ 1× or less at ρ = 1/2). Other C at ρ = 1/2 are not
 * claimed: at κ = 1000 some reach 1e-10 at every seed and some at few (C = 0.6, 1.5, 3: float64's rounding floor), and
 * C ∈ {0.8, 1, 2, 4} land λ_min and λ_max exactly on their roots at κ = 2, where float64 msign turns the rounding
 * noise of that plane into a unit step (8, 0, 0, 0 of 100 seeds reach 1e-10 at d = 8). The slow schedule's stall is
 * kept as the probe `slow-decay` (ρ = 0.95, C = 1, seed 1).
 *
 * Float64 only (no exact re-check: a failure is inconclusive). Σ has λ_min = 1 (runner.iclInstance), so C = 1/2.
 */

export interface Fig2Case {
  readonly seed: number;
  /** Theorem 3's schedule; the generator always draws the claimed one (C = 1/2, ρ = 1/2); a probe may not. */
  readonly schedule?: GeoSchedule;
}

const KAPPAS = [2, 10, 30, 100, 1000];

/** C = 1/(2λ_min) with λ_min = 1, ρ = 1/2. */
export const CLAIMED: GeoSchedule = { C: 0.5, rho: 0.5 };

/** The two reduced figures of a case: d = 8 with GD and SignGD, d = 20 with Muon only. */
export function settings(c: Fig2Case): Fig2Settings[] {
  const g = c.schedule ?? CLAIMED;
  const base = { ...FIG2, seed: c.seed, kappas: KAPPAS, steps: 1500, geos: [g], geo: g };
  return [
    { ...base, d: 8, optimizers: ['muon-geo', 'gd', 'signgd'] },
    { ...base, d: 20, optimizers: ['muon-geo'] },
  ];
}

// No shrinking: a smaller seed is not a simpler instance.
const cases = fc.noShrink(fc.record({ seed }));

export default defineClaim<Fig2Case>({
  id: 'A.Fig2',
  title: "Fig. 2 (in-context learning): Muon with Theorem 3's η_t = ½·(½)^t reaches 1e-10 within a few hundred steps for every κ; GD and SignGD slow down as κ grows",
  source: { paper: 'A', where: '§2.2 Numerical experiments, Figure 2', equations: ['(20)', '(22)', '(23)'] },
  provenance: 'open',
  statement:
    `Quoted in words, numbers open. From W₀ = 0, Muon with η_t = Cρ^t, C = 1/(2λ_min) = 1/2, ρ = 1/2 (Theorem 3's smallest admissible values) reaches ‖W − Σ⁻¹‖_F/‖Σ⁻¹‖_F ≤ ${MACHINE_PRECISION} ` +
    `in fewer than ${FIG2.fewHundred} steps for every κ(Σ) ∈ {2, 10, 30, 100, 1000} (d = 8 and 20, float64); after the same budget GD and SignGD (d = 8) are further from Σ⁻¹ at κ = 1000 than at κ = 2. ` +
    'Not claimed (measured to stall at κ ≥ 100 in float64, docs/findings/fig2.md): ρ ≥ 0.8, and the plateau rule ×0.5 after 10 steps.',
  hypotheses: [
    hyp.choice('κ', 'condition number of Σ: every case runs 2, 10, 30, 100 and 1000', KAPPAS),
    hyp.choice('d', 'dimension: every case runs 8 and the paper’s 20 (GD and SignGD at 8 only)', [8, 20]),
    hyp.structure('schedule', 'η_t = Cρ^t with C = 1/(2λ_min) = 1/2 and ρ = 1/2 (the claim’s scope: slower decays stall in float64)', { necessary: true }),
  ],
  modes: { float: float64Field },
  cases: { quick: { float: 2 }, default: { float: 4 }, deep: { float: 60 } },
  generate: () => cases,

  check(c, k) {
    for (const s of settings(c)) {
      const data = runFig2(s, k.impl);
      // Muon: iterations to 1e-10 < 1000 at every κ; GD, SignGD: error after T at κ = 2 < at κ = 1000.
      for (const a of assessFig2(data)) k.bound(`d = ${s.d}: ${a.name}`, a.lhs, boundRhs(a), { why: a.tolerance });
    }
  },

  noSearch: `provenance open (an experiment, reduced): it gates only its qualitative statement; the schedule sweep of docs/findings/fig2.md maps where it reproduces`,
  probes: [
    // The slow decay of the README's finding: off-aligned rounding grows faster than η_t shrinks and the run stalls
    // near 2e-3 (d = 8; docs/findings/fig2.md). If this stops failing, the finding and the claim's scope need a look.
    probe({
      id: 'slow-decay',
      drops: 'ρ = 1/2: η_t = 0.95^t (C = 1), an admissible schedule of Theorem 3 that stalls in float64 at κ ≥ 100',
      hypothesis: 'schedule',
      cases: fc.constant<Fig2Case>({ seed: 1, schedule: { C: 1, rho: 0.95 } }),
      runs: 1,
      what: 'Muon ≤ 1e-10 within a few hundred steps',
    }),
    // The plant changes only msign, so only Muon's runs change and any failure is Muon's.
    probe({
      id: 'muon-as-signgd',
      drops: 'the spectral orthogonalisation: msign replaced by the entrywise sign (Muon becomes SignGD)',
      cases: fc.constant<Fig2Case>({ seed: 1 }),
      runs: 1,
      impl: msignIsEntrywiseSign.impl,
      what: 'Muon ≤ 1e-10 within a few hundred steps',
    }),
  ],
  mayBeInconclusive:
    'float64 experiments without an exact re-check. Measured for the claimed schedule: no seed failed (1300 seeds at κ = 1000, smallest error ≤ 7e-11), so an inconclusive case is rare but not excluded: at κ = 1000 float64 rounding of the gradient sets a floor between 1e-12 and 1e-10 (docs/findings/fig2.md)',
});
