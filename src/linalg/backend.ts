import type { Decimal } from '../arith/exact.ts';
import { exactField } from '../arith/exact.ts';
import type { Field } from '../arith/field.ts';
import { float64 } from '../arith/float64.ts';
import { eigh, type Eigh } from './eigh.ts';
import { matmul, transpose, type Mat } from './mat.ts';
import { msign, type MsignOptions } from './msign.ts';
import { svd, type Svd } from './svd.ts';

/**
 * What problems and optimizers compute with: a field plus the few matrix kernels whose cost dominates a step.
 * `plain(F)` implements them with the generic code of this folder for any field; `fastFloat` (fast/) swaps in
 * Float64 kernels that are checked against `plain(float64)` in test/linalg/fast.test.ts.
 */
export interface LinAlg<T> {
  readonly F: Field<T>;
  /** 'float64' (fast kernels), 'float64-plain' or 'exact(P)'. */
  readonly name: string;
  matmul(A: Mat<T>, B: Mat<T>): Mat<T>;
  /** AᵀB */
  matmulTN(A: Mat<T>, B: Mat<T>): Mat<T>;
  /** ABᵀ */
  matmulNT(A: Mat<T>, B: Mat<T>): Mat<T>;
  msign(G: Mat<T>): Mat<T>;
  svd(A: Mat<T>): Svd<T>;
  eigh(S: Mat<T>): Eigh<T>;
  /**
   * Optional fused kernel of P.mf's factored gradient U(UᵀU) − (VΛ)(UᵀV)ᵀ (fast/: one pass, bit-identical to the
   * three products the problem takes otherwise, tested in test/linalg).
   */
  mfGrad?(U: Mat<T>, V: Mat<T>, VL: Mat<T>): Mat<T>;
}

export function plain<T>(F: Field<T>, name = F.kind === 'exact' ? `exact(${F.precision})` : F.kind === 'float64' ? 'float64-plain' : `${F.kind}-plain`, msignOptions: MsignOptions = {}): LinAlg<T> {
  return {
    F,
    name,
    matmul: (A, B) => matmul(F, A, B),
    matmulTN: (A, B) => matmul(F, transpose(A), B),
    matmulNT: (A, B) => matmul(F, A, transpose(B)),
    msign: (G) => msign(F, G, msignOptions),
    svd: (A) => svd(F, A),
    eigh: (S) => eigh(F, S),
  };
}

/** The generic code on float64: the reference every fast float kernel is checked against. */
export const floatPlain: LinAlg<number> = plain(float64);

/** Decimal arithmetic at `precision` digits. */
export function exact(precision: number): LinAlg<Decimal> {
  return plain(exactField(precision));
}
