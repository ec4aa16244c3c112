import type { Rng } from './rng.ts';
import { nextDown, nextUp } from './ulp.ts';

/**
 * How the r − 2 interior eigenvalues spread over [λ_max/κ, λ_max] (the two extremes are always present):
 *  - 'log-uniform': iid uniform in log λ, so every decade of κ gets its share;
 *  - 'uniform': iid uniform in λ (most values within a decade of λ_max);
 *  - 'geometric': evenly spaced in log λ (deterministic, the experiments' usual choice);
 *  - 'two-level': only λ_max and λ_min, repeated (a random number of each);
 *  - 'clustered': a few values (the extremes and ≤ ⌊(r−2)/2⌋ log-uniform centres), so some value repeats.
 */
export type SpectrumPattern = 'log-uniform' | 'uniform' | 'geometric' | 'two-level' | 'clustered';
export const SPECTRUM_PATTERNS: readonly SpectrumPattern[] = ['log-uniform', 'uniform', 'geometric', 'two-level', 'clustered'];

export interface SpectrumOptions {
  /** Rank, the number of nonzero eigenvalues (≥ 1). */
  readonly r: number;
  /** Condition number λ_max/λ_min ≥ 1; must be 1 when r = 1 (one eigenvalue is its own min and max). */
  readonly kappa: number;
  /** Largest eigenvalue, > 0 (default 1). May move by a few ulps, see exactExtremes. */
  readonly lambdaMax?: number;
  readonly pattern?: SpectrumPattern;
}

export interface Spectrum {
  readonly r: number;
  readonly kappa: number;
  readonly pattern: SpectrumPattern;
  /** = lambdas[0]. */
  readonly lambdaMax: number;
  /** = lambdas[r − 1]; lambdaMax / lambdaMin === kappa in float64. */
  readonly lambdaMin: number;
  /** Descending, r values. */
  readonly lambdas: number[];
}

/** The most ulps λ_max may move (relative change ≤ 2^16·2^-52 ≈ 1.5e-11); measured need: see test/random/spectrum.test.ts. */
export const MAX_LAMBDA_MAX_ULPS = 2 ** 16;

/** A λ_min with fl(lmax/λ_min) === κ among the doubles next to fl(lmax/κ), or null. */
function minFor(lmax: number, kappa: number): number | null {
  const b0 = lmax / kappa;
  let b = b0;
  for (let n = 0; n < 3; n++, b = nextDown(b)) if (lmax / b === kappa) return b;
  b = nextUp(b0);
  for (let n = 0; n < 2; n++, b = nextUp(b)) if (lmax / b === kappa) return b;
  return null;
}

/**
 * λ_max' and λ_min with fl(λ_max'/λ_min) === κ exactly, λ_max' as close as possible to the requested λ_max.
 *
 * First λ_min is nudged by ulps around fl(λ_max/κ), with λ_max kept. That can fail: one ulp of λ_min moves the ratio
 * by 2^-52/mant(λ_min) relative, κ's rounding interval is 2^-52/mant(κ) relative wide, and when mant(λ_min) < mant(κ)
 * (λ_max = 1 and κ = 100 is such a case) the ratio can jump over the interval. Then λ_max is moved by 1, 2, 3, … ulps
 * (alternately up and down) until some λ_min works. When mant(λ_max) ≈ mant(λ_min) each λ_max ulp shifts all ratios by
 * almost exactly one λ_min step, so many ulps may be needed (κ just below a power of two is the bad case); the search
 * stops at MAX_LAMBDA_MAX_ULPS and throws a RangeError.
 */
export function exactExtremes(lambdaMax: number, kappa: number): { lambdaMax: number; lambdaMin: number } {
  if (!(Number.isFinite(lambdaMax) && lambdaMax > 0)) throw new RangeError(`spectrum: lambdaMax must be a finite number > 0, got ${lambdaMax}`);
  if (!(Number.isFinite(kappa) && kappa >= 1)) throw new RangeError(`spectrum: kappa must be a finite number ≥ 1, got ${kappa}`);
  if (!(lambdaMax / kappa >= 2 ** -1021)) {
    throw new RangeError(`spectrum: lambdaMax/kappa = ${lambdaMax}/${kappa} underflows; λ_min must be a normal double (≥ 2^-1021)`);
  }
  let up = lambdaMax;
  let down = lambdaMax;
  for (let step = 0; step <= MAX_LAMBDA_MAX_ULPS; step++) {
    for (const lmax of step === 0 ? [lambdaMax] : [up, down]) {
      if (!Number.isFinite(lmax)) continue;
      const lmin = minFor(lmax, kappa);
      if (lmin !== null) return { lambdaMax: lmax, lambdaMin: lmin };
    }
    up = nextUp(up);
    down = nextDown(down);
  }
  throw new RangeError(
    `spectrum: no doubles with λ_max/λ_min === κ = ${kappa} within ${MAX_LAMBDA_MAX_ULPS} ulps of λ_max = ${lambdaMax}; ` +
      'move κ or λ_max slightly',
  );
}

/** The r − 2 interior values by pattern, descending, clamped into [lmin, lmax]. */
export function interiorValues(rng: Rng, pattern: SpectrumPattern, r: number, lmin: number, lmax: number): number[] {
  const n = Math.max(0, r - 2);
  const logK = Math.log(lmax / lmin);
  const logUniform = (): number => lmax * Math.exp(-rng.uniform() * logK);
  let xs: number[];
  switch (pattern) {
    case 'log-uniform':
      xs = Array.from({ length: n }, logUniform);
      break;
    case 'uniform':
      xs = Array.from({ length: n }, () => lmin + (lmax - lmin) * rng.uniform());
      break;
    case 'geometric':
      xs = Array.from({ length: n }, (_, i) => lmax * Math.exp((-(i + 1) / (r - 1)) * logK));
      break;
    case 'two-level': {
      const top = n === 0 ? 0 : rng.int(0, n);
      xs = Array.from({ length: n }, (_, i) => (i < top ? lmax : lmin));
      break;
    }
    case 'clustered': {
      // 2 + c distinct candidates < r values in all: by pigeonhole some eigenvalue repeats (r ≥ 3).
      const cap = Math.floor(n / 2);
      const c = cap === 0 ? 0 : rng.int(1, cap);
      const centres = [lmax, lmin, ...Array.from({ length: c }, logUniform)];
      xs = Array.from({ length: n }, () => rng.pick(centres));
      break;
    }
    default:
      throw new RangeError(`spectrum: pattern must be one of ${SPECTRUM_PATTERNS.join(', ')}, got ${String(pattern)}`);
  }
  return xs.map((x) => Math.min(lmax, Math.max(lmin, x))).sort((a, b) => b - a);
}

export function checkRankKappa(fn: string, r: number, kappa: number | string): void {
  if (!Number.isInteger(r) || r < 1) throw new RangeError(`${fn}: r must be a positive integer (≥ 1), got ${r}`);
  if (r === 1 && Number(kappa) !== 1) {
    throw new RangeError(`${fn}: a rank-1 target has a single eigenvalue, so kappa must be 1 when r = 1, got ${kappa}`);
  }
}

/** r eigenvalues in [λ_max/κ, λ_max], both extremes present, with lambdas[0]/lambdas[r−1] === κ in float64. */
export function spectrum(rng: Rng, options: SpectrumOptions): Spectrum {
  const { r, kappa, lambdaMax = 1, pattern = 'log-uniform' } = options;
  checkRankKappa('spectrum', r, kappa);
  if (!SPECTRUM_PATTERNS.includes(pattern)) {
    throw new RangeError(`spectrum: pattern must be one of ${SPECTRUM_PATTERNS.join(', ')}, got ${String(pattern)}`);
  }
  const ext = exactExtremes(lambdaMax, kappa);
  const lambdas =
    r === 1 ? [ext.lambdaMax] : [ext.lambdaMax, ...interiorValues(rng, pattern, r, ext.lambdaMin, ext.lambdaMax), ext.lambdaMin];
  if (lambdas[0] / lambdas[r - 1] !== kappa) throw new Error(`spectrum: internal error, λ_max/λ_min = ${lambdas[0] / lambdas[r - 1]} ≠ κ = ${kappa}`);
  return { r, kappa, pattern, lambdaMax: lambdas[0], lambdaMin: lambdas[r - 1], lambdas };
}
