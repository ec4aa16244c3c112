import fc, { type Arbitrary } from 'fast-check';
import { exactField } from '../../arith/exact.ts';
import type { Field } from '../../arith/field.ts';
import { float64 } from '../../arith/float64.ts';
import { inner, sub } from '../../linalg/mat.ts';
import { frobenius } from '../../linalg/norms.ts';
import { gradientWrongFactor, msignIsEntrywiseSign } from '../../impl/plants.ts';
import { probeSearch } from '../search.ts';
import type { Bound, CaseOutcome, CheckContext, Claim } from '../types.ts';
import { qIn } from '../../cases/quadB.ts';
import { CONFIRM_PRECISION, constants, fro, lossAfter, NS5_BAND_LO, NS5_SUP, nuc, op, quadBArbitrary, rankBin, shapeBin, toField, U64, type QuadBCase } from './quadB-cases.ts';

/*
 * B.descent (paper B §4, proof of Thm 4.1; reconstructed): for G = ∇f(W) = UΣVᵀ and any η ≥ 0,
 *   (L_*)  f(W − ηUVᵀ) ≤ f(W) − η‖G‖_* + (L_{*}/2)η²,
 *   (rL)   f(W − ηUVᵀ) ≤ f(W) − η‖G‖_* + (rL/2)η²   (Frobenius smoothness: ‖UVᵀ‖_F² = rank G ≤ r).
 * Proof: smoothness (B.smooth) with E = −ηUVᵀ, ⟨G, UVᵀ⟩ = ‖G‖_* (B.msign), ‖UVᵀ‖ = 1.
 * Checked on P.quadB at random W and η = θ·‖G‖_{*}/L_* with θ log-uniform in [1e-3, 1e3] (large η included), with the
 * true L, L_* from the spectrum Q was built from (not the implementation's info), and ‖G‖_* from an SVD of the
 * gradient (not from the msign under test). Muon with NS5 (Alg. 3) is checked beside it in the form its own facts
 * give (B.NS5: ⟨G, N⟩ ≥ c_lo‖G‖_* with c_lo = 0.6818(1 − 0.01r(1 + 1e-4)), ‖N‖ ≤ 1.2024):
 *   (NS5)  f(W − ηN) ≤ f(W) − ηc_lo‖G‖_* + (L_{*}/2)(1.2024η)²   when ‖G‖_F ≥ 1e-3;
 * whether NS5 also meets the msign form (L_*) is recorded as a bin (information: NS5 is not msign).
 */

export interface DescentCase extends QuadBCase {
  /** η / (‖G‖_{*}/L_*). */
  readonly theta: number;
}

const arbitrary: Arbitrary<DescentCase> = fc
  .record({ q: quadBArbitrary({ mMax: 6, nMax: 6, kappaMax: 1e4 }), logTheta: fc.integer({ min: -3000, max: 3000 }) })
  .map(({ q, logTheta }) => ({ ...q, theta: 10 ** (logTheta / 1000) }));

/** c_lo of the NS5 form: p⁵ ≥ 0.6818 on the band; directions below 0.01(‖G‖_F + ε) carry ≤ 0.01r(1 + 1e-4) of ‖G‖_*. */
export const ns5Clo = (r: number): number => NS5_BAND_LO * (1 - 0.01 * r * (1 + 1e-4));

function checkIn<T>(F: Field<T>, c: DescentCase, ctx: CheckContext): CaseOutcome {
  const la = ctx.impl.over(F);
  const p = ctx.impl.problems.quadB(la, qIn(F, c), toField(F, c.Wstar));
  const { m, n } = c;
  const { L, Lstar, r } = constants(c);
  const u = F.unitRoundoff;
  const W = toField(F, c.W0);
  const G = p.grad(W);
  const gNuc = nuc(F, G);
  const gF = F.toNumber(frobenius(F, G));
  const f0 = F.toNumber(p.loss(W));
  const bounds: Bound[] = [];
  if (!(gNuc > 0)) return { bounds, inconclusive: 'G = 0: nothing to check' };
  const etaNum = (c.theta * gNuc) / Lstar;
  const eta = F.of(etaNum);
  const O = la.msign(G);
  const f1 = F.toNumber(lossAfter(p, W, eta, O));
  const D = fro(F, sub(F, W, p.Wstar));
  // Rounding: f(W), f(W − ηO) are sums of mn products with an m-term inner product Q·D: each ≤ 2(m + mn)·u·λ_max·‖·‖²;
  // W − ηO rounds each entry by u(|W| + η): f moves by ≤ 2λ_max(‖D‖ + η√r)·u(‖W‖_F + η√r); ‖G‖_* from Jacobi to
  // 8(m + n)·u·‖G‖_*, times η. The constants L, L_* carry 32m·u64 relative (B.smooth).
  const Dp = D + etaNum * Math.sqrt(r);
  const lmax = c.lambdas[0];
  const tol =
    4 * (m + m * n) * u * lmax * (D * D + Dp * Dp) + 2 * lmax * Dp * u * (fro(F, W) + etaNum * Math.sqrt(r)) + 8 * (m + n) * u * etaNum * gNuc + 32 * m * U64 * (L * r) * etaNum * etaNum;
  const tolTxt = '4(m + mn)u·λ_max(‖D‖² + ‖D′‖²) + 2λ_max‖D′‖·u(‖W‖_F + η√r) + 8(m+n)u·η‖G‖_* + 32m·u64·rL·η²';
  const rhsStar = f0 - etaNum * gNuc + (Lstar / 2) * etaNum * etaNum;
  const rhsRL = f0 - etaNum * gNuc + ((r * L) / 2) * etaNum * etaNum;
  // Slack as lhs/rhs needs both sides ≥ 0: add ‖G‖_*η (both sides), i.e. compare the decrease-adjusted quantities.
  const shift = etaNum * gNuc;
  bounds.push({ name: 'f(W − ηUVᵀ) ≤ f(W) − η‖G‖_* + (L_{*}/2)η²', lhs: f1 + shift, rhs: rhsStar + shift + tol, holds: f1 <= rhsStar + tol, tolerance: tolTxt });
  bounds.push({ name: 'f(W − ηUVᵀ) ≤ f(W) − η‖G‖_* + (rL/2)η²', lhs: f1 + shift, rhs: rhsRL + shift + tol, holds: f1 <= rhsRL + tol, tolerance: tolTxt });
  const bins: Record<string, string> = { shape: shapeBin(m, n), 'Q rank': rankBin(c), θ: `1e${Math.floor(Math.log10(c.theta))}` };
  const branches = [c.theta > 2 ? 'large η (past the minimiser along UVᵀ)' : c.theta < 0.5 ? 'small η' : 'η near ‖G‖_{*}/L_*'];
  // NS5 beside it.
  if (gF >= 1e-3) {
    const N = ctx.impl.ns5(F, G);
    const fN = F.toNumber(lossAfter(p, W, eta, N));
    const clo = ns5Clo(r);
    const rhsN = f0 - etaNum * clo * gNuc + (Lstar / 2) * NS5_SUP * NS5_SUP * etaNum * etaNum;
    const DN = D + etaNum * NS5_SUP * Math.sqrt(r);
    const tolN = tol + 4 * (m + m * n) * u * lmax * DN * DN;
    bounds.push({ name: 'NS5: f(W − ηN) ≤ f(W) − ηc_lo‖G‖_* + (L_{*}/2)(1.2024η)²', lhs: fN + shift, rhs: rhsN + shift + tolN, holds: fN <= rhsN + tolN, tolerance: tolTxt });
    bins['NS5 meets the msign form'] = fN <= rhsStar + tolN ? 'yes' : 'no';
    const nsOp = op(F, N);
    bins['‖NS5(G)‖'] = nsOp > 1 ? '> 1' : '≤ 1';
    // ⟨G, N⟩/‖G‖_* measured: how much of the msign decrease NS5 keeps.
    bins['⟨G,N⟩/‖G‖_*'] = (F.toNumber(inner(F, G, N)) / gNuc).toFixed(1);
    branches.push('NS5 checked');
  } else branches.push('NS5 not checked: ‖G‖_F < 1e-3');
  return { bounds, branches, bins };
}

const confirmField = exactField(CONFIRM_PRECISION);

export const claim: Claim<DescentCase> = {
  id: 'B.descent',
  title: "Muon's descent inequality f(W − ηUVᵀ) ≤ f(W) − η‖G‖_* + (L_*/2)η² (and + (rL/2)η²)",
  source: { paper: 'B', where: '§4, proof of Theorem 4.1 (one-step descent)', equations: ['descent lemma with L_*', 'descent lemma with rL'] },
  provenance: 'reconstructed',
  statement: 'For P.quadB, any W and η ≥ 0, with G = ∇f(W) = UΣVᵀ: f(W − ηUVᵀ) ≤ f(W) − η‖G‖_* + (L_*/2)η², and ≤ f(W) − η‖G‖_* + (rL/2)η².',
  hypotheses: [
    { name: 'm, n', text: 'W ∈ ℝ^{m×n}', domain: { kind: 'int', min: 1, max: 6 } },
    { name: 'Q', text: 'Q ⪰ 0, any rank, κ ∈ [1, 1e4], λ_max ∈ [1e-2, 1e2]', domain: { kind: 'structure' } },
    { name: 'η', text: 'any η ≥ 0: η = θ‖G‖_{*}/L_* with θ ∈ [1e-3, 1e3]', domain: { kind: 'real', min: 1e-3, max: 1e3, closed: 'both', scale: 'log' } },
    { name: 'direction', text: 'the step is msign(G) = UVᵀ (an SVD msign), not sign(G) nor NS5', domain: { kind: 'structure' }, necessary: true },
  ],
  modes: ['float'],
  cases: { quick: { float: 40 }, default: { float: 400 }, deep: { float: 10000 } },
  arbitrary: () => arbitrary,
  check: (c, ctx) => (ctx.mode === 'float' ? checkIn(float64, c, ctx) : checkIn(confirmField, c, ctx)),
  confirm: (c, ctx) => checkIn(confirmField, c, ctx),
  probes: [
    {
      id: 'entrywise-sign',
      drops: 'the direction msign(G) replaced by the entrywise sign(G) (SignGD): ‖sign G‖ can reach √(mn)',
      run: ({ seed }) => probeSearch(arbitrary, (c) => checkIn(float64, c, { mode: 'float', impl: msignIsEntrywiseSign.impl }), seed, 100, 'the descent inequality with sign(G)'),
    },
    {
      id: 'gradient-x2',
      drops: 'the true gradient 2Q(W − W*) replaced by 4Q(W − W*) (gradient-wrong-factor plant): ‖G‖_* doubles, f does not',
      run: ({ seed }) => probeSearch(arbitrary, (c) => checkIn(float64, c, { mode: 'float', impl: gradientWrongFactor.impl }), seed, 100, 'the descent inequality with a doubled gradient'),
    },
  ],
  binSpace: { shape: ['square', 'tall', 'wide'], 'Q rank': ['rank 1', 'low rank', 'full rank'], θ: ['1e-3', '1e-2', '1e-1', '1e0', '1e1', '1e2'] },
  branchSpace: ['large η (past the minimiser along UVᵀ)', 'small η', 'η near ‖G‖_{*}/L_*', 'NS5 checked'],
};

export default claim;
