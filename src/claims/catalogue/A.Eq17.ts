import fc, { type Arbitrary } from 'fast-check';
import type { Field } from '../../arith/field.ts';
import { float64 } from '../../arith/float64.ts';
import { identity, mat, matmul, maxAbs, sub, symmetrize, type Mat } from '../../linalg/mat.ts';
import { adbt } from '../../linalg/diag-product.ts';
import { haar } from '../../random/matrices.ts';
import { rng } from '../../random/rng.ts';
import type { Impl } from '../../impl/impl.ts';
import { msignIsEntrywiseSign } from '../../impl/plants.ts';
import { seed } from '../../generators/index.ts';
import { highPrecision, measured } from '../../cases/aligned.ts';
import { decade, decades, defineClaim, float64Field, hyp, probe, shapeBin } from '../kit/index.ts';

/*
 * A.Eq17 (paper A, (17), (18), (79); reconstructed, exact identities): for G ∈ ℝ^{d×k} of full column rank,
 *   msign(G) = G(GᵀG)^{−1/2}; Muon is vec(U) ← vec(U) − η(I ⊗ P)vec(G) with the block P = (GᵀG)^{−1/2} (17), which
 *   is not diagonal; SignGD is vec(U) ← vec(U) − η·diag(|vec G|)⁻¹vec(G) (18), a diagonal preconditioner.
 * vec stacks rows (the paper's convention): vec(GP) = (I_d ⊗ Pᵀ)vec(G) = (I_d ⊗ P)vec(G) for symmetric P.
 *
 * The directions are the implementation's (Muon's and SignGD's steppers on G); (GᵀG)^{−1/2} is formed from the
 * backend's eigh. Float: tolerances from cond(G). High precision (the exact mode): the same computation at 40 digits,
 * proveExact against 80 digits for the error estimate err; tolerances of the same form at u = ½·10^−39 plus 2·err.
 * SignGD's identity needs no tolerance in either mode: g/|g| = ±1 exactly.
 */

export interface Eq17Case {
  readonly d: number;
  readonly k: number;
  /** G = A diag(s) B with Haar A (d×k), B (k×k) and s log-spaced over [1/cond, 1]. */
  readonly G: { readonly rows: number; readonly cols: number; readonly data: readonly number[] };
  readonly cond: number;
  readonly U: { readonly rows: number; readonly cols: number; readonly data: readonly number[] };
  readonly eta: number;
}

const casesOf = (dk: Arbitrary<{ k: number; extra: number }>): Arbitrary<Eq17Case> => fc
  .record({ dk, seed, logCond: fc.integer({ min: 0, max: 4000 }).map((x) => x / 1000), eta: fc.integer({ min: 1, max: 1000 }).map((x) => x / 1024) })
  .map(({ dk: { k, extra }, seed, logCond, eta }) => {
    const d = k + extra;
    const r = rng(seed);
    const cond = 10 ** logCond;
    const s = Array.from({ length: k }, (_, i) => (k === 1 ? 1 : cond ** (-i / (k - 1))));
    const G = matmul(float64, adbt(float64, haar(r, d, k), s, identity(float64, k)), haar(r, k, k));
    const U = haar(r, d, k);
    return { d, k, G: { rows: d, cols: k, data: [...G.data] }, cond, U: { rows: d, cols: k, data: [...U.data] }, eta };
  });
const small = fc.record({ k: fc.integer({ min: 1, max: 4 }), extra: fc.integer({ min: 0, max: 3 }) });
const cases = casesOf(small);
/**
 * The deep profile's float cases: one in four with d = 8 … 50 (paper A's MF experiments reach d = 50) and any
 * k ≤ d (square ones included); a 50×50 Jacobi SVD and eigh cost ~1000× a 4×4 one. The exact mode (40 digits, checked
 * against 80) stays at d ≤ 7 in every profile.
 */
const large = fc.integer({ min: 8, max: 50 }).chain((d) => fc.integer({ min: 1, max: d }).map((k) => ({ k, extra: d - k })));
const deepCases = casesOf(fc.oneof({ arbitrary: small, weight: 3 }, { arbitrary: large, weight: 1 }));

/** The implementation's msign and steps on G, and the right sides of (17), (18) formed from its eigh. */
function compute<T>(F: Field<T>, impl: Impl, c: Eq17Case): { msign: Mat<T>; gp: Mat<T>; muonStep: Mat<T>; kron: Mat<T>; sign: Mat<T>; diagPre: Mat<T>; offP: T } {
  const la = impl.over(F);
  const G = mat(c.d, c.k, c.G.data.map((x) => F.of(x)));
  const U = mat(c.d, c.k, c.U.data.map((x) => F.of(x)));
  const eta = F.of(c.eta);
  // P = (GᵀG)^{−1/2} from the backend's eigh
  const e = la.eigh(symmetrize(F, la.matmulTN(G, G)));
  const P = adbt(F, e.vectors, e.values.map((v) => F.div(F.one, F.sqrt(v))), e.vectors);
  const msignG = la.msign(G);
  const gp = la.matmul(G, P);
  // one Muon step through the implementation's stepper, and (17) written out with the Kronecker block I ⊗ P
  const D = impl.optimizers.muon().start(la, U).direction(U, G);
  const muonStep = mat(c.d, c.k, U.data.map((x, i) => F.sub(x, F.mul(eta, D.data[i]!))));
  const dk = c.d * c.k;
  const vecG = G.data; // row stacking
  const kron = new Array<T>(dk).fill(F.zero);
  for (let r = 0; r < dk; r++) {
    const bi = Math.floor(r / c.k);
    const ri = r % c.k;
    let acc = F.zero;
    for (let j = 0; j < c.k; j++) acc = F.add(acc, F.mul(P.data[ri * c.k + j]!, vecG[bi * c.k + j]!)); // (I ⊗ P) block bi
    kron[r] = F.sub(U.data[r]!, F.mul(eta, acc));
  }
  const S = impl.optimizers.signgd.start(la, U).direction(U, G);
  const diagPre = mat(c.d, c.k, vecG.map((g) => (F.isZero(g) ? F.zero : F.div(g, F.abs(g)))));
  let offP = F.zero;
  for (let i = 0; i < c.k; i++) for (let j = 0; j < c.k; j++) if (i !== j) offP = F.max(offP, F.abs(P.data[i * c.k + j]!));
  return { msign: msignG, gp, muonStep, kron: mat(c.d, c.k, kron), sign: S, diagPre, offP };
}

export default defineClaim<Eq17Case>({
  id: 'A.Eq17',
  title: 'Preconditioner forms: msign(G) = G(GᵀG)^{−1/2}, Muon = (I ⊗ P) block preconditioner, SignGD = diag(|vec G|)⁻¹',
  source: { paper: 'A', where: '§2.1.3 "Why do SignGD and Adam fail?"; App. A', equations: ['(17)', '(18)', '(79)'] },
  provenance: 'reconstructed',
  statement: 'For full-column-rank G: msign(G) = G(GᵀG)^{−1/2}; Muon: vec(U) ← vec(U) − η(I ⊗ P)vec(G), P = (GᵀG)^{−1/2} (not diagonal); SignGD: vec(U) ← vec(U) − η diag(|vec G|)⁻¹vec(G).',
  hypotheses: [
    hyp.real('G', 'G ∈ ℝ^{d×k}, d ≥ k, full column rank, cond(G) ∈ [1, 1e4]', 1, 1e4, { scale: 'log' }),
    hyp.int('d, k', 'k ∈ 1..4, d ∈ k..k + 3; deep float: also d ∈ 8..50 with any k ≤ d', 1, 50),
  ],
  modes: { float: float64Field, exact: highPrecision },
  cases: { quick: { float: 40, exact: 4 }, default: { float: 300, exact: 25 }, deep: { float: 10000, exact: 800 } },
  generate: (mode, profile) => (profile === 'deep' && mode === 'float' ? deepCases : cases),

  check(c, k) {
    k.bin('cond(G) decade', decade(c.cond));
    k.bin('shape', shapeBin(c.d, c.k));
    k.bin('size', c.d <= 7 ? 'd ≤ 7' : 'd 8–50');
    const run = measured(k, { P: 40, compute: (F) => compute(F, k.impl, c), numbers: (x) => [...x.msign.data, ...x.gp.data, ...x.muonStep.data, ...x.kron.data, ...x.sign.data, ...x.diagPre.data] });
    const F = run.field;
    const r = run.value;
    const { u } = run;
    const err = k.num(run.err);
    // msign by Jacobi is accurate to ~(d + k)·u·cond(G) (polar-factor perturbation 1/σ_min); G(GᵀG)^{−1/2} through
    // the Gram matrix loses cond(G)²: eigenvalues of GᵀG carry k·u·‖G‖² absolute error, relative k·u·cond² at σ_min².
    // Both with a factor 8 for the constants of the products: 8(d + k)·u·cond(G)² per entry (‖·‖ ≤ 1 matrices); in
    // decimal plus 2·err, the 40-digit run's error.
    const condG = c.cond * (1 + 1e-6);
    const tol = 8 * (c.d + c.k) * u * condG * condG + 2 * err;
    const why = `8(d + k)·u·cond(G)²${err > 0 ? ` + 2·err (err = ${err.toExponential(2)})` : ''}: the Gram route squares cond(G)`;
    k.bound('(17) msign(G) = G(GᵀG)^{−1/2}', maxAbs(F, sub(F, r.msign, r.gp)), 0, { tol, why });
    k.bound('(17) Muon step = vec(U) − η(I ⊗ P)vec(G)', maxAbs(F, sub(F, r.muonStep, r.kron)), 0, { tol: c.eta * tol + 4 * u, why: `η·(${why}) + 4u for the update` });
    k.bound('(18) SignGD step = diag(|vec G|)⁻¹vec(G)', maxAbs(F, sub(F, r.sign, r.diagPre)), 0); // exact: g/|g| = ±1
    k.branch(c.k === 1 ? 'k = 1 (P scalar)' : F.toNumber(r.offP) > 0 ? 'P not diagonal' : 'P diagonal');
    k.branch(c.d > c.k ? 'tall G' : 'square G');
  },

  noSearch: `its bounds are identities (17), (18) — msign(G) = G(GᵀG)^{−1/2}, the Kronecker form of the step, SignGD's diagonal preconditioner — checked to their rounding tolerance: the ratio is rounding noise`,
  probes: [
    probe({
      id: 'entrywise-sign',
      drops: 'msign replaced by the entrywise sign: sign(G) is not G(GᵀG)^{−1/2} (SignGD is not a (I ⊗ P) preconditioner)',
      mode: 'float',
      cases: cases.filter((c) => c.k >= 2),
      impl: msignIsEntrywiseSign.impl,
      runs: 20,
      what: '(17)',
    }),
  ],
  bins: { 'cond(G) decade': decades(0, 4), shape: ['tall', 'square'], size: ['d ≤ 7', 'd 8–50'] },
  deepOnly: { size: { bins: ['d 8–50'], why: 'cost: a case at d = 8 … 50 takes a Jacobi SVD (msign) and an eigh of up to 50×50 and the Kronecker form of the step (d·k² terms), ~1000× a 4×4 case at d = 50; deep draws it one float case in four' } },
  branches: ['P not diagonal', 'tall G', 'square G'],
});
