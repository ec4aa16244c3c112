import { float64 } from '../../arith/float64.ts';
import { mat, type Mat } from '../mat.ts';
import { defaultRankCutoff, type MsignOptions } from '../msign.ts';
import type { Svd } from '../svd.ts';
import { jacobiEig } from './eigen.ts';
import { defaultEngine, type Engine } from './engine.ts';
import { copyIn, copyOut, newArray } from './kernels.ts';

/**
 * Fast float64 msign and thin SVD: a Gram-preconditioned one-sided Jacobi SVD on the engine's heap (WebAssembly SIMD
 * kernels by default, engine.ts).
 *
 * For a tall d×k matrix G (a wide one is transposed: msign(Gᵀ) = msign(G)ᵀ):
 *  1. entries outside [2^-64, 2^64] in magnitude are scaled by an exact power of two (msign and the cut-off are
 *     scale invariant), so that GᵀG can neither overflow nor push small singular values into underflow;
 *  2. S = GᵀG (k×k, exactly symmetric) and its eigenvectors V: Householder tridiagonalisation + implicit QL
 *     (tred2/tql2, eigen.ts; cyclic Jacobi for k ≤ 2);
 *  3. B = G·V, whose columns are ≈ σ_j u_j — orthogonal up to the Gram route's error, about u·σ_max² in BᵀB, which is
 *     large *relative* to the small singular values (the Gram route alone loses them);
 *  4. one-sided Jacobi on the columns of B, rotations accumulated into V, until every pair passes the generic SVD's
 *     test |b_pᵀb_q| ≤ 2(d + 2)·u·‖b_p‖‖b_q‖ (svd.ts). A pass tests all pairs at once from BᵀB (a tiled product), then
 *     rotates the failing pairs in cyclic order, each re-tested on its fresh inner product first; the loop ends when
 *     the test passes everywhere or a pass rotates nothing. These rotations are what repair the Gram route: a column
 *     b_j of a small σ_j polluted by leakage (~u·σ_max) along a large direction b_p fails the test against b_p, and
 *     the rotation removes the leakage (and corrects v_j); pairs of small columns are orthogonalised exactly as the
 *     generic Jacobi SVD would. The result meets the same test as the generic SVD, so it has the same accuracy (for
 *     G = B·D with B well conditioned, small singular values to high relative accuracy); the preconditioning only
 *     makes the rotations few (none for a well-conditioned G) and small;
 *  5. σ_j = ‖b_j‖; directions with σ_j ≤ cutoff·σ_max (default: defaultRankCutoff, as the generic msign) or σ_j = 0
 *     are dropped, so exact zeros map to 0 and no noise direction is injected; msign = Σ_kept (b_j/σ_j) v_jᵀ.
 *
 * Exactly zero columns of G stay exactly zero through every step (their Gram row and column are zero, tred2's
 * reflectors and tql2's rotations leave the matching unit vector alone, Jacobi never rotates a zero column), as in
 * the generic SVD.
 */

/** Up to this k the Gram matrix is diagonalised by cyclic Jacobi, above by tred2/tql2 (faster from k = 3 on, measured). */
export const JACOBI_MAX_K = 2;
const MAX_PASSES = 100;

/** Diagnostics of the last call (for tests and the benchmark; not part of the result). */
export const lastFastSvdInfo = { passes: 0, rotations: 0, eigen: 'jacobi' as 'jacobi' | 'tql2', engine: '' };

/**
 * Inputs with max|g_ij| outside [2^-64, 2^64] are first scaled by an exact power of two (msign and the cut-off are
 * scale invariant): then GᵀG can neither overflow nor lose the relative accuracy of small singular values to
 * underflow. Returns the factor (1 when no scaling is needed).
 */
function powerOfTwoScale(maxAbs: number): number {
  if (maxAbs >= 2 ** -64 && maxAbs <= 2 ** 64) return 1;
  let e = Math.floor(Math.log2(maxAbs));
  if (2 ** e > maxAbs) e--;
  else if (2 ** (e + 1) <= maxAbs) e++;
  // 2^-e overflows for subnormal maxAbs (e < -1023): scale in two factors then
  return e < -1000 ? 2 ** -(e + 1000) * 2 ** -1000 : 2 ** -e;
}

/** Heap layout of one call (offsets in doubles). */
interface Layout {
  d: number;
  k: number;
  G: number;
  Gt: number;
  S: number;
  W: number;
  dd: number;
  ee: number;
  cs: number;
  sn: number;
  Bt: number;
  C: number;
  alpha: number;
  tmp: number;
  Bn: number;
  WdT: number;
  out: number;
  /** The failing pairs of a pass, (p, q) as doubles: up to k(k−1)/2 pairs. */
  pairs: number;
}

function layout(E: Engine, d: number, k: number): Layout {
  const h = E.heap;
  h.reset();
  return {
    d,
    k,
    G: h.alloc(d * k),
    Gt: h.alloc(k * d),
    S: h.alloc(k * k),
    W: h.alloc(k * k),
    dd: h.alloc(k),
    ee: h.alloc(k),
    cs: h.alloc(k),
    sn: h.alloc(k),
    Bt: h.alloc(k * d),
    C: h.alloc(k * k),
    alpha: h.alloc(k),
    tmp: h.alloc(4),
    Bn: h.alloc(d * k),
    WdT: h.alloc(k * k),
    out: h.alloc(d * k),
    pairs: h.alloc(Math.max(2, k * (k - 1))),
  };
}

/**
 * Loads G (rows×cols) as the tall d×k matrix of the layout (G, or Gᵀ if wide) and its transpose, scaled if needed.
 * Returns max|g_ij| (0: nothing else was written).
 */
function load(E: Engine, L: Layout, G: Mat<number>, what: string): number {
  const { d, k } = L;
  const tall = G.rows >= G.cols;
  const F = E.heap.f64;
  // tall: L.G = G; wide: L.Gt = G (G is k×d, the transpose of the tall problem)
  const first = tall ? L.G : L.Gt;
  copyIn(G.data, F, first, d * k);
  const maxAbs = E.K.maxabs(first * 8, d * k);
  if (!(maxAbs <= Number.MAX_VALUE)) throw new RangeError(`${what}: matrix has a non-finite entry (NaN or ±Infinity)`);
  if (maxAbs === 0) return 0;
  const sc = powerOfTwoScale(maxAbs);
  if (sc !== 1) for (let i = 0; i < d * k; i++) F[first + i] *= sc;
  if (tall) E.K.tr(L.G * 8, d, k, L.Gt * 8);
  else E.K.tr(L.Gt * 8, k, d, L.G * 8);
  return maxAbs;
}

/**
 * Eigenvectors of the symmetric n×n matrix at heap[S] (destroyed) as the rows of heap[W]: tred2/tql2, or cyclic
 * Jacobi for n ≤ JACOBI_MAX_K and as the fallback should QL not converge (any orthogonal W is a valid start for the
 * Jacobi step; a good one only saves rotations).
 */
function gramEigen(E: Engine, L: Layout, S: number, W: number, n: number): void {
  const F = E.heap.f64;
  if (n <= JACOBI_MAX_K) {
    jacobiEig(F, S, W, n, n * float64.unitRoundoff);
    lastFastSvdInfo.eigen = 'jacobi';
    return;
  }
  F.copyWithin(W, S, S + n * n);
  // tred2 + tql2 in one kernel call (eigen.ts's drivers, run inside WebAssembly by the wasm engine)
  if (E.K.eig(W * 8, L.dd * 8, L.ee * 8, n, L.cs * 8, L.sn * 8, L.tmp * 8) === 0) {
    lastFastSvdInfo.eigen = 'tql2';
  } else {
    jacobiEig(F, S, W, n, n * float64.unitRoundoff);
    lastFastSvdInfo.eigen = 'jacobi';
  }
}

/**
 * Drops from the scanned pair list every pair with a column below (u²‖B‖_F)² (as svd.ts does): such a column is zero
 * far beyond working precision, under any rank cut-off, and rotating it against a column it is numerically parallel
 * to only shrinks it by ~u per pass without end. Returns the number of pairs kept.
 */
function keepResolvable(F: Float64Array, L: Layout, npairs: number): number {
  let total = 0;
  for (let j = 0; j < L.k; j++) total += F[L.alpha + j]!;
  const u2 = float64.unitRoundoff * float64.unitRoundoff;
  const negligible = u2 * u2 * total;
  let kept = 0;
  for (let i = 0; i < npairs; i++) {
    const p = F[L.pairs + 2 * i]!;
    const q = F[L.pairs + 2 * i + 1]!;
    if (F[L.alpha + p]! <= negligible || F[L.alpha + q]! <= negligible) continue;
    F[L.pairs + 2 * kept] = p;
    F[L.pairs + 2 * kept + 1] = q;
    kept++;
  }
  return kept;
}

/**
 * Steps 2–4 on the tall d×k matrix loaded in L: leaves the rows b_j of Bᵀ in L.Bt, the right singular vectors v_j
 * as rows of L.W and ‖b_j‖² in L.alpha (all satisfying the orthogonality test). Returns the number of rotation passes.
 */
function preconditionedJacobi(E: Engine, L: Layout): number {
  const { K } = E;
  const F = E.heap.f64;
  const { d, k } = L;
  // 2. Gram matrix S = GᵀG (exactly symmetric) and its eigenvectors (rows of W)
  K.nt(L.Gt * 8, L.Gt * 8, L.S * 8, k, d, k, 1);
  // Exactly zero columns of G (S_jj = 0) are kept out of the eigen-decomposition (Householder reflectors would mix
  // their index into the others at rounding level): their eigenvectors are the unit vectors, their B columns exact
  // zeros, which no rotation touches and the cut-off drops, so msign's matching columns come out as exact zeros. (A
  // column whose squares all underflow counts as zero too: after load's scaling it is below 2^-470·max|G|, far under
  // any cut-off, and svd.ts's column norms underflow the same way.)
  const nonzero: number[] = [];
  for (let j = 0; j < k; j++) if (F[L.S + j * k + j] !== 0) nonzero.push(j);
  const kk = nonzero.length;
  if (kk === k) {
    gramEigen(E, L, L.S, L.W, k);
  } else {
    // S' = S[nonzero, nonzero] in C, its eigenvectors in WdT (both free until step 4), then embedded into W
    for (let a = 0; a < kk; a++) for (let b = 0; b < kk; b++) F[L.C + a * kk + b] = F[L.S + nonzero[a] * k + nonzero[b]];
    gramEigen(E, L, L.C, L.WdT, kk);
    F.fill(0, L.W, L.W + k * k);
    for (let a = 0; a < kk; a++) for (let b = 0; b < kk; b++) F[L.W + a * k + nonzero[b]] = F[L.WdT + a * kk + b];
    let row = kk;
    for (let j = 0; j < k; j++) if (!nonzero.includes(j)) F[L.W + row++ * k + j] = 1;
  }
  // 3. Bᵀ = Vᵀ Gᵀ: row j of Bt is G v_j
  K.nt(L.W * 8, L.G * 8, L.Bt * 8, k, k, d, 0);
  // 4. one-sided Jacobi until every pair passes |b_pᵀb_q| ≤ 2(d + 2)·u·‖b_p‖‖b_q‖ (svd.ts's test). Each pass tests all pairs
  //    at once through BᵀB (a tiled product), then rotates the failing pairs in cyclic order, recomputing each pair's
  //    inner product first (earlier rotations of the pass may have changed it) and testing it again.
  const tol = 2 * (d + 2) * float64.unitRoundoff; // svd.ts's test (see there)
  let passes = 0;
  let rotations = 0;
  for (;;) {
    K.nt(L.Bt * 8, L.Bt * 8, L.C * 8, k, d, k, 1);
    const npairs = keepResolvable(F, L, K.scan(L.C * 8, L.alpha * 8, k, tol, L.pairs * 8));
    if (npairs === 0) break;
    if (++passes > MAX_PASSES) throw new Error(`msignFast: one-sided Jacobi did not converge in ${MAX_PASSES} passes`);
    const rot = K.jsweep(L.Bt * 8, L.W * 8, L.alpha * 8, d, k, L.pairs * 8, npairs, tol);
    rotations += rot;
    // The tiled product and the fresh inner product round differently: a pair at the threshold can fail one test and
    // pass the other. Both are valid evaluations of b_pᵀb_q (same error bound), so a pass that rotates nothing ends
    // the iteration (as a sweep without rotations ends svd.ts's).
    if (rot === 0) break;
  }
  lastFastSvdInfo.passes = passes;
  lastFastSvdInfo.rotations = rotations;
  lastFastSvdInfo.engine = E.name;
  return passes;
}

/**
 * Step 5 on the layout after preconditionedJacobi: σ_j = ‖b_j‖, cut-off, and msign = Σ_kept (b_j/σ_j) v_jᵀ
 * = B·Wd (Wd row j = v_j/σ_j, 0 if dropped), written to L.out (L.d × L.k).
 */
function finish(E: Engine, L: Layout, cutoff: number): void {
  const F = E.heap.f64;
  const { d, k } = L;
  let smax2 = 0;
  for (let j = 0; j < k; j++) if (F[L.alpha + j] > smax2) smax2 = F[L.alpha + j];
  const threshold = cutoff * Math.sqrt(smax2);
  for (let j = 0; j < k; j++) {
    const sj = Math.sqrt(F[L.alpha + j]);
    const inv = sj > threshold && sj > 0 ? 1 / sj : 0;
    const wj = L.W + j * k;
    for (let l = 0; l < k; l++) F[L.WdT + l * k + j] = F[wj + l] * inv;
  }
  E.K.tr(L.Bt * 8, k, d, L.Bn * 8);
  E.K.nt(L.Bn * 8, L.WdT * 8, L.out * 8, d, k, k, 0);
}

/** msignFast on a given engine (exported for the tests, which run both the WASM and the JS engine). */
export function msignWith(E: Engine, G: Mat<number>, options: MsignOptions = {}): Mat<number> {
  const { rows, cols } = G;
  const cutoff = options.cutoff ?? defaultRankCutoff(float64, rows, cols);
  if (!(cutoff >= 0 && cutoff < 1)) throw new RangeError(`msign: cutoff must be in [0, 1), got ${cutoff}`);
  if (rows === 0 || cols === 0) return mat(rows, cols, []);
  const tall = rows >= cols;
  const d = tall ? rows : cols;
  const k = tall ? cols : rows;
  const L = layout(E, d, k);
  if (load(E, L, G, 'msignFast') === 0) return mat(rows, cols, newArray(rows * cols).fill(0));
  preconditionedJacobi(E, L);
  finish(E, L, cutoff);
  const F = E.heap.f64;
  if (tall) return mat(rows, cols, copyOut(F, L.out, d * k));
  // out (d×k = cols×rows) is msign(G)ᵀ; transpose it into the (now free) Gt buffer
  E.K.tr(L.out * 8, d, k, L.Gt * 8);
  return mat(rows, cols, copyOut(F, L.Gt, d * k));
}

/**
 * msign(G) = U_r V_rᵀ (singular values ≤ cutoff·σ_max or = 0 dropped), float64, via the Gram-preconditioned
 * one-sided Jacobi SVD described above. Same contract and default cut-off as the generic `msign` (msign.ts).
 */
export function msignFast(G: Mat<number>, options: MsignOptions = {}): Mat<number> {
  return msignWith(defaultEngine, G, options);
}

/** svdFast on a given engine. */
export function svdWith(E: Engine, A: Mat<number>): Svd<number> {
  const { rows, cols } = A;
  const tall = rows >= cols;
  const d = tall ? rows : cols;
  const k = tall ? cols : rows;
  if (k === 0) return { U: mat(rows, 0, []), s: [], V: mat(cols, 0, []), sweeps: 0 };
  const L = layout(E, d, k);
  const maxAbs = load(E, L, A, 'svd');
  const F = E.heap.f64;
  let passes = 0;
  let unscale = 1;
  if (maxAbs === 0) {
    F.fill(0, L.Bt, L.Bt + k * d);
    F.fill(0, L.W, L.W + k * k);
    for (let i = 0; i < k; i++) F[L.W + i * k + i] = 1;
    F.fill(0, L.alpha, L.alpha + k);
  } else {
    unscale = 1 / powerOfTwoScale(maxAbs);
    passes = preconditionedJacobi(E, L);
  }
  const norms: number[] = [];
  for (let j = 0; j < k; j++) norms.push(Math.sqrt(F[L.alpha + j]));
  // descending, stable among ties (as svd.ts)
  const order = Array.from({ length: k }, (_, j) => j).sort((i, j) => (norms[j] < norms[i] ? -1 : norms[j] > norms[i] ? 1 : 0));
  const s = order.map((j) => norms[j] * unscale);
  const Lv = newArray(d * k);
  const Rv = newArray(k * k);
  for (let c = 0; c < k; c++) {
    const j = order[c];
    const sj = norms[j];
    const inv = sj === 0 ? 0 : 1 / sj;
    const bj = L.Bt + j * d;
    for (let i = 0; i < d; i++) Lv[i * k + c] = F[bj + i] * inv;
    const wj = L.W + j * k;
    for (let i = 0; i < k; i++) Rv[i * k + c] = F[wj + i];
  }
  const Lm = mat(d, k, Lv);
  const Rm = mat(k, k, Rv);
  return tall ? { U: Lm, s, V: Rm, sweeps: passes } : { U: Rm, s, V: Lm, sweeps: passes };
}

/**
 * Thin SVD with the contract of the generic `svd` (svd.ts): s descending (stable order among ties), U m×n' with
 * unit columns (an exactly zero singular value gets a zero column), V n×n', n' = min(m, n); `sweeps` counts the
 * Jacobi passes after preconditioning (0 when the Gram eigenvectors already passed the orthogonality test).
 */
export function svdFast(A: Mat<number>): Svd<number> {
  return svdWith(defaultEngine, A);
}
