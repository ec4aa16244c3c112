import fc from 'fast-check';
import { float64 } from '../../arith/float64.ts';
import { toField } from '../../cases/quadB.ts';
import { seed } from '../../generators/dyadic.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { identity, inner, matmul, mat, sub, transpose, type Mat } from '../../linalg/mat.ts';
import { frobenius, nuclear } from '../../linalg/norms.ts';
import { rotateColumns } from '../../linalg/rotation.ts';
import { gaussian, haar } from '../../random/matrices.ts';
import { rng } from '../../random/rng.ts';
import { decimal, defineClaim, float64Field, hyp, probe, shapeBin, SHAPE_BINS } from '../kit/index.ts';

/*
 * B.msign — paper B §3 (orthogonalized update); quoted.
 *
 * msign(G) = UVᵀ is the semi-orthogonal matrix nearest to G in Frobenius norm, and ⟨G, msign(G)⟩ = ‖G‖_*.
 *
 * A case is a matrix G (full rank, or rank-deficient as a product of thinner Gaussians) and a few competitors Q:
 * random semi-orthogonal matrices and small rotations of msign(G) itself (local optimality is the sharp test).
 * Float64; a float failure is re-checked at 60 digits (msign needs square roots, so there it is high precision with
 * a tolerance of the same form at u = ½·10⁻⁵⁹).
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

function build(m: number, n: number, rank: number, seedValue: number): MsignCase {
  const r = rng(seedValue);
  const full = Math.min(m, n);
  const G = rank >= full ? gaussian(r, m, n) : matmul(float64, gaussian(r, m, rank), gaussian(r, rank, n));
  const competitors: Mat<number>[] = [];
  for (let i = 0; i < 3; i++) competitors.push(haar(r, m, n));
  return { m, n, rank: Math.min(rank, full), seed: seedValue, G, competitors };
}

const casesOf = (side: fc.Arbitrary<number>) => fc
  .record({ m: side, n: side, deficit: fc.integer({ min: 0, max: 2 }), seed })
  .map(({ m, n, deficit, seed: s }) => build(m, n, Math.max(1, Math.min(m, n) - deficit), s));
const cases = casesOf(fc.integer({ min: 1, max: 7 }));
/** The deep profile's: sides up to 50 (8 … 50 one side in four); a 50×50 Jacobi SVD costs ~300× a 7×7 one. */
const deepCases = casesOf(fc.oneof({ arbitrary: fc.integer({ min: 1, max: 7 }), weight: 3 }, { arbitrary: fc.integer({ min: 8, max: 50 }), weight: 1 }));

export default defineClaim<MsignCase>({
  id: 'B.msign',
  title: 'msign(G) = UVᵀ is the nearest semi-orthogonal matrix and ⟨G, msign G⟩ = ‖G‖_*',
  source: { paper: 'B', where: '§3 (orthogonalized update)', equations: ['msign(G) = UVᵀ', '⟨G, UVᵀ⟩ = ‖G‖_*'] },
  provenance: 'quoted',
  statement: 'For G = UΣVᵀ (compact SVD), UVᵀ minimises ‖G − Q‖_F over semi-orthogonal Q (full-rank G), and ⟨G, UVᵀ⟩ = ‖G‖_*.',
  hypotheses: [hyp.int('m, n', 'G ∈ ℝ^{m×n}, any shape (1 … 7; deep: up to 50)', 1, 50), hyp.int('rank', 'any rank (nearest-Q part for full rank)', 1, 50)],
  modes: { float: float64Field },
  confirm: decimal(60),
  cases: { quick: { float: 40 }, default: { float: 300 }, deep: { float: 5000 } },
  generate: (_mode, profile) => (profile === 'deep' ? deepCases : cases),

  check(c, k) {
    const { F, u, num } = k;
    const G = toField(F, c.G);
    const O = k.la.msign(G);
    const { m, n, rank: r } = c;
    const p = Math.max(m, n);
    const normG = num(frobenius(F, G));
    const full = r === Math.min(m, n);
    k.branch(full ? 'full-rank G' : 'rank-deficient G');
    k.bin('shape', shapeBin(m, n));
    k.bin('rank', full ? 'full' : 'deficient');
    k.bin('size', Math.max(m, n) <= 7 ? 'max(m, n) ≤ 7' : 'max(m, n) 8–50');

    // ⟨G, O⟩ sums mn products (error ≤ mn·u·‖G‖_F‖O‖_F, ‖O‖_F ≤ √r) and ‖G‖_* sums r singular values, each accurate
    // to about p·u·‖G‖ from the Jacobi SVD; 8× covers the constants.
    const tolInner = 8 * (m * n + r * p) * u * normG * Math.sqrt(r);
    k.equal('⟨G, msign G⟩ = ‖G‖_*', inner(F, G, O), nuclear(F, G), { tol: tolInner, why: '8(mn + rp)·u·‖G‖_F·√r: mn-term inner product plus r singular values from Jacobi' });
    if (!full) return;

    // Nearest semi-orthogonal matrix: ‖G − O‖_F ≤ ‖G − Q‖_F for every semi-orthogonal Q — random ones, and rotations
    // of O by θ ≈ 0.01 in the plane of two consecutive singular directions (they stay semi-orthogonal).
    const cth = F.of('0.99995'); // cos θ
    const sth = F.sqrt(F.sub(F.one, F.mul(cth, cth)));
    const rotated = (A: Mat<typeof cth>, i: number): Mat<typeof cth> => {
      const data = A.data.slice();
      rotateColumns(F, data, A.rows, A.cols, i, i + 1, cth, sth);
      return mat(A.rows, A.cols, data);
    };
    const near: Mat<typeof cth>[] = [];
    for (let i = 0; i + 1 < Math.min(m, n); i++) near.push(m < n ? transpose(rotated(transpose(O), i)) : rotated(O, i));
    const dO = frobenius(F, sub(F, G, O));
    // ‖G − O‖_F and ‖G − Q‖_F each carry about (mn + p²)·u·(‖G‖_F + √k) rounding (products plus the SVD).
    const tolNear = 8 * (m * n + p * p) * u * (normG + Math.sqrt(Math.min(m, n)));
    for (const Q of [...c.competitors.map((A) => toField(F, A)), ...near]) {
      // A competitor is semi-orthogonal only up to its own rounding (a float64 Haar frame, or a rotation computed in
      // the field): the nearest semi-orthogonal Q′ has ‖Q − Q′‖_F ≤ ‖QᵀQ − I‖_F (QQᵀ for wide Q), measured here in the
      // field, so ‖G − msign G‖_F ≤ ‖G − Q′‖_F ≤ ‖G − Q‖_F + that defect — a term no precision removes (the ladder's
      // near-tight confirmation found 1×1 cases, Q = −0.9999999999999996, that break the bound without it).
      const gram = m >= n ? matmul(F, transpose(Q), Q) : matmul(F, Q, transpose(Q));
      const defect = num(frobenius(F, sub(F, gram, identity(F, gram.rows))));
      k.bound('‖G − msign G‖_F ≤ ‖G − Q‖_F', dO, frobenius(F, sub(F, G, Q)), { tol: tolNear + defect, why: '8(mn + p²)·u·(‖G‖_F + √k): two Frobenius distances of rounded matrices; + ‖QᵀQ − I‖_F, Q\'s distance from the semi-orthogonal set' });
    }
    k.branch(near.length > 0 ? 'local competitors' : 'random competitors only');
  },

  probes: [
    probe({ id: 'entrywise-sign', drops: 'msign replaced by the entrywise sign, sign(G) (not semi-orthogonal, not the nuclear-norm dual)', impl: msignIsEntrywiseSign.impl, runs: 50, what: 'B.msign' }),
  ],
  noSearch: 'the nearest-matrix ratio ‖G − msign G‖_F/‖G − Q‖_F has supremum 1, attained only at Q = msign G; the check already holds it against rotations of msign G by θ ≈ 0.01 (ratio 1 − O(θ²)), and the case has no continuous parameter (shape, rank and seed are integers)',
  bins: { shape: SHAPE_BINS, rank: ['full', 'deficient'], size: ['max(m, n) ≤ 7', 'max(m, n) 8–50'] },
  deepOnly: { size: { bins: ['max(m, n) 8–50'], why: 'cost: a 50×50 Jacobi SVD (and the 60-digit re-check of a failure) costs ~300× a 7×7 one; deep draws a side of 8 … 50 one time in four' } },
  branches: ['full-rank G', 'rank-deficient G', 'local competitors'],
});
