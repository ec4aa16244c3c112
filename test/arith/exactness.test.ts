/**
 * proveExact: the run-time proof that a decimal computation did not round (numerics.md, "Exactness"). Checked against
 * an independent BigInt oracle, so that a proveExact that always said "exact" (or never did) is caught.
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import type { Field } from '../../src/arith/field.ts';
import { proveExact } from '../../src/arith/exactness.ts';
import { diag, matmul, signEntrywise, sub, axpy, transpose, type Mat } from '../../src/linalg/mat.ts';

const Big = Decimal.clone({ precision: 1000 });

/** Recursion (27): σ_{t+1} = σ_t − η_t sign(σ_t³ − λσ_t), η_t = η₀ρ^t; returns σ_0..σ_steps. */
function scalarRun<T>(F: Field<T>, s0: string, lambda: string, eta0: string, rho: string, steps: number): T[] {
  let s = F.of(s0);
  const l = F.of(lambda);
  const r = F.of(rho);
  let eta = F.of(eta0);
  const out = [s];
  for (let t = 0; t < steps; t++) {
    s = F.sub(s, F.mul(eta, F.sign(F.sub(F.mul(F.mul(s, s), s), F.mul(l, s)))));
    eta = F.mul(eta, r);
    out.push(s);
  }
  return out;
}

/**
 * The same recursion in scaled BigInt arithmetic (value·10^K), for σ₀ = 0.3, λ = 1.44, η₀ = 2, ρ = 0.67: every η_t
 * = 2·67^t/100^t has 2t decimals, so K = 130 holds 60 steps exactly. An oracle independent of decimal.js.
 */
function scalarOracle(steps: number): string[] {
  const K = 130n;
  let s = 3n * 10n ** (K - 1n);
  const lambda = 144n * 10n ** (2n * K - 2n);
  const sgn = (x: bigint): bigint => (x > 0n ? 1n : x < 0n ? -1n : 0n);
  const out = [s];
  for (let t = 0n; t < BigInt(steps); t++) {
    const eta = 2n * 67n ** t * 10n ** (K - 2n * t);
    s -= eta * sgn(s) * sgn(s * s - lambda); // sign(σ³ − λσ) = sign(σ)·sign(σ² − λ)
    out.push(s);
  }
  return out.map((v) => `${v}e-${K}`);
}

const STEPS = 60;
const run = (F: Field<Decimal>): Decimal[] => scalarRun(F, '0.3', '1.44', '2', '0.67', STEPS);

describe('proveExact on the scalar recursion (27), ρ = 0.67, 60 steps', () => {
  const oracle = scalarOracle(STEPS);

  it('is proven exact at 120 digits, and the values equal the BigInt oracle digit for digit', () => {
    // σ_t ≈ 1.2 carries up to 2·59 = 118 decimals (ρ^59), i.e. 119 significant digits: 120 suffice.
    const r = proveExact(120, run, (xs) => xs);
    expect(r.exact).toBe(true);
    expect(r.errorEstimate).toBe(0);
    expect(r.errorEstimateText).toBe('0');
    expect(r.precision).toBe(120);
    expect(r.value).toHaveLength(STEPS + 1);
    r.value.forEach((x, t) => expect(x.eq(new Big(oracle[t])), `step ${t}`).toBe(true));
  });

  it('is reported NOT exact one digit short (118) — the proof is sharp', () => {
    const r = proveExact(118, run, (xs) => xs);
    expect(r.exact).toBe(false);
    expect(r.errorEstimate).toBeGreaterThan(0);
    // Only the 119th significant digit of values ~1 is lost, so the error is ~1e-118: far below 1e-110.
    expect(r.errorEstimate).toBeLessThan(1e-110);
  });

  it('is reported NOT exact at 10 digits, with an error estimate close to the true error', () => {
    const r = proveExact(10, run, (xs) => xs);
    expect(r.exact).toBe(false);
    expect(r.errorEstimate).toBeGreaterThan(0);
    expect(Number(r.errorEstimateText)).toBe(r.errorEstimate);
    let trueError = 0;
    r.value.forEach((x, t) => {
      trueError = Math.max(trueError, new Big(oracle[t]).minus(x).abs().toNumber());
    });
    expect(trueError).toBeGreaterThan(0);
    // The 20-digit run is ~10^10 times closer to the truth than the 10-digit one (same sign sequence), so the
    // estimate |run(10) − run(20)| is the true error up to a relative 1e-9; allow 1%.
    expect(Math.abs(r.errorEstimate - trueError)).toBeLessThan(0.01 * trueError);
  });
});

describe('proveExact on an aligned matrix recursion', () => {
  /** X ← X − η_t sign((XXᵀ − Λ)X) with X, Λ diagonal: the diagonal case of Lemma 3, in matrix operations. */
  function alignedRun(F: Field<Decimal>, steps: number): Mat<Decimal> {
    const lambda = diag(F, ['1.44', '0.25', '0'].map((x) => F.of(x)));
    let X = diag(F, ['0.3', '-0.7', '0.45'].map((x) => F.of(x)));
    let eta = F.of('2');
    const rho = F.of('0.67');
    for (let t = 0; t < steps; t++) {
      const G = matmul(F, sub(F, matmul(F, X, transpose(X)), lambda), X);
      X = axpy(F, X, F.neg(eta), signEntrywise(F, G));
      eta = F.mul(eta, rho);
    }
    return X;
  }

  it('is proven exact, stays exactly diagonal, and each diagonal entry follows the scalar recursion', () => {
    const steps = 40;
    const r = proveExact(100, (F) => alignedRun(F, steps), (X) => X.data);
    expect(r.exact).toBe(true);
    const X = r.value;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) if (i !== j) expect(X.data[i * 3 + j].isZero()).toBe(true);
    }
    const scalar = proveExact(
      100,
      (F) => [
        scalarRun(F, '0.3', '1.44', '2', '0.67', steps)[steps],
        scalarRun(F, '-0.7', '0.25', '2', '0.67', steps)[steps],
        scalarRun(F, '0.45', '0', '2', '0.67', steps)[steps],
      ],
      (xs) => xs,
    );
    expect(scalar.exact).toBe(true);
    for (let i = 0; i < 3; i++) expect(X.data[i * 4].eq(scalar.value[i])).toBe(true);
  });
});

describe('proveExact with a square root', () => {
  it('√2 is reported not exact, with an error estimate of about one unit in the 30th digit', () => {
    const r = proveExact(30, (F) => [F.sqrt(F.of(2))], (xs) => xs);
    expect(r.exact).toBe(false);
    // |fl₃₀(√2) − fl₆₀(√2)| ≤ ½·10^-29 (one rounding at 30 digits) + 10^-59.
    expect(r.errorEstimate).toBeGreaterThan(0);
    expect(r.errorEstimate).toBeLessThanOrEqual(0.5e-29);
  });

  it('√2.25 = 1.5 is exact (a square root of a perfect square does not round)', () => {
    const r = proveExact(30, (F) => [F.sqrt(F.of('2.25'))], (xs) => xs);
    expect(r.exact).toBe(true);
    expect(r.value[0].eq(1.5)).toBe(true);
  });

  it('throws when the two runs return different numbers of values', () => {
    expect(() =>
      proveExact(
        10,
        (F) => Array.from({ length: F.precision === 10 ? 1 : 2 }, () => F.one),
        (xs) => xs,
      ),
    ).toThrow(/returned 1 and 2 numbers/);
  });

  it('treats matching non-finite values as agreeing and a NaN against a number as an infinite error', () => {
    const inf = proveExact(10, (F) => [F.of(Infinity)], (xs) => xs);
    expect(inf.exact).toBe(true);
    const bad = proveExact(10, (F) => [F.precision === 10 ? F.of(NaN) : F.one], (xs) => xs);
    expect(bad.exact).toBe(false);
    expect(bad.errorEstimate).toBe(Infinity);
  });
});
