import type { Field } from '../arith/field.ts';
import { add, matmul, scale, transpose, type Mat } from './mat.ts';
import { frobenius } from './norms.ts';

/** The quintic Newton–Schulz coefficients of B Alg. 3 (Keller Jordan's Muon). */
export const NS5_COEFFICIENTS = { a: '3.4445', b: '-4.7750', c: '2.0315' } as const;
export const NS5_STEPS = 5;
/** The ε added to ‖G‖_F before normalising (B Alg. 3). */
export const NS5_EPS = '1e-7';

/**
 * O.ns5: the practical stand-in for msign. X ← G/(‖G‖_F + 1e-7); transpose if rows > cols; five times
 * A = XXᵀ, X ← aX + (bA + cA²)X; transpose back. It is not msign: singular values s/‖G‖_F ∈ [0.01, 1] land in
 * about [0.68, 1.13] (B.NS5), and directions below about 1.5e-3·‖G‖_F are not orthogonalised in 5 steps.
 */
export function ns5<T>(F: Field<T>, G: Mat<T>, steps: number = NS5_STEPS): Mat<T> {
  const a = F.of(NS5_COEFFICIENTS.a);
  const b = F.of(NS5_COEFFICIENTS.b);
  const c = F.of(NS5_COEFFICIENTS.c);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: aX + (bXXᵀ + c(XXᵀ)²)X = aX + X(bXᵀX + c(XᵀX)²), so which side is Gram-multiplied changes only the cost and the rounding
  const tall = G.rows > G.cols;
  let X = scale(F, F.div(F.one, F.add(frobenius(F, G), F.of(NS5_EPS))), tall ? transpose(G) : G);
  for (let i = 0; i < steps; i++) {
    const A = matmul(F, X, transpose(X));
    const B = add(F, scale(F, b, A), scale(F, c, matmul(F, A, A)));
    X = add(F, scale(F, a, X), matmul(F, B, X));
  }
  return tall ? transpose(X) : X;
}
