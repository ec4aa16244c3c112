/** Seeded randomness: streams, random matrices, PSD targets and finite-decimal orthogonal matrices. */
export { rng, type Rng } from './rng.ts';
export { nextUp, nextDown, ulpStep } from './ulp.ts';
export { dyadicPoint } from './dyadic.ts';
export { gaussian, haar, orthonormalityError } from './matrices.ts';
export { spectrum, exactExtremes, SPECTRUM_PATTERNS, type Spectrum, type SpectrumOptions, type SpectrumPattern } from './spectrum.ts';
export { decimalSpectrum, type DecimalSpectrum, type DecimalSpectrumOptions } from './decimal-spectrum.ts';
export { psdTarget, type PsdTarget, type PsdOptions } from './psd.ts';
export {
  givensOrthogonal,
  givensOrthonormalColumns,
  givensInField,
  decimalsInField,
  isExactlyOrthonormal,
  DECIMAL_CIRCLE_POINTS,
  MAX_ROTATIONS,
  type GivensMatrix,
  type GivensRotation,
  type GivensOptions,
} from './givens.ts';
