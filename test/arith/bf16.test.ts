/**
 * bf16.ts — the bfloat16 field: rounding of specific values (ties to even, 1 + 2^-8, the largest bf16, overflow,
 * subnormals, conversions through float32) and, on many values, agreement with an independent arithmetic reference
 * (float64 arithmetic on the exponent and significand, below) — the implementation itself works on float32 bit
 * patterns. Also the Field contract's basics for this backend.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BF16_MAX, BF16_MIN_NORMAL, BF16_MIN_SUBNORMAL, bf16, float32Scalar, roundBf16 } from '../../src/arith/bf16.ts';
import { unitRoundoffOf } from '../../src/arith/field.ts';

/**
 * Reference: round a float32 value f to 8 significant bits (bf16's grid) by arithmetic. Grid spacing q = 2^(e−7) for
 * |f| in [2^e, 2^(e+1)), e ≥ −126, and q = 2^-133 below 2^-126 (the subnormals keep float32's exponent); f/q is
 * exact (a power-of-two scaling), rounded to an integer with ties to even; a result ≥ 2^128 is ∞.
 */
function reference(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const f = Math.fround(x);
  if (f === 0 || !Number.isFinite(f)) return f;
  const a = Math.abs(f);
  const e = Math.max(-126, Math.floor(Math.log2(a)));
  // Math.log2 may be off by one near powers of two: fix e so that 2^e ≤ a < 2^(e+1) (or e = −126 for subnormals)
  let k = e;
  while (k > -126 && 2 ** k > a) k--;
  while (2 ** (k + 1) <= a) k++;
  const q = 2 ** (k - 7);
  const m = a / q;
  const fl = Math.floor(m);
  const d = m - fl;
  const n = d > 0.5 || (d === 0.5 && fl % 2 === 1) ? fl + 1 : fl;
  const r = n * q;
  return Math.sign(f) * (r >= 2 ** 128 ? Infinity : r);
}

describe('roundBf16: specific values', () => {
  it('representable values stay: 1, 1 + 2^-7, 2^-126, the largest, the smallest subnormal, ±0, ±∞', () => {
    for (const x of [1, -1, 1 + 2 ** -7, 2 ** -126, BF16_MAX, -BF16_MAX, BF16_MIN_SUBNORMAL, 3 * 2 ** -133, 0, Infinity, -Infinity]) expect(roundBf16(x)).toBe(x);
    expect(Object.is(roundBf16(-0), -0)).toBe(true);
    expect(Number.isNaN(roundBf16(NaN))).toBe(true);
    expect(BF16_MAX).toBe(3.3895313892515355e38);
    expect(BF16_MIN_NORMAL).toBe(2 ** -126);
  });

  it('ties go to even: 1 + 2^-8 → 1, 1 + 3·2^-8 → 1 + 2^-6, −(1 + 2^-8) → −1', () => {
    // 1 + 2^-8 lies halfway between 1 (even significand) and 1 + 2^-7 (odd)
    expect(roundBf16(1 + 2 ** -8)).toBe(1);
    expect(roundBf16(1 + 3 * 2 ** -8)).toBe(1 + 2 ** -6);
    expect(roundBf16(-(1 + 2 ** -8))).toBe(-1);
    // just above the tie rounds up
    expect(roundBf16(1 + 2 ** -8 + 2 ** -20)).toBe(1 + 2 ** -7);
    // the unit roundoff is 2^-8: |round(x) − x| ≤ 2^-8·|x|
    expect(bf16.unitRoundoff).toBe(2 ** -8);
    expect(unitRoundoffOf(bf16)).toBe(2 ** -8);
  });

  it('decimal constants: 0.1 → 0.10009765625, 3.4445 → 3.4375, 1e-7 → 1.00117176771164e-7', () => {
    expect(roundBf16(0.1)).toBe(0.10009765625);
    expect(bf16.of('3.4445')).toBe(3.4375);
    expect(bf16.of('-4.7750')).toBe(-4.78125);
    expect(bf16.of('2.0315')).toBe(2.03125);
    expect(bf16.of(1e-7)).toBe(215 * 2 ** -31); // 1e-7 = 1.6777·2^-24: significand 214.7/128 → 215/128
    expect(bf16.of(1e-7)).toBe(reference(1e-7));
    // float32Scalar keeps a Python float at float32, as torch's bf16 kernels do
    expect(float32Scalar('3.4445')).toBe(Math.fround(3.4445));
    expect(bf16.mul(float32Scalar('3.4445'), 1)).toBe(3.4375);
  });

  it('overflow: the largest bf16 plus less than half an ulp stays, from the midpoint on it is ∞ (tie to even: 0x7F80)', () => {
    const ulp = 2 ** (127 - 7);
    expect(roundBf16(BF16_MAX + 0.49 * ulp)).toBe(BF16_MAX);
    expect(roundBf16(BF16_MAX + 0.5 * ulp)).toBe(Infinity);
    expect(roundBf16(-(BF16_MAX + 0.5 * ulp))).toBe(-Infinity);
    expect(roundBf16(3.4028234663852886e38)).toBe(Infinity); // float32's largest
    expect(roundBf16(1e300)).toBe(Infinity);
    expect(bf16.mul(2 ** 100, 2 ** 100)).toBe(Infinity);
  });

  it('subnormals: spacing 2^-133 below 2^-126, ties to even, underflow to ±0 below 2^-134', () => {
    expect(roundBf16(2 ** -133 * 1.5)).toBe(2 ** -132); // tie between 1 and 2 quanta → 2 (even)
    expect(roundBf16(2 ** -133 * 2.5)).toBe(2 ** -132); // tie between 2 and 3 → 2
    expect(roundBf16(2 ** -134)).toBe(0); // tie between 0 and 1 quantum → 0
    expect(roundBf16(2 ** -134 * 1.01)).toBe(2 ** -133);
    expect(Object.is(roundBf16(-(2 ** -140)), -0)).toBe(true);
    expect(roundBf16(2 ** -126 - 2 ** -134)).toBe(2 ** -126); // the largest subnormal's neighbourhood rounds up into the normals
  });

  it('conversion goes through float32 (torch’s double → float → bfloat16): a double just above a bf16 tie that float32 rounds onto the tie', () => {
    // 1 + 2^-8 + 2^-30 is above the tie (direct rounding: 1 + 2^-7), but float32 rounds it to 1 + 2^-8 (the tie) → 1
    expect(Math.fround(1 + 2 ** -8 + 2 ** -30)).toBe(1 + 2 ** -8);
    expect(roundBf16(1 + 2 ** -8 + 2 ** -30)).toBe(1);
  });
});

describe('roundBf16 against the arithmetic reference', () => {
  it('random doubles of every magnitude, random float32 bit patterns, and every tie of a binade', () => {
    fc.assert(fc.property(fc.double({ noNaN: true }), (x) => Object.is(roundBf16(x), reference(x)) || (x === 0 && roundBf16(x) === 0)), { seed: 11, numRuns: 20000 });
    const f32 = new Float32Array(1);
    const u32 = new Uint32Array(f32.buffer);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (bits) => {
        u32[0] = bits;
        const x = f32[0]!;
        return Number.isNaN(x) ? Number.isNaN(roundBf16(x)) : Object.is(roundBf16(x), reference(x));
      }),
      { seed: 12, numRuns: 20000 },
    );
    for (const e of [-133, -127, -126, -1, 0, 7, 127]) {
      for (let k = 0; k < 256; k++) {
        const x = (2 ** e) * (1 + (k + 0.5) / 128);
        expect(roundBf16(x), `2^${e}·(1 + ${k + 0.5}/128)`).toBe(reference(x));
      }
    }
  });
});

describe('the bf16 field', () => {
  it('each operation is the float64 result rounded: add, sub, mul, div, sqrt; neg, abs, comparisons exact', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e30, max: 1e30, noNaN: true }), fc.double({ min: -1e30, max: 1e30, noNaN: true }), (x, y) => {
        const a = bf16.of(x);
        const b = bf16.of(y);
        expect(bf16.add(a, b)).toBe(reference(a + b));
        expect(bf16.sub(a, b)).toBe(reference(a - b));
        expect(bf16.mul(a, b)).toBe(reference(a * b));
        if (b !== 0) expect(bf16.div(a, b)).toBe(reference(a / b));
        expect(bf16.sqrt(Math.abs(a))).toBe(reference(Math.sqrt(Math.abs(a))));
        expect(bf16.neg(a)).toBe(-a);
        expect(bf16.cmp(a, b)).toBe(a < b ? -1 : a > b ? 1 : 0);
        // results are on the bf16 grid, within 2^-8 relative of the exact result
        const s = bf16.add(a, b);
        expect(bf16.of(s)).toBe(s);
        if (Number.isFinite(s) && Math.abs(a + b) >= BF16_MIN_NORMAL) expect(Math.abs(s - (a + b))).toBeLessThanOrEqual(2 ** -8 * Math.abs(a + b));
      }),
      { seed: 13, numRuns: 3000 },
    );
  });

  it('of: numbers, decimal strings and bigints; rejects a non-number string; kind, constants', () => {
    expect(bf16.kind).toBe('bf16');
    expect(bf16.of('0.1')).toBe(0.10009765625);
    expect(bf16.of(257n)).toBe(256); // 257 = 256 + 1 is a tie between 256 and 258: even significand → 256
    expect(bf16.of(259n)).toBe(260);
    expect(() => bf16.of('x')).toThrow(TypeError);
    expect(() => bf16.of('')).toThrow(TypeError);
    expect(bf16.zero).toBe(0);
    expect(bf16.one).toBe(1);
    expect(Object.is(bf16.sign(-0), 0)).toBe(true);
    expect(bf16.sign(-BF16_MIN_SUBNORMAL)).toBe(-1);
  });
});
