/**
 * Dyadic grid points lo + (hi − lo)·k/2^bits computed exactly. A dyadic rational m/2^e is a double (if m fits in 53
 * bits) and a finite decimal (m·5^e/10^e), so a float run and an exact run read the very same number: the float
 * value converts to decimal without loss (exactDecimalString / Field.of) and has at most e decimal places.
 */

/** x = m·2^e exactly, m an odd integer (or 0). */
function toDyadic(x: number): { m: bigint; e: number } {
  if (x === 0) return { m: 0n, e: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (biased === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  while ((m & 1n) === 0n) {
    m >>= 1n;
    e++;
  }
  return { m: hi >>> 31 ? -m : m, e };
}

const TWO53 = 2n ** 53n;

/**
 * The exact double lo + (hi − lo)·k/2^bits, k ∈ [0, 2^bits]. Throws a RangeError unless every point of that grid is a
 * double, i.e. unless lo and hi are dyadic with few enough bits: max(|lo|, |hi|)·2^bits ≤ 2^53 on the common grid of
 * lo and hi (for example lo = 1, hi = 2 allows bits ≤ 52; lo = 0.1 is not dyadic enough for any useful bits).
 */
export function dyadicPoint(lo: number, hi: number, bits: number, k: number): number {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo <= hi)) {
    throw new RangeError(`dyadic: need finite lo ≤ hi, got lo = ${lo}, hi = ${hi}`);
  }
  if (!Number.isInteger(bits) || bits < 0 || bits > 52) throw new RangeError(`dyadic: bits must be an integer in [0, 52], got ${bits}`);
  if (!Number.isInteger(k) || k < 0 || k > 2 ** bits) throw new RangeError(`dyadic: k must be an integer in [0, 2^${bits}], got ${k}`);
  const a = toDyadic(lo);
  const b = toDyadic(hi);
  const e0 = Math.min(a.m === 0n ? b.e : a.e, b.m === 0n ? a.e : b.e);
  const Lo = a.m << BigInt(a.e - e0);
  const Hi = b.m << BigInt(b.e - e0);
  const scale = 1n << BigInt(bits);
  const abs = (v: bigint): bigint => (v < 0n ? -v : v);
  if ((abs(Lo) > abs(Hi) ? abs(Lo) : abs(Hi)) * scale > TWO53) {
    throw new RangeError(
      `dyadic: lo = ${lo} and hi = ${hi} carry too many binary digits for bits = ${bits} (the grid would not be exact doubles); ` +
        'use dyadic bounds such as 0, 0.5, 1, 2 or fewer bits',
    );
  }
  const N = Lo * scale + (Hi - Lo) * BigInt(k);
  // N fits in 53 bits, so Number(N) is exact; scaling by a power of two is exact unless it leaves the normal range.
  const value = Number(N) * 2 ** (e0 - bits);
  const back = toDyadic(value);
  const want = toDyadic(Number(N));
  if (back.m !== want.m || (value !== 0 && back.e !== want.e + e0 - bits)) throw new RangeError(`dyadic: grid point ${k}/2^${bits} of [${lo}, ${hi}] under- or overflows`);
  return value;
}
