import { Decimal } from 'decimal.js';
import type { Rng } from './rng.ts';
import { checkRankKappa, interiorValues, SPECTRUM_PATTERNS, type SpectrumPattern } from './spectrum.ts';

export interface DecimalSpectrumOptions {
  readonly r: number;
  /** κ as a decimal string or a number (a number is read as its shortest decimal, String(x): 0.1 means "0.1"). */
  readonly kappa: number | string;
  /** Default "1". */
  readonly lambdaMax?: number | string;
  readonly pattern?: SpectrumPattern;
  /** Significant digits of the interior eigenvalues (1 to 50, default 6); the extremes keep their own digits. */
  readonly digits?: number;
}

export interface DecimalSpectrum {
  readonly r: number;
  readonly kappa: string;
  readonly pattern: SpectrumPattern;
  readonly digits: number;
  readonly lambdaMax: string;
  /** λ_max/κ, a finite decimal: lambdaMin·κ = λ_max exactly. */
  readonly lambdaMin: string;
  /** Descending finite decimals in plain notation; lambdas[0] = lambdaMax, lambdas[r − 1] = lambdaMin. */
  readonly lambdas: string[];
}

/** Digits allowed for λ_max/κ: more means κ is not a "decimal-friendly" divisor of λ_max. */
const QUOTIENT_DIGITS = 100;

function parse(name: string, x: number | string): Decimal {
  const text = typeof x === 'number' ? String(x) : x.trim();
  let v: Decimal;
  try {
    v = new Decimal(text);
  } catch {
    throw new TypeError(`decimalSpectrum: ${name} must be a decimal number, got "${text}"`);
  }
  if (!v.isFinite()) throw new RangeError(`decimalSpectrum: ${name} must be finite, got ${text}`);
  return v;
}

/**
 * The exact-arithmetic counterpart of spectrum(): eigenvalues as finite decimal strings with λ_max/λ_min = κ exactly.
 * Only possible when λ_max/κ is a finite decimal — e.g. λ_max = 1 and κ = 2^a·5^b (2, 4, 5, 8, 10, 16, 20, 25, …,
 * 100, 1000); κ = 3 with λ_max = 1 throws a RangeError. Interior values follow `pattern` (drawn in float, then
 * rounded to `digits` significant digits and clamped into [λ_min, λ_max] exactly).
 */
export function decimalSpectrum(rng: Rng, options: DecimalSpectrumOptions): DecimalSpectrum {
  const { r, pattern = 'log-uniform', digits = 6 } = options;
  if (!SPECTRUM_PATTERNS.includes(pattern)) {
    throw new RangeError(`decimalSpectrum: pattern must be one of ${SPECTRUM_PATTERNS.join(', ')}, got ${String(pattern)}`);
  }
  if (!Number.isInteger(digits) || digits < 1 || digits > 50) throw new RangeError(`decimalSpectrum: digits must be an integer in [1, 50], got ${digits}`);
  const kappa = parse('kappa', options.kappa);
  const lmax = parse('lambdaMax', options.lambdaMax ?? '1');
  checkRankKappa('decimalSpectrum', r, kappa.toString());
  if (!kappa.gte(1)) throw new RangeError(`decimalSpectrum: kappa must be ≥ 1, got ${kappa.toString()}`);
  if (!lmax.gt(0)) throw new RangeError(`decimalSpectrum: lambdaMax must be > 0, got ${lmax.toString()}`);

  const Q = Decimal.clone({ precision: QUOTIENT_DIGITS, rounding: Decimal.ROUND_HALF_EVEN });
  const lmin = new Q(lmax).div(new Q(kappa));
  // Proof that the quotient did not round: multiply back at a precision holding every digit of the product.
  const P = Decimal.clone({ precision: lmin.sd() + kappa.sd() + 2 });
  if (!new P(lmin).times(new P(kappa)).eq(lmax)) {
    throw new RangeError(
      `decimalSpectrum: lambdaMax/kappa = ${lmax.toString()}/${kappa.toString()} is not a finite decimal (within ${QUOTIENT_DIGITS} digits), ` +
        'so no decimal λ_min gives κ exactly; use κ = 2^a·5^b (e.g. 2, 4, 5, 8, 10, 20, 25, 100) or a λ_max divisible by κ',
    );
  }
  const lmaxF = lmax.toNumber();
  const lminF = lmin.toNumber();
  const interior =
    r <= 2
      ? []
      : interiorValues(rng, pattern, r, lminF, lmaxF).map((x) => {
          // The float extremes stand for the exact decimal ones ('two-level', 'clustered' repeat them).
          if (x === lmaxF) return lmax;
          if (x === lminF) return lmin;
          const v = new Decimal(x.toPrecision(digits));
          return Decimal.min(lmax, Decimal.max(lmin, v));
        });
  const values = r === 1 ? [lmax] : [lmax, ...interior, lmin];
  values.sort((a, b) => b.cmp(a));
  return {
    r,
    kappa: kappa.toFixed(),
    pattern,
    digits,
    lambdaMax: lmax.toFixed(),
    lambdaMin: values[r - 1].toFixed(),
    lambdas: values.map((v) => v.toFixed()),
  };
}
