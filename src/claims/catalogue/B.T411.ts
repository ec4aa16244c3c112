import fc, { type Arbitrary } from 'fast-check';
import { exactField } from '../../arith/exact.ts';
import type { Field } from '../../arith/field.ts';
import { float64 } from '../../arith/float64.ts';
import { sub } from '../../linalg/mat.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { probeSearch } from '../search.ts';
import type { Bound, CaseOutcome, CheckContext, Claim } from '../types.ts';
import { qIn } from '../../cases/quadB.ts';
import { CONFIRM_PRECISION, constants, fro, loop, nuc, op, quadBArbitrary, rankBin, shapeBin, toField, U64, type QuadBCase } from './quadB-cases.ts';

/*
 * B.T411 (paper B Theorem 4.11, star-convex; step quoted, bound reconstructed): Muon with η_t = ‖∇f(W_t)‖_{*}/L_*
 * and D_op ≥ max_t ‖W_t − W*‖ (Assumption 4.10) satisfies
 *   (4.11)   f(W_T) − f* ≤ 2L_*D_op²/T,
 * and GD with η = 1/L, D_F = max_t ‖W_t − W*‖_F:
 *   (GD)     f(W_T) − f* ≤ 2LD_F²/T.
 * Proof: the step minimises the descent bound, f(W_{t+1}) ≤ f(W_t) − ‖G_t‖_*²/(2L_*); star-convexity
 * f(W_t) − f* ≤ ⟨G_t, W_t − W*⟩ ≤ ‖G_t‖_*·D_op; so δ_{t+1} ≤ δ_t − δ_t²/(2L_*D_op²), 1/δ_T ≥ T/(2L_*D_op²).
 * (GD: the same with ‖·‖_F.) Checked on P.quadB (convex, so star-convex about W*) with the true L, L_* and the
 * measured D_op, D_F along the two runs. Bins record when Muon's bound is the smaller (D_F²L/(D_op²L_*) > 1) and which
 * run actually ends lower. Muon with NS5 and the same step is recorded beside it (not gated: with ‖N‖ up to 1.2024 the
 * step ‖G‖_{*}/L_* overshoots the NS5 descent bound, 1.2024²/2 > 0.6818, so no rate follows from B.NS5's facts).
 */

export interface T411Case extends QuadBCase {
  readonly T: number;
}

const arbitrary: Arbitrary<T411Case> = fc
  .record({ q: quadBArbitrary({ mMax: 5, nMax: 5, kappaMax: 1e3 }), T: fc.integer({ min: 1, max: 40 }) })
  .map(({ q, T }) => ({ ...q, T }));

function checkIn<T>(F: Field<T>, c: T411Case, ctx: CheckContext): CaseOutcome {
  const la = ctx.impl.over(F);
  const p = ctx.impl.problems.quadB(la, qIn(F, c), toField(F, c.Wstar));
  const { m, n, T } = c;
  const { L, Lstar, r } = constants(c);
  const u = F.unitRoundoff;
  const W0 = toField(F, c.W0);
  const invLstar = F.of(1 / Lstar);
  const muon = loop(p, ctx.impl.optimizers.muon(), W0, T, (G) => F.mul(F.of(nuc(F, G)), invLstar));
  const gd = loop(p, ctx.impl.optimizers.gd, W0, T, () => F.of(1 / L));
  if (muon.status !== 'completed' || gd.status !== 'completed') return { bounds: [], inconclusive: 'non-finite trajectory' };
  const Dop = Math.max(...muon.W.map((W) => op(F, sub(F, W, p.Wstar))));
  const DF = Math.max(...gd.W.map((W) => fro(F, sub(F, W, p.Wstar))));
  const fMuon = F.toNumber(muon.losses[T]);
  const fGD = F.toNumber(gd.losses[T]);
  const lmax = c.lambdas[0];
  // Float error: f(W_T) rounds by 2(m + mn)u·λ_max‖D‖² and each of the T rounded updates (u per entry of W_t and of
  // η_tD_t) moves f by ≤ 2λ_max‖D‖_F·u(‖W‖_F + η√r)·(growth ≤ 1: both runs are non-expansive on a quadratic); the step
  // η_t carries ‖G_t‖_* from Jacobi (8(m + n)u relative), which only perturbs the descent by its square. The bound
  // itself carries the constants' 32m·u64 relative error (B.smooth).
  const Df0 = fro(F, sub(F, W0, p.Wstar));
  const Wmax = fro(F, W0) + Df0;
  const tol = (2 * (m + m * n) * u * lmax * Df0 * Df0 + T * 2 * lmax * Df0 * 4 * u * Wmax * Math.sqrt(r)) * 4;
  const tolTxt = '4[2(m + mn)u·λ_max‖D_0‖² + T·2λ_max‖D_0‖·4u(‖W_0‖_F + ‖D_0‖)√r]: rounded loss and T rounded updates';
  const rhsMuon = (2 * Lstar * Dop * Dop) / T;
  const rhsGD = (2 * L * DF * DF) / T;
  const bounds: Bound[] = [
    { name: '(4.11) f(W_T) − f* ≤ 2L_*D_op²/T', lhs: fMuon, rhs: rhsMuon * (1 + 32 * m * U64) + tol, holds: fMuon <= rhsMuon * (1 + 32 * m * U64) + tol, tolerance: tolTxt },
    { name: '(GD) f(W_T) − f* ≤ 2LD_F²/T', lhs: fGD, rhs: rhsGD * (1 + 32 * m * U64) + tol, holds: fGD <= rhsGD * (1 + 32 * m * U64) + tol, tolerance: tolTxt },
  ];
  const ratio = (DF * DF * L) / (Dop * Dop * Lstar);
  const bins: Record<string, string> = {
    shape: shapeBin(m, n),
    'Q rank': rankBin(c),
    'bound winner': ratio > 1 ? 'Muon (D_F²L > D_op²L_*)' : 'GD',
    'run winner': fMuon < fGD ? 'Muon' : fMuon > fGD ? 'GD' : 'tie',
  };
  // NS5 beside it (information).
  const ns = loop(p, ctx.impl.optimizers.muon({ orthogonalizer: 'ns5' }), W0, T, (G) => F.mul(F.of(nuc(F, G)), invLstar));
  if (ns.status === 'completed') {
    const DopN = Math.max(...ns.W.map((W) => op(F, sub(F, W, p.Wstar))));
    bins['NS5 meets (4.11)'] = F.toNumber(ns.losses[T]) <= (2 * Lstar * DopN * DopN) / T + tol ? 'yes' : 'no';
  }
  const branches = [ratio > 1 ? 'Muon bound smaller' : 'GD bound smaller', fMuon === 0 || fMuon < 1e-12 * F.toNumber(muon.losses[0]) ? 'Muon converged' : 'Muon not converged'];
  return { bounds, bins, branches, trace: { ratio, fMuon, fGD, Dop, DF } };
}

const confirmField = exactField(CONFIRM_PRECISION);

export const claim: Claim<T411Case> = {
  id: 'B.T411',
  title: 'Star-convex rate (Theorem 4.11): Muon with η_t = ‖∇f‖_*/L_* gives f(W_T) − f* ≤ 2L_*D_op²/T; GD with 1/L gives ≤ 2LD_F²/T',
  source: { paper: 'B', where: 'Theorem 4.11 and Assumption 4.10 (§4.2)', equations: ['(4.11)', 'GD comparison'] },
  provenance: 'reconstructed',
  statement: 'On a star-convex f (P.quadB), Muon with η_t = ‖∇f(W_t)‖_*/L_*: f(W_T) − f* ≤ 2L_*D_op²/T, D_op = max_t ‖W_t − W*‖; GD with η = 1/L: ≤ 2LD_F²/T.',
  hypotheses: [
    { name: 'm, n', text: 'W ∈ ℝ^{m×n}', domain: { kind: 'int', min: 1, max: 5 } },
    { name: 'Q', text: 'P.quadB, Q ⪰ 0 any rank, κ ∈ [1, 1e3] (convex, hence star-convex about W*)', domain: { kind: 'structure' } },
    { name: 'T', text: 'T ≥ 1', domain: { kind: 'int', min: 1, max: 40 } },
    { name: 'η_t', text: 'η_t = ‖∇f(W_t)‖_*/L_* with the true L_* (not a smaller constant)', domain: { kind: 'structure' }, necessary: true },
    { name: 'direction', text: 'msign(G), not sign(G)', domain: { kind: 'structure' }, necessary: true },
  ],
  modes: ['float'],
  cases: { quick: { float: 30 }, default: { float: 200 }, deep: { float: 5000 } },
  arbitrary: () => arbitrary,
  check: (c, ctx) => (ctx.mode === 'float' ? checkIn(float64, c, ctx) : checkIn(confirmField, c, ctx)),
  confirm: (c, ctx) => checkIn(confirmField, c, ctx),
  probes: [
    {
      id: 'entrywise-sign',
      drops: 'msign replaced by the entrywise sign',
      run: ({ seed }) => probeSearch(arbitrary, (c) => checkIn(float64, c, { mode: 'float', impl: msignIsEntrywiseSign.impl }), seed, 60, '(4.11) with sign(G)'),
    },
    {
      id: 'Lstar-too-small',
      drops: 'the true constants dropped: L_* and L both underestimated by the factor L/(4L_*) in the steps and the bounds (steps overshoot)',
      run: ({ seed, impl }) =>
        probeSearch(
          arbitrary.filter((c) => c.T >= 2),
          (c) => {
            // Scale Q's spectrum bookkeeping so that constants() returns L_* = L/4 while the problem is unchanged.
            const { L, Lstar } = constants(c);
            const k = L / 4 / Lstar;
            return checkIn(float64, { ...c, lambdas: c.lambdas.map((x) => x * k) }, { mode: 'float', impl });
          },
          seed,
          60,
          '(4.11) with L_* too small',
        ),
    },
  ],
  binSpace: { 'bound winner': ['Muon (D_F²L > D_op²L_*)', 'GD'], 'Q rank': ['rank 1', 'low rank', 'full rank'] },
  branchSpace: ['Muon bound smaller', 'GD bound smaller'],
};

export default claim;
