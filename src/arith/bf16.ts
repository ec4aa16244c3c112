import type { Field, Scalarish } from './field.ts';
import { float64 } from './float64.ts';

/*
 * bfloat16: the precision in which the reference Muon implementations run their Newton–Schulz iteration
 * (KellerJordan/Muon `G.bfloat16()`, torch.optim.Muon `grad.bfloat16()`). A bf16 number has an 8-bit significand
 * (7 stored bits + the implicit one) and float32's exponent range: largest finite (2 − 2^-7)·2^127 ≈ 3.39e38,
 * smallest normal 2^-126, subnormals down to 2^-133 (the top 16 bits of a float32 subnormal).
 *
 * A value of this field is a JavaScript number. Every operation is computed in float64 and its result rounded to
 * bf16 the way torch converts a higher-precision result to bfloat16: first to float32 (round to nearest even,
 * overflow to ±∞), then to bfloat16 by rounding the float32 bit pattern's top 16 bits to nearest even
 * (c10/util/BFloat16.h round_to_nearest_even; a float32 above the largest bf16 by half an ulp or more overflows to
 * ±∞). Why through float32:
 *  - on bf16 operands it changes nothing: a +, −, ×, ÷ or √ of float32 numbers computed in float64 and rounded to
 *    float32 is the correctly rounded float32 result (53 ≥ 2·24 + 2), and rounding that to bf16 is the correctly
 *    rounded bf16 result (24 ≥ 2·8 + 2): double rounding is innocuous (Figueroa, "When is double rounding
 *    innocuous?", SIGNUM 1995);
 *  - on a float32 operand it is torch's semantics: `b * A` with A a bf16 tensor and b a Python float is computed in
 *    float32 ("opmath") and rounded once to bf16, so b enters as float32, not as bf16 (`float32Scalar` below gives
 *    such a constant; the operations accept any double and round only their result);
 *  - converting a double to bf16 (`of`) goes through float32 as torch's double → BFloat16 conversion does.
 * Negation, |·|, comparisons, max and min are exact. Sums of many terms (matrix products, norms) are rounded at
 * every addition when written over this field; the references accumulate their products in float32 and round once:
 * ../linalg/ns5.ts's `accumulate: 'float64'` models that.
 */

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** x rounded to bfloat16 (through float32, see above); NaN stays NaN, overflow gives ±∞. */
export function roundBf16(x: number): number {
  // NaN first: adding the rounding increment to a NaN payload could carry into the sign bit
  if (x !== x) return NaN;
  F32[0] = x; // ECMAScript Float32 conversion: round to nearest, ties to even, overflow to ±∞
  const b = U32[0]!;
  // round the low 16 bits away, ties to the even top half (the bit just above them); a carry out of the significand
  // moves to the next binade, and out of the largest binade to the exponent 0xFF with a zero significand: ±∞
  U32[0] = (b + 0x7fff + ((b >>> 16) & 1)) & 0xffff0000;
  return F32[0]!;
}

/**
 * A constant as torch's bf16 kernels see a Python float: rounded to float32 only (at::opmath_type<BFloat16> is
 * float). Not a bf16 value: pass it as an operand of this field's operations, whose results are rounded.
 */
export const float32Scalar = (x: Scalarish): number => Math.fround(Number(x));

/** Largest finite bf16, (2 − 2^-7)·2^127. */
export const BF16_MAX = (2 - 2 ** -7) * 2 ** 127;
/** Smallest positive normal bf16 (float32's), 2^-126. */
export const BF16_MIN_NORMAL = 2 ** -126;
/** Smallest positive subnormal bf16, 2^-133. */
export const BF16_MIN_SUBNORMAL = 2 ** -133;

/**
 * The bfloat16 field. Stateless: one shared instance. Zero, one, negation, |·|, sign, comparisons, max, min and the
 * conversions to number and string are float64's (exact on bf16 values); `of` parses as float64.of, then rounds.
 */
export const bf16: Field<number> = {
  ...float64,
  kind: 'bf16',
  // 8·log10(2) ≈ 2.41 significant decimal digits
  precision: 2.4,
  unitRoundoff: 2 ** -8,
  of: (x: Scalarish | number): number => roundBf16(float64.of(x)),
  add: (a, b) => roundBf16(a + b),
  sub: (a, b) => roundBf16(a - b),
  mul: (a, b) => roundBf16(a * b),
  div: (a, b) => roundBf16(a / b),
  sqrt: (a) => roundBf16(Math.sqrt(a)),
};
