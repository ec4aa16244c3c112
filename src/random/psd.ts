import { columns, mat, type Mat } from '../linalg/mat.ts';
import { haar, positiveInt } from './matrices.ts';
import type { Rng } from './rng.ts';
import { spectrum, type Spectrum, type SpectrumOptions } from './spectrum.ts';

export interface PsdOptions extends SpectrumOptions {
  /** Dimension, ≥ r. */
  readonly d: number;
}

/** M* = V diag(λ) Vᵀ with its ingredients; carries d, r, κ, λ_max and the pattern for reports. */
export interface PsdTarget extends Spectrum {
  readonly d: number;
  /** d×r, Haar on O^{d×r}: the first r columns of `basis`. */
  readonly V: Mat<number>;
  /** d×d Haar orthogonal matrix; its last d − r columns span M*'s null space (aligned starts of Lemma 3 need it). */
  readonly basis: Mat<number>;
  /** d×d, exactly symmetric (M[i][j] === M[j][i]). */
  readonly M: Mat<number>;
}

/**
 * A PSD target of dimension d, rank r and condition number κ (exact in float64, see spectrum.ts). The spectrum and the
 * basis use separate forks of `rng`, so changing the pattern or κ keeps the eigenvectors of the same seed.
 */
export function psdTarget(rng: Rng, options: PsdOptions): PsdTarget {
  const { d, r } = options;
  positiveInt('psdTarget', 'd', d);
  if (!Number.isInteger(r) || r < 1 || r > d) throw new RangeError(`psdTarget: r must be an integer in [1, d] = [1, ${d}], got ${r}`);
  const spec = spectrum(rng.fork('spectrum'), options);
  const basis = haar(rng.fork('basis'), d, d);
  const B = basis.data;
  const { lambdas } = spec;
  const out = new Array<number>(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let s = 0;
      for (let l = 0; l < r; l++) s += lambdas[l] * (B[i * d + l] * B[j * d + l]);
      out[i * d + j] = s;
      out[j * d + i] = s; // mirrored, so symmetry is exact rather than up to rounding
    }
  }
  return { ...spec, d, V: columns(basis, 0, r), basis, M: mat(d, d, out) };
}
