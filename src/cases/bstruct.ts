import type { Field } from '../arith/field.ts';
import type { Impl } from '../impl/impl.ts';
import type { LinAlg } from '../linalg/backend.ts';
import { axpy, inner, mat, sub, type Mat } from '../linalg/mat.ts';
import { frobenius } from '../linalg/norms.ts';
import type { Optimizer } from '../optimizers/index.ts';
import { linearModel, type LinearProblem } from '../problems/linear.ts';
import { gaussian } from '../random/matrices.ts';
import { rng } from '../random/rng.ts';
import { convert } from '../linalg/mat.ts';
import { float64 } from '../arith/float64.ts';

/*
 * Cases and runs of paper B's structural results (B.A45, B.T48, B.T412, B.Fig1/2): the linear model's data with low
 * or high effective rank (dyadic, so that float and Q read the same numbers), the Hessian quadratic form J_t of P.mf
 * and of the star-convex quartic, their third-derivative constants s, and a Muon/GD loop over any {la, loss, grad}.
 */

/** The grid of every matrix a B-structure case draws: multiples of 2^-12 (exact in float64 and in Q). */
export const GRID = 2 ** 12;
const onGrid = (x: number): number => Math.round(x * GRID) / GRID;

/** A Gaussian matrix times `scale`, rounded to the 2^-12 grid. */
export function gridGaussian(seedLabel: string, rows: number, cols: number, scale: number): Mat<number> {
  const g = gaussian(rng(seedLabel), rows, cols);
  return mat(rows, cols, g.data.map((x) => onGrid(x * scale)));
}

export type XRank = 'low' | 'full';

export interface LinearData {
  readonly X: Mat<number>;
  readonly Y: Mat<number>;
  readonly Wstar: Mat<number>;
}

/**
 * Data of P.linear: X ∈ ℝ^{d×B} either of low effective rank (a rank-k product, k = 1 or 2, plus 1 % Gaussian noise:
 * the concentrated spectra of v2 Fig. 2(a) and Fig. 5, MNIST/CIFAR/text embeddings) or Gaussian (the "X_Gaussian" of
 * the same figures); Y = W*X + `noise`·N (c×B). All entries on the 2^-12 grid.
 */
export function linearData(o: { readonly c: number; readonly d: number; readonly B: number; readonly xRank: XRank; readonly k?: number; readonly noise: number; readonly seed: number | string }): LinearData {
  const s = String(o.seed);
  let X: Mat<number>;
  if (o.xRank === 'full') X = gridGaussian(`${s}:X`, o.d, o.B, 1);
  else {
    const k = o.k ?? 1;
    const P = gaussian(rng(`${s}:P`), o.d, k);
    const Qm = gaussian(rng(`${s}:Q`), k, o.B);
    const N = gaussian(rng(`${s}:N`), o.d, o.B);
    const out = new Array<number>(o.d * o.B);
    for (let i = 0; i < o.d; i++) {
      for (let j = 0; j < o.B; j++) {
        let v = 0.01 * N.data[i * o.B + j];
        for (let l = 0; l < k; l++) v += P.data[i * k + l] * Qm.data[l * o.B + j];
        out[i * o.B + j] = onGrid(v);
      }
    }
    X = mat(o.d, o.B, out);
  }
  const Wstar = gridGaussian(`${s}:Wstar`, o.c, o.d, 1);
  const N = gaussian(rng(`${s}:Ynoise`), o.c, o.B);
  const Y = mat(o.c, o.B, new Array<number>(o.c * o.B).fill(0).map((_, idx) => {
    const i = Math.floor(idx / o.B);
    const j = idx % o.B;
    let v = o.noise * N.data[idx];
    for (let l = 0; l < o.d; l++) v += Wstar.data[i * o.d + l] * X.data[l * o.B + j];
    return onGrid(v);
  }));
  return { X, Y, Wstar };
}

/** P.linear of the data over a backend (the numbers converted exactly: they are dyadic). */
export function linearIn<T>(la: LinAlg<T>, data: LinearData): LinearProblem<T> {
  const to = (A: Mat<number>): Mat<T> => (la.F.kind === 'float64' ? (A as unknown as Mat<T>) : convert(float64, la.F, A));
  return linearModel(la, to(data.X), to(data.Y));
}

/** A matrix of plain numbers in the field (exactly: the case's numbers are doubles). */
export const inField = <T>(F: Field<T>, A: Mat<number>): Mat<T> => (F.kind === 'float64' ? (A as unknown as Mat<T>) : convert(float64, F, A));

/**
 * Float error of f(W) = (1/2B)‖WX − Y‖² (the standard γ_n bound on sums of products): each residual entry is a sum of
 * d products and one subtraction, |δR| ≤ γ_{d+1}·A with A = |W||X| + |Y| entrywise; squaring and summing cB terms adds
 * γ_{cB}·ΣA²; the 1/(2B) one rounding. So |fl f − f| ≤ (2(d + 1) + cB + 3)·u·f̄, f̄ = (1/2B)‖A‖_F², with γ_n ≤ 1.01nu.
 */
export function linearLossError(W: Mat<number>, X: Mat<number>, Y: Mat<number>, u: number): number {
  const c = W.rows;
  const d = W.cols;
  const B = X.cols;
  let s = 0;
  for (let i = 0; i < c; i++) {
    for (let j = 0; j < B; j++) {
      let a = Math.abs(Y.data[i * B + j]);
      for (let l = 0; l < d; l++) a += Math.abs(W.data[i * d + l] * X.data[l * B + j]);
      s += a * a;
    }
  }
  return 1.01 * (2 * (d + 1) + c * B + 3) * u * (s / (2 * B));
}

/** |W| entrywise, as numbers. */
export const absMat = (A: Mat<number>): Mat<number> => mat(A.rows, A.cols, A.data.map(Math.abs));

/** AB of plain numbers (for error shadows |A||B|: their own rounding is second order). */
export function mulNum(A: Mat<number>, B: Mat<number>): Mat<number> {
  const out = new Array<number>(A.rows * B.cols).fill(0);
  for (let i = 0; i < A.rows; i++) for (let l = 0; l < A.cols; l++) {
    const a = A.data[i * A.cols + l];
    if (a === 0) continue;
    for (let j = 0; j < B.cols; j++) out[i * B.cols + j] += a * B.data[l * B.cols + j];
  }
  return mat(A.rows, B.cols, out);
}

export const frobNum = (A: Mat<number>): number => Math.hypot(...A.data);

export interface Run<T> {
  readonly W: Mat<T>[];
  readonly G: Mat<T>[];
  readonly D: Mat<T>[];
  readonly losses: T[];
  readonly status: 'completed' | 'nonfinite';
}

/**
 * W_{t+1} = W_t − η_t D_t for T steps (η constant, or a function of G_t and t: B.T411's ‖∇f‖_* / L_*), D_t from the optimizer of the implementation under test (planted bugs reach it),
 * on any objective with a loss and a gradient. Keeps W_0 … W_T, G_0 … G_T, D_0 … D_{T−1} and the losses.
 */
export function runOn<T>(p: { readonly la: LinAlg<T>; loss(W: Mat<T>): T; grad(W: Mat<T>): Mat<T> }, opt: Optimizer, W0: Mat<T>, T: number, eta: T | ((G: Mat<T>, t: number) => T)): Run<T> {
  const F = p.la.F;
  const stepper = opt.start(p.la, W0);
  const W = [W0];
  const G: Mat<T>[] = [];
  const D: Mat<T>[] = [];
  const losses = [p.loss(W0)];
  for (let t = 0; t < T; t++) {
    const g = p.grad(W[t]);
    const d = stepper.direction(W[t], g);
    const e = typeof eta === 'function' ? (eta as (G: Mat<T>, t: number) => T)(g, t) : eta;
    const next = axpy(F, W[t], F.neg(e), d);
    const l = p.loss(next);
    G.push(g);
    D.push(d);
    if (!F.isFinite(l)) return { W, G, D, losses, status: 'nonfinite' };
    W.push(next);
    losses.push(l);
  }
  G.push(p.grad(W[T]));
  return { W, G, D, losses, status: 'completed' };
}

/**
 * J = vec(E)ᵀ∇²f(U)vec(E) for P.mf, f(U) = ¼‖UUᵀ − M*‖_F²: with R = UUᵀ − M*, S = UEᵀ + EUᵀ, P = EEᵀ,
 * f(U + tE) = ¼‖R + tS + t²P‖², so J = d²/dt² at 0 = ½‖S‖_F² + ⟨R, P⟩.
 */
export function mfHessianForm<T>(la: LinAlg<T>, U: Mat<T>, target: Mat<T>, E: Mat<T>): T {
  const F = la.F;
  const R = sub(F, la.matmulNT(U, U), target);
  const UEt = la.matmulNT(U, E);
  const S = mat(UEt.rows, UEt.cols, UEt.data.map((x, idx) => F.add(x, UEt.data[(idx % UEt.cols) * UEt.cols + Math.floor(idx / UEt.cols)])));
  const P = la.matmulNT(E, E);
  return F.add(F.mul(F.of(0.5), inner(F, S, S)), inner(F, R, P));
}

/**
 * The third-derivative constant of P.mf on the region {‖U‖_op ≤ R} (Assumption 4.7 there): s = 6R.
 * D³f(U)[E, E, E] = ¼·d³/dt³‖R + tS + t²P‖² at 0 = 3⟨S, P⟩ = 6⟨UEᵀ, EEᵀ⟩, and |⟨UEᵀ, EEᵀ⟩| ≤ ‖UᵀE‖_F‖EᵀE‖_F ≤
 * ‖U‖_op‖E‖_F³; equality at U = R·uvᵀ, E = uvᵀ. For a symmetric trilinear form on a real Hilbert space the norm is
 * attained on the diagonal (Banach 1938), so ‖∇²f(U) − ∇²f(U′)‖_op ≤ sup_{segment}‖D³f‖·‖U − U′‖_F ≤ 6R‖U − U′‖_F
 * whenever the segment stays in the (convex) region — and the proof uses the Taylor remainder only on segments
 * [W_t, W_{t+1}], so R = max_t ‖W_t‖_op suffices.
 */
export const mfThirdDerivativeConstant = (R: number): number => 6 * R;

/**
 * The star-convex test function of B.T412 (convex, not quadratic unless c = 0): with D = W − W*,
 *   f(W) = tr(DᵀQD) + (c/4)‖D‖_F⁴,   ∇f = 2QD + c‖D‖_F²D,   f* = 0 at W*,
 *   vec(E)ᵀ∇²f vec(E) = 2tr(EᵀQE) + c(‖D‖²‖E‖² + 2⟨D, E⟩²),
 *   D³f[E, E, E] = 6c⟨D, E⟩‖E‖² ≤ 6c‖D‖_F‖E‖_F³  ⇒  s = 6c·R_D on {‖W − W*‖_F ≤ R_D} (Banach again; the region is a
 *   ball, convex, and the Taylor remainder is taken on segments [W_t, W_{t+1}], so R_D = max_t ‖W_t − W*‖_F).
 */
export interface QuarticProblem<T> {
  readonly la: LinAlg<T>;
  readonly Wstar: Mat<T>;
  loss(W: Mat<T>): T;
  grad(W: Mat<T>): Mat<T>;
  hessianForm(W: Mat<T>, E: Mat<T>): T;
}

export function quarticB<T>(la: LinAlg<T>, Q: Mat<T>, Wstar: Mat<T>, c: number): QuarticProblem<T> {
  const F = la.F;
  const cT = F.of(c);
  const quarter = F.of(0.25);
  const two = F.of(2);
  return {
    la,
    Wstar,
    loss(W) {
      const D = sub(F, W, Wstar);
      const n2 = inner(F, D, D);
      return F.add(inner(F, D, la.matmul(Q, D)), F.mul(F.mul(quarter, cT), F.mul(n2, n2)));
    },
    grad(W) {
      const D = sub(F, W, Wstar);
      const QD = la.matmul(Q, D);
      const k = F.mul(cT, inner(F, D, D));
      return mat(D.rows, D.cols, D.data.map((x, i) => F.add(F.mul(two, QD.data[i]), F.mul(k, x))));
    },
    hessianForm(W, E) {
      const D = sub(F, W, Wstar);
      const de = inner(F, D, E);
      return F.add(F.mul(two, inner(F, E, la.matmul(Q, E))), F.mul(cT, F.add(F.mul(inner(F, D, D), inner(F, E, E)), F.mul(two, F.mul(de, de)))));
    },
  };
}

/** ‖A‖_F as a number. */
export const frobOf = <T>(F: Field<T>, A: Mat<T>): number => F.toNumber(frobenius(F, A));

