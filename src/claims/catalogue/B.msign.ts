import fc from 'fast-check';
import { exactDecimalString, exactField } from '../../arith/exact.ts';
import type { Field } from '../../arith/field.ts';
import { float64 } from '../../arith/float64.ts';
import { convert, inner, matmul, mat, sub, transpose, type Mat } from '../../linalg/mat.ts';
import { frobenius, nuclear } from '../../linalg/norms.ts';
import { gaussian, haar } from '../../random/matrices.ts';
import { rng } from '../../random/rng.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { probeSearch } from '../search.ts';
import type { Bound, CaseOutcome, CheckContext, Claim } from '../types.ts';

/*
 * B.msign (paper B §3, quoted): msign(G) = UVᵀ is the semi-orthogonal matrix nearest to G in Frobenius norm, and
 * ⟨G, msign(G)⟩ = ‖G‖_*.
 *
 * A case is a matrix G (full rank, or rank-deficient as a product of thinner Gaussians) and a few competitors Q:
 * random semi-orthogonal matrices and small rotations of msign(G) itself (local optimality is the sharp test).
 * Float mode runs on float64; the exact re-check runs the same code at 60 digits (msign needs square roots, so
 * there it is high precision with a tolerance of the same form at u = 10^-59).
 */

export interface MsignCase {
  readonly m: number;
  readonly n: number;
  /** Rank of G: min(m, n) for full rank. */
  readonly rank: number;
  readonly seed: number;
  readonly G: Mat<number>;
  /** Competitor semi-orthogonal matrices (m×n, orthonormal columns if m ≥ n, rows otherwise). */
  readonly competitors: readonly Mat<number>[];
}

function build(m: number, n: number, rank: number, seed: number): MsignCase {
  const r = rng(seed);
  const full = Math.min(m, n);
  const G = rank >= full ? gaussian(r, m, n) : matmul(float64, gaussian(r, m, rank), gaussian(r, rank, n));
  const competitors: Mat<number>[] = [];
  for (let i = 0; i < 3; i++) competitors.push(haar(r, m, n));
  return { m, n, rank: Math.min(rank, full), seed, G, competitors };
}

const arbitrary = fc
  .record({ m: fc.integer({ min: 1, max: 7 }), n: fc.integer({ min: 1, max: 7 }), deficit: fc.integer({ min: 0, max: 2 }), seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }) })
  .map(({ m, n, deficit, seed }) => build(m, n, Math.max(1, Math.min(m, n) - deficit), seed));

/** Q·R with R a rotation by angle θ in the (i, j) plane of its n columns: a semi-orthogonal matrix near Q. */
function rotateColumns<T>(F: Field<T>, Q: Mat<T>, i: number, j: number, c: T, s: T): Mat<T> {
  const data = Q.data.slice();
  for (let r = 0; r < Q.rows; r++) {
    const a = Q.data[r * Q.cols + i]!;
    const b = Q.data[r * Q.cols + j]!;
    data[r * Q.cols + i] = F.sub(F.mul(c, a), F.mul(s, b));
    data[r * Q.cols + j] = F.add(F.mul(s, a), F.mul(c, b));
  }
  return mat(Q.rows, Q.cols, data);
}

function checkIn<T>(F: Field<T>, c: MsignCase, ctx: CheckContext): CaseOutcome {
  const la = ctx.impl.over(F);
  const toF = (A: Mat<number>): Mat<T> => (F.kind === 'float64' ? (A as unknown as Mat<T>) : convert(float64, F, mat(A.rows, A.cols, A.data.map(exactDecimalString) as never)));
  const G = toF(c.G);
  const O = la.msign(G);
  const u = F.unitRoundoff;
  const { m, n } = c;
  const p = Math.max(m, n);
  const normG = F.toNumber(frobenius(F, G));
  // ⟨G, O⟩ sums mn products (error ≤ mn·u·‖G‖_F‖O‖_F, ‖O‖_F ≤ √r) and ‖G‖_* sums r singular values, each accurate
  // to about p·u·‖G‖ from the Jacobi SVD; 8× covers the constants.
  const r = c.rank;
  const tolInner = 8 * (m * n + r * p) * u * normG * Math.sqrt(r);
  const gap = Math.abs(F.toNumber(F.sub(inner(F, G, O), nuclear(F, G))));
  const bounds: Bound[] = [
    { name: '⟨G, msign G⟩ = ‖G‖_*', lhs: gap, rhs: tolInner, holds: gap <= tolInner, tolerance: '8(mn + rp)·u·‖G‖_F·√r: mn-term inner product plus r singular values from Jacobi' },
  ];
  const branches = [r < Math.min(m, n) ? 'rank-deficient G' : 'full-rank G'];
  if (r === Math.min(m, n)) {
    // Nearest semi-orthogonal matrix: ‖G − O‖_F ≤ ‖G − Q‖_F for every semi-orthogonal Q. The squared distances
    // differ by 2⟨G, O − Q⟩ (‖O‖_F = ‖Q‖_F), so compare the inner products, which carry the same mn·u error.
    const wide = m < n;
    const competitors = c.competitors.map(toF);
    const near: Mat<T>[] = [];
    const cth = F.of('0.99995'); // cos θ, θ ≈ 0.01: rotations of O that stay semi-orthogonal
    const sth = F.sqrt(F.sub(F.one, F.mul(cth, cth)));
    const k = Math.min(m, n);
    for (let i = 0; i + 1 < k; i++) near.push(wide ? transpose(rotateColumns(F, transpose(O), i, i + 1, cth, sth)) : rotateColumns(F, O, i, i + 1, cth, sth));
    const dO = F.toNumber(frobenius(F, sub(F, G, O)));
    let nearest = Infinity;
    for (const Q of [...competitors, ...near]) nearest = Math.min(nearest, F.toNumber(frobenius(F, sub(F, G, Q))));
    // ‖G − O‖_F and ‖G − Q‖_F each carry about (mn + p²)·u·(‖G‖_F + √k) rounding (products plus the SVD).
    const tolNear = 8 * (m * n + p * p) * u * (normG + Math.sqrt(k));
    bounds.push({ name: '‖G − msign G‖_F ≤ ‖G − Q‖_F', lhs: dO, rhs: nearest + tolNear, holds: dO <= nearest + tolNear, tolerance: '8(mn + p²)·u·(‖G‖_F + √k): two Frobenius distances of rounded matrices' });
    branches.push(near.length > 0 ? 'local competitors' : 'random competitors only');
  }
  return { bounds, branches, bins: { shape: m === n ? 'square' : m > n ? 'tall' : 'wide', rank: r < Math.min(m, n) ? 'deficient' : 'full' } };
}

export const claim: Claim<MsignCase> = {
  id: 'B.msign',
  title: 'msign(G) = UVᵀ is the nearest semi-orthogonal matrix and ⟨G, msign G⟩ = ‖G‖_*',
  source: { paper: 'B', where: '§3 (orthogonalized update)', equations: ['msign(G) = UVᵀ', '⟨G, UVᵀ⟩ = ‖G‖_*'] },
  provenance: 'quoted',
  statement: 'For G = UΣVᵀ (compact SVD), UVᵀ minimises ‖G − Q‖_F over semi-orthogonal Q (full-rank G), and ⟨G, UVᵀ⟩ = ‖G‖_*.',
  hypotheses: [
    { name: 'm, n', text: 'G ∈ ℝ^{m×n}, any shape', domain: { kind: 'int', min: 1, max: 7 } },
    { name: 'rank', text: 'any rank (nearest-Q part for full rank)', domain: { kind: 'int', min: 1, max: 7 } },
  ],
  modes: ['float'],
  cases: { quick: { float: 40 }, default: { float: 300 }, deep: { float: 5000 } },
  arbitrary: () => arbitrary,
  check: (c, ctx) => (ctx.mode === 'float' ? checkIn(float64, c, ctx) : checkIn(exactField(60), c, ctx)),
  confirm: (c, ctx) => checkIn(exactField(60), c, ctx),
  probes: [
    {
      id: 'entrywise-sign',
      drops: 'msign replaced by the entrywise sign, sign(G) (not semi-orthogonal, not the nuclear-norm dual)',
      run: ({ seed }) => probeSearch(arbitrary, (c) => checkIn(float64, c, { mode: 'float', impl: msignIsEntrywiseSign.impl }), seed, 50, 'B.msign'),
    },
  ],
  binSpace: { shape: ['square', 'tall', 'wide'], rank: ['full', 'deficient'] },
  branchSpace: ['full-rank G', 'rank-deficient G', 'local competitors'],
};

export default claim;
