/**
 * Neighbouring doubles (JS has no Math.nextafter). A finite double's bit pattern, read as an unsigned integer, is
 * monotone in |x| within each sign, so stepping the integer by one steps x by one ulp.
 */
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** The smallest double > x (nextUp(±0) = 5e-324, nextUp(MAX_VALUE) = Infinity, NaN stays NaN). */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  u64[0] = x > 0 ? u64[0] + 1n : u64[0] - 1n;
  return f64[0];
}

/** The largest double < x. */
export function nextDown(x: number): number {
  return -nextUp(-x);
}

/** x moved by n ulps (n > 0 up, n < 0 down). */
export function ulpStep(x: number, n: number): number {
  let y = x;
  for (let i = 0; i < Math.abs(n); i++) y = n > 0 ? nextUp(y) : nextDown(y);
  return y;
}
