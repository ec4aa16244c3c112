import type { LinAlg } from './backend.ts';
import { mat, sub, type Mat } from './mat.ts';
import { frobenius, spectral } from './norms.ts';

/*
 * The two sides of the msign (unitary polar factor) perturbation bounds of paper A's Lemmas 17 and 18 (Li 1995;
 * Li–Sun 2006), for A = L_A R_Aᵀ and B = L_B R_Bᵀ formed in the backend's field from their factors:
 *   ‖msign A − msign B‖ against ‖A − B‖/(σ_{r_A}(A) + σ_{r_B}(B)), in the Frobenius and the spectral norm.
 * msign comes from the backend (la.msign: the implementation under test), σ from la.svd.
 */

export interface PolarSides<T> {
  readonly A: Mat<T>;
  readonly B: Mat<T>;
  /** ‖msign A − msign B‖_F, ‖msign A − msign B‖₂ (the latter only when asked). */
  readonly dQF: T;
  readonly dQ2?: T;
  /** ‖A − B‖_F, ‖A − B‖₂ (the latter only when asked). */
  readonly dF: T;
  readonly d2?: T;
  /** σ_{r_A}(A), σ_{r_B}(B), σ₁(A), σ₁(B), and σ_{r+1} of each (0 when r = min(m, n)). */
  readonly sigmaA: T;
  readonly sigmaB: T;
  readonly sigma1A: T;
  readonly sigma1B: T;
  readonly nextA: T;
  readonly nextB: T;
}

/** Row-major factor data as an r-column matrix in the backend's field (doubles converted exactly). */
export function factor<T>(la: LinAlg<T>, rows: number, r: number, data: readonly number[]): Mat<T> {
  return mat(rows, r, data.map((x) => la.F.of(x)));
}

export function polarSides<T>(la: LinAlg<T>, c: { readonly m: number; readonly n: number; readonly rA: number; readonly rB: number; readonly LA: readonly number[]; readonly RA: readonly number[]; readonly LB: readonly number[]; readonly RB: readonly number[] }, spectralToo: boolean): PolarSides<T> {
  const { F } = la;
  const A = la.matmulNT(factor(la, c.m, c.rA, c.LA), factor(la, c.n, c.rA, c.RA));
  const B = la.matmulNT(factor(la, c.m, c.rB, c.LB), factor(la, c.n, c.rB, c.RB));
  const sA = la.svd(A).s;
  const sB = la.svd(B).s;
  const dQ = sub(F, la.msign(A), la.msign(B));
  const E = sub(F, A, B);
  return {
    A,
    B,
    dQF: frobenius(F, dQ),
    dF: frobenius(F, E),
    ...(spectralToo ? { dQ2: spectral(F, dQ), d2: spectral(F, E) } : {}),
    sigmaA: sA[c.rA - 1]!,
    sigmaB: sB[c.rB - 1]!,
    sigma1A: sA[0]!,
    sigma1B: sB[0]!,
    nextA: sA[c.rA] ?? F.zero,
    nextB: sB[c.rB] ?? F.zero,
  };
}
