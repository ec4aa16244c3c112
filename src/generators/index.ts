/**
 * fast-check arbitraries for the claims' hypotheses. Some names (psdTarget, givensOrthogonal, …) mirror the plain
 * builders in src/random/, which take an Rng; import this module as a namespace (`import * as gen from …`) to keep
 * the two apart. Every object-valued arbitrary carries the parameters and seed it was made from.
 */
export { seed, dyadicMagnitude, rho256, uniformDyadic } from './dyadic.ts';
export { STEPS, real, logUniform, kappa, rho, prefactor, alpha, epsilon, dyadicIn, type Closed } from './scalars.ts';
export { nonIncreasingSchedule, type Schedule, type ScheduleKind, type ScheduleOptions } from './schedules.ts';
export {
  gaussianMatrix,
  haarMatrix,
  psdTarget,
  givensOrthogonal,
  givensOrthonormalColumns,
  type Param,
  type SeededGaussian,
  type SeededHaar,
  type SeededPsdTarget,
  type SeededGivens,
  type PsdTargetOptions,
} from './matrices.ts';
export { spectrumPattern, gdMfSweep, gdIclSweep, type GdMfSweep, type GdIclSweep } from './mf.ts';
export { quadBArbitrary, buildQuadB, type QuadBCase, type QuadBOptions } from './quadB.ts';
export { decimalIn, basisArb, basisMatrix, BASES, type Basis, type DecMat } from './aligned.ts';
export { decimalLog, decimalLin, decimalSchedule, scheduleSearch, SCHEDULE_KINDS, type DecimalSchedule, type DecimalScheduleOptions } from './signgd.ts';
