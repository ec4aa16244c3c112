import fc from 'fast-check';
import { MACHINE_PRECISION, type Assertion } from '../../reproduce/common.ts';
import { FIG1, assessFig1, runFig1, type Fig1Settings } from '../../reproduce/fig1.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import type { CaseOutcome, CheckContext, Claim } from '../types.ts';

/*
 * A.Fig1 (paper A, §2.1.4, Fig. 1; quoted in words, numbers open): on matrix factorisation Muon reaches
 * machine-level precision within a few hundred to a few thousand iterations for every κ and search rank k, also from
 * moderately sized initialisations; GD and SignGD slow down as κ grows.
 *
 * A case is a reduced Fig. 1 (d = 20, r = 3, budget T = 1000, the figure's plateau rule and η₀): Muon at the case's
 * (κ, k, α) and at κ = 10; GD and SignGD at κ = 10 and at the case's κ. The full figure (`muon-claims reproduce fig1`)
 * runs the same assertions (reproduce/fig1.ts, assessFig1) on its own data. Float64 only: these are the paper's
 * float experiments, there is no exact re-check (a failing case is reported inconclusive, with the case).
 */

export interface Fig1Case {
  readonly seed: number;
  readonly kappa: number;
  readonly k: number;
  readonly alpha: number;
}

export const REDUCED_FIG1: Omit<Fig1Settings, 'k' | 'kappas' | 'kappa' | 'alphas' | 'seed'> = {
  ...FIG1,
  d: 20,
  r: 3,
  ks: [],
  // 1000 ≤ "a few thousand": a stricter budget than the paper's words (Muon needs ~300–500 here)
  steps: 1000,
  optimizers: ['muon', 'gd', 'signgd'],
};

export function fig1Settings(c: Fig1Case): Fig1Settings {
  return { ...REDUCED_FIG1, seed: c.seed, k: c.k, kappas: [10, c.kappa], kappa: c.kappa, alphas: [c.alpha] };
}

const ks = [3, 6, 20, 40]; // k = r, 2r, d, 2d
// No shrinking: every field is a choice among a handful of values, and a smaller seed is not a simpler instance
// (shrinking would only re-run ~1 s experiments); the failing case is reported as drawn.
const arbitrary = fc.noShrink(
  fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    kappa: fc.constantFrom(1e2, 1e3, 1e4),
    k: fc.constantFrom(...ks),
    alpha: fc.constantFrom(1e-3, 1e-1, 1),
  }),
);

function check(c: Fig1Case, ctx: CheckContext): CaseOutcome {
  const data = runFig1(fig1Settings(c), ctx.impl, ['kappa', 'alpha']);
  const bounds: Assertion[] = assessFig1(data);
  const kBin = c.k === 3 ? 'k = r' : c.k < 20 ? 'r < k < d' : c.k === 20 ? 'k = d' : 'k > d';
  return {
    bounds,
    bins: { 'κ decade': `1e${Math.round(Math.log10(c.kappa))}`, k: kBin, α: String(c.alpha) },
    branches: [kBin],
  };
}

export const claim: Claim<Fig1Case> = {
  id: 'A.Fig1',
  title: 'Fig. 1 (matrix factorization): Muon reaches 1e-10 for every κ, k and init scale; GD and SignGD slow down as κ grows',
  source: { paper: 'A', where: '§2.1.4 Numerical experiments, Figure 1', equations: ['(5)', '(6)'] },
  provenance: 'open',
  statement:
    'Quoted in words, numbers open. With the plateau step decay and small initialisation, Muon reaches relative error ‖UUᵀ − M*‖_F/‖M*‖_F ≤ ' +
    `${MACHINE_PRECISION} within the budget (a few thousand iterations) for every κ and search rank k tried, also from moderately sized initialisations (α up to √λ_max); ` +
    'after the same budget GD and SignGD are further from M* at large κ than at κ = 10.',
  hypotheses: [
    { name: 'κ', text: 'condition number of M*, 10² … 10⁴ (compared with 10)', domain: { kind: 'choice', values: [1e2, 1e3, 1e4] } },
    { name: 'k', text: 'search rank from r to beyond d (d = 20, r = 3)', domain: { kind: 'choice', values: ks } },
    { name: 'α', text: 'initialisation scale U₀ = α·O, small to moderate', domain: { kind: 'choice', values: [1e-3, 1e-1, 1] } },
    { name: 'schedule', text: 'plateau decay: η ← η/2 after 10 steps without a 1e-4 relative improvement (GD: constant η)', domain: { kind: 'structure' } },
  ],
  modes: ['float'],
  cases: { quick: { float: 2 }, default: { float: 4 }, deep: { float: 60 } },
  arbitrary: () => arbitrary,
  check,
  probes: [
    {
      id: 'muon-as-signgd',
      drops: 'the spectral orthogonalisation: msign replaced by the entrywise sign (Muon becomes SignGD)',
      run: ({ impl }) => {
        const c: Fig1Case = { seed: 1, kappa: 1e2, k: 6, alpha: 1e-3 };
        const out = check(c, { mode: 'float', impl: { ...msignIsEntrywiseSign.impl, name: `${impl.name}+${msignIsEntrywiseSign.id}` } });
        const broken = out.bounds.find((b) => !b.holds && b.name.startsWith('Muon'));
        return broken
          ? { found: true, witness: c, bound: broken, summary: `with msign → sign, "${broken.name}" fails: ${broken.lhs} > ${broken.rhs}` }
          : { found: false, summary: 'Muon with the entrywise sign still reached 1e-10: the check cannot tell Muon from SignGD' };
      },
    },
  ],
  binSpace: { 'κ decade': ['1e2', '1e3', '1e4'], k: ['k = r', 'r < k < d', 'k = d', 'k > d'] },
  branchSpace: ['k = r', 'r < k < d', 'k = d', 'k > d'],
  mayBeInconclusive: 'float64 experiments without an exact re-check: a failing case is reported inconclusive with the case (a finding, see reports/figures/fig1.json)',
};

export default claim;
