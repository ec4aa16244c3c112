import { bf16, float32Scalar } from '../arith/bf16.ts';
import type { Field } from '../arith/field.ts';
import { add, convert, map, mat, matmul, scale, transpose, type Mat } from './mat.ts';
import { frobenius } from './norms.ts';

/** The quintic Newton–Schulz coefficients of B Alg. 3 (Keller Jordan's Muon). */
export const NS5_COEFFICIENTS = { a: '3.4445', b: '-4.7750', c: '2.0315' } as const;
export const NS5_STEPS = 5;
/** The ε added to ‖G‖_F before normalising (B Alg. 3). */
export const NS5_EPS = '1e-7';

/**
 * How a Newton–Schulz run is carried out, beyond the default of B Alg. 3 (every field left out keeps the default,
 * and `ns5(F, G)` with no options is bit-identical to what it always was).
 */
export interface Ns5Options<T> {
  /** Iterations (default 5). */
  readonly steps?: number;
  /**
   * 'add' (default): X ← G/(‖G‖_F + ε), B Alg. 3 and KellerJordan/Muon; 'clamp': X ← G/max(‖G‖_F, ε),
   * torch.optim.Muon (`ortho_grad.div_(ortho_grad.norm().clamp(min=eps))`, torch/optim/_muon.py).
   */
  readonly normalise?: 'add' | 'clamp';
  /**
   * 'default': X ← (1/(‖G‖_F + ε))·G and B = bA + c(AA). 'reference': KellerJordan/Muon's operations in its order:
   * X ← X / (‖X‖_F + ε) entrywise, `B = b * A + c * A @ A` (Python parses it as bA + (cA)A), `X = a * X + B @ X`.
   * 'addmm': torch.optim.Muon's: the same division, then `torch.addmm(A, A, A, beta=b, alpha=c)` = c(AA) + bA and
   * `torch.addmm(X, B, X, beta=a)` = BX + aX, each a fused product (with accumulate 'float64': summed wide and
   * rounded once, as a GEMM's epilogue does). In exact arithmetic all three are the same map; they differ only in
   * rounding.
   */
  readonly order?: 'default' | 'reference' | 'addmm';
  /** The constants a, b, c, ε as operands (default F.of). The bf16 route passes float32 values, as torch does. */
  readonly scalar?: (s: string) => T;
  /**
   * 'field' (default): every addition of a matrix product or of ‖·‖_F's sum of squares is rounded by F.
   * 'float64': each entry of a matrix product and ‖X‖_F² is summed in float64 and rounded once by F.of: a bf16 GEMM
   * or norm with a wide accumulator, as the references' bf16 matmul and norm accumulate in float32 and round once.
   * Only for fields no wider than float32 (bf16), where float64 sums of their products are exact or nearly so.
   */
  readonly accumulate?: 'field' | 'float64';
  /**
   * The matrix product (default mat.ts matmul over F), e.g. a LinAlg's fast float64 kernel: it must sum in mat.ts's
   * order (the fast kernels are bit-identical to it, test/linalg/fast.test.ts), so the result does not change.
   */
  readonly matmul?: (A: Mat<T>, B: Mat<T>) => Mat<T>;
}

/** The entries of A·B summed in float64 (k in order), not rounded. */
function productWide<T>(F: Field<T>, A: Mat<T>, B: Mat<T>): number[] {
  if (A.cols !== B.rows) throw new RangeError(`matmul: inner sizes differ, ${A.rows}×${A.cols} · ${B.rows}×${B.cols}`);
  const a = A.data.map((x) => F.toNumber(x));
  const b = B.data.map((x) => F.toNumber(x));
  const n = A.rows;
  const m = A.cols;
  const p = B.cols;
  const out = new Array<number>(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += a[i * m + k]! * b[k * p + j]!;
      out[i * p + j] = s;
    }
  }
  return out;
}

/** A·B with each entry summed in float64 and rounded once by F. */
function matmulWide<T>(F: Field<T>, A: Mat<T>, B: Mat<T>): Mat<T> {
  return mat(A.rows, B.cols, productWide(F, A, B).map((x) => F.of(x)));
}

/** torch.addmm(C, P, Q, beta, alpha) = alpha·(PQ) + beta·C, in float64 from the wide sums, rounded once by F. */
function addmmWide<T>(F: Field<T>, C: Mat<T>, P: Mat<T>, Q: Mat<T>, beta: T, alpha: T): Mat<T> {
  const al = F.toNumber(alpha);
  const be = F.toNumber(beta);
  return mat(C.rows, C.cols, productWide(F, P, Q).map((x, i) => F.of(al * x + be * F.toNumber(C.data[i]!))));
}

/** ‖A‖_F = √(Σ a²) summed in float64 and rounded once by F (no scaling: meant for float32's exponent range). */
function frobeniusWide<T>(F: Field<T>, A: Mat<T>): T {
  let s = 0;
  for (const x of A.data) {
    const v = F.toNumber(x);
    s += v * v;
  }
  return F.of(Math.sqrt(s));
}

/**
 * O.ns5: the practical stand-in for msign. X ← G/(‖G‖_F + 1e-7); transpose if rows > cols; five times
 * A = XXᵀ, X ← aX + (bA + cA²)X; transpose back. It is not msign: singular values s/‖G‖_F ∈ [0.01, 1] land in
 * about [0.68, 1.13] (B.NS5), and directions below about 1.5e-3·‖G‖_F are not orthogonalised in 5 steps.
 * `steps` may be a number (the iterations) or Ns5Options for the variants of practical Muon (./ns5.ts's
 * `ns5Reference` gathers them per reference implementation).
 */
export function ns5<T>(F: Field<T>, G: Mat<T>, steps: number | Ns5Options<T> = NS5_STEPS): Mat<T> {
  const o: Ns5Options<T> = typeof steps === 'number' ? { steps } : steps;
  const n = o.steps ?? NS5_STEPS;
  const reference = o.order === 'reference' || o.order === 'addmm';
  const fused = o.order === 'addmm';
  if (o.accumulate === 'float64' && F.unitRoundoff < 2 ** -24) throw new RangeError(`ns5: accumulate 'float64' is for fields no wider than float32, got ${F.kind}`);
  const wide = o.accumulate === 'float64';
  const kernel = o.matmul;
  const mm = (A: Mat<T>, B: Mat<T>): Mat<T> => (wide ? matmulWide(F, A, B) : kernel ? kernel(A, B) : matmul(F, A, B));
  const s = o.scalar ?? ((x: string): T => F.of(x));
  const a = s(NS5_COEFFICIENTS.a);
  const b = s(NS5_COEFFICIENTS.b);
  const c = s(NS5_COEFFICIENTS.c);
  const eps = s(NS5_EPS);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: aX + (bXXᵀ + c(XXᵀ)²)X = aX + X(bXᵀX + c(XᵀX)²), so which side is Gram-multiplied changes only the cost and the rounding
  const tall = G.rows > G.cols;
  const X0 = tall ? transpose(G) : G;
  const norm = wide ? frobeniusWide(F, G) : frobenius(F, G);
  // 'clamp': torch's clamp returns a tensor of the input's dtype, so max(‖X‖, ε) is rounded to the field (F.of)
  const denominator = o.normalise === 'clamp' ? F.of(F.max(norm, eps)) : F.add(norm, eps);
  let X = reference ? map(X0, (x) => F.div(x, denominator)) : scale(F, F.div(F.one, denominator), X0);
  // torch.addmm(C, P, Q, beta, alpha) = alpha·(PQ) + beta·C
  const addmm = (C: Mat<T>, P: Mat<T>, Q: Mat<T>, be: T, al: T): Mat<T> => (wide ? addmmWide(F, C, P, Q, be, al) : add(F, scale(F, al, mm(P, Q)), scale(F, be, C)));
  for (let i = 0; i < n; i++) {
    const A = mm(X, transpose(X));
    if (fused) {
      const B = addmm(A, A, A, b, c);
      X = addmm(X, B, X, a, F.one);
      continue;
    }
    const B = reference ? add(F, scale(F, b, A), mm(scale(F, c, A), A)) : add(F, scale(F, b, A), scale(F, c, mm(A, A)));
    X = add(F, scale(F, a, X), mm(B, X));
  }
  return tall ? transpose(X) : X;
}

/** The two reference implementations of practical Muon that this project imitates. */
export type MuonReference = 'kellerjordan' | 'torch';

export interface Ns5ReferenceOptions {
  /** Iterations (both references default to 5). */
  readonly steps?: number;
  /**
   * 'bf16' (default): as the references run it: G cast to bfloat16, every operation in bf16 with the matrix
   * products and the norm accumulated wide and rounded once, the result cast back to the caller's field.
   * 'field': the same operations in the caller's field (float64, or decimal when a float failure is confirmed).
   */
  readonly precision?: 'bf16' | 'field';
}

/**
 * The Newton–Schulz orthogonalisation of a reference implementation, operation for operation:
 *  - 'kellerjordan': zeropower_via_newtonschulz5 of KellerJordan/Muon muon.py (commit 857d1adc, 2025-11-23):
 *    `X = G.bfloat16()`, transpose if G.size(-2) > G.size(-1), `X = X / (X.norm(...) + 1e-7)`, then `steps` times
 *    `A = X @ X.mT; B = b * A + c * A @ A; X = a * X + B @ X`, transpose back;
 *  - 'torch': _zeropower_via_newtonschulz of pytorch torch/optim/_muon.py (commit b5ee4d7a; the later form, as in
 *    current PyTorch): `ortho_grad = grad.bfloat16()`, transpose if grad.size(0) > grad.size(1),
 *    `ortho_grad.div_(ortho_grad.norm().clamp(min=eps))`, then `ns_steps` times `gram_matrix = ortho_grad @
 *    ortho_grad.T; gram_update = torch.addmm(gram_matrix, gram_matrix, gram_matrix, beta=b, alpha=c); ortho_grad =
 *    torch.addmm(ortho_grad, gram_update, ortho_grad, beta=a)`, transpose back. (An earlier revision, commit
 *    098e03f9, had a use_addmm flag defaulting to False and then KellerJordan's unfused `b * A + c * A @ A`.)
 * The Python floats a, b, c, ε enter torch's bf16 kernels as float32 (`float32Scalar`); products and norms are summed
 * in float64 and rounded once (a float32 accumulator would differ by ≤ n·2^-24 relative before the bf16 rounding,
 * i.e. by one bf16 ulp in a fraction of about n·2^-15 of the entries; GPU and CPU GEMMs sum in their own orders).
 * Checked line by line against a NumPy transliteration of both sources in test/practical/.
 */
export function ns5Reference<T>(F: Field<T>, G: Mat<T>, reference: MuonReference, options: Ns5ReferenceOptions & Pick<Ns5Options<T>, 'matmul'> = {}): Mat<T> {
  const base = { steps: options.steps ?? NS5_STEPS, normalise: reference === 'torch' ? 'clamp' : 'add', order: reference === 'torch' ? 'addmm' : 'reference' } as const;
  // the caller's matmul kernel serves the 'field' route (bf16 sums its own products wide)
  if ((options.precision ?? 'bf16') === 'field') return ns5(F, G, options.matmul ? { ...base, matmul: options.matmul } : base);
  const Gb = mat(G.rows, G.cols, G.data.map((x) => bf16.of(F.toNumber(x))));
  const X = ns5(bf16, Gb, { ...base, scalar: float32Scalar, accumulate: 'float64' });
  return convert(bf16, F, X);
}
