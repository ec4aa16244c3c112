import { tql2, tred2 } from './eigen.ts';

/**
 * The float64 kernels of the fast route, behind one interface with two implementations: WebAssembly SIMD
 * (wasm-kernels.ts, the default) and the plain-JS loops below (the fallback where WebAssembly SIMD is unavailable, and
 * an independent implementation the WASM kernels are tested against).
 *
 * Both work on a Heap — one flat Float64Array of scratch memory reused across calls (no allocation in the steady
 * state) — and take BYTE offsets into it (8 × index), as WebAssembly does. Matrices are row-major.
 *
 * Rounding: nn sums every entry in the generic triple loop's order (mat.ts), so it is bit-identical to it; nt and the
 * dot products inside jsweep/scan/tred2 use several partial sums (register tiles, SIMD lanes), so they differ from a
 * sequential sum by rounding only: |Δ| ≤ 2γ_m Σ_l |a_l||b_l| for m terms (the standard dot-product bound holds for
 * any summation order).
 */

export interface Kernels {
  /**
   * C (n×p) = A (n×m)·B (m×p): each entry summed over k = 0 … m−1 in order from +0, exactly as the generic triple loop
   * of mat.ts — bit-identical to it for finite inputs. sym = 1 when C is a Gram product (XᵀX with a = Xᵀ, b = X, or
   * XXᵀ): the upper triangle is computed and mirrored.
   */
  nn(a: number, b: number, c: number, n: number, m: number, p: number, sym: number): void;
  /** C (n×p) = A (n×m)·B (p×m)ᵀ; sym = 1 when B is A: upper triangle computed, lower mirrored (exactly symmetric). */
  nt(a: number, b: number, c: number, n: number, m: number, p: number, sym: number): void;
  /** Rotations i = hi−1 … lo of one tql2 sweep on rows (i, i+1) of W (n×n): row i+1 ← s·row i + c·row i+1, row i ← c·row i − s·row i+1. */
  rotq(w: number, n: number, lo: number, hi: number, cs: number, sn: number): void;
  /** tred2 step i: similarity part (see eigen.ts). */
  symv(w: number, n: number, i: number, d: number, e: number): void;
  /** tred2 step i: rank-2 update. */
  rank2(w: number, n: number, i: number, d: number, e: number): void;
  /** tred2 accumulation step i. */
  accum(w: number, n: number, i: number, d: number): void;
  /** T (cols×rows) = Aᵀ for A rows×cols. */
  tr(a: number, rows: number, cols: number, t: number): void;
  /**
   * One one-sided Jacobi pass over the pairs (p, q) listed as doubles at `pairs`: rotate rows p, q of Bt (k×d) and W
   * (k×k) when the fresh |b_pᵀb_q| > tol·‖b_p‖‖b_q‖ (‖b‖² kept in alpha, updated as α_p − tg, α_q + tg or
   * recomputed where that cancels). Returns the number of rotations.
   */
  jsweep(bt: number, w: number, alpha: number, d: number, k: number, pairs: number, npairs: number, tol: number): number;
  /**
   * The test of all pairs from C = BᵀB: alpha[p] = C[p][p]; pairs p < q with |C[p][q]| > tol·√alpha[p]·√alpha[q] are
   * listed at `pairs` (as doubles). Returns their number.
   */
  scan(c: number, alpha: number, k: number, tol: number, pairs: number): number;
  /**
   * The rotation loop of one tql2 iteration on rows l … m (eigen.ts), starting from p = d[m]: d, e updated, the
   * rotations recorded in cs/sn and applied to W (n×n) by rotq; writes c, s, s2, c3 to out[0..3].
   */
  ql(d: number, e: number, cs: number, sn: number, l: number, m: number, p: number, out: number, w: number, n: number): void;
  /** max |x_i| over n doubles, or NaN if an entry is NaN or ±Infinity. */
  maxabs(x: number, n: number): number;
  /**
   * The symmetric eigensolver of eigen.ts in one call: tred2 then tql2 on W (n×n; eigenvectors as rows on return),
   * eigenvalues (unsorted) in d; e, cs, sn (n each) and out (4) scratch. Returns 0, or 1 when QL did not converge.
   */
  eig(w: number, d: number, e: number, n: number, cs: number, sn: number, out: number): number;
}

/**
 * A bump allocator over growable memory, reset at the start of every top-level operation. Offsets are in doubles and
 * 16-byte aligned. Growing keeps the contents, but detaches earlier views: take `f64` after the allocations.
 */
export class Heap {
  private top = 0;
  private capacity: number;
  private view: Float64Array;

  /**
   * `buffer` returns the current backing store, `grow(bytes)` enlarges it to at least `bytes` (keeping the contents).
   * Only this heap may grow it: the view and the capacity are cached and refreshed after our own grow (reading
   * WebAssembly.Memory#buffer is a C++ call, too slow for every allocation).
   */
  constructor(
    private readonly buffer: () => ArrayBuffer,
    private readonly grow: (bytes: number) => void,
  ) {
    this.view = new Float64Array(buffer());
    this.capacity = this.view.length;
  }

  reset(): void {
    this.top = 0;
  }

  alloc(n: number): number {
    const off = this.top;
    this.top += (n + 1) & ~1;
    if (this.top > this.capacity) {
      this.grow(this.top * 8);
      this.view = new Float64Array(this.buffer());
      this.capacity = this.view.length;
    }
    return off;
  }

  /** The heap as doubles (take it after the allocations of an operation: growing replaces it). */
  get f64(): Float64Array {
    return this.view;
  }
}

/** A Heap on a plain ArrayBuffer (the JS engine). */
export function arrayHeap(): Heap {
  let buf = new ArrayBuffer(1 << 16);
  return new Heap(
    () => buf,
    (bytes) => {
      const next = new ArrayBuffer(Math.max(bytes, 2 * buf.byteLength));
      new Float64Array(next).set(new Float64Array(buf));
      buf = next;
    },
  );
}

/** Copies number[] (Mat<number> data) into the heap at offset `off` (doubles). */
export function copyIn(src: readonly number[], F: Float64Array, off: number, n: number): void {
  // TypedArray.prototype.set has a fast path for packed double arrays (about 0.7 ns per entry against 1.4 for a loop)
  if (src.length === n) F.set(src, off);
  else for (let i = 0; i < n; i++) F[off + i] = src[i];
}

const templates = new Map<number, number[]>();

/**
 * A fresh plain number[] of length n (contents unspecified: the caller overwrites every entry). Mat<number> data is a
 * plain array, and how it is created matters downstream: V8 keeps `new Array(n)` "holey" forever, and copying a holey
 * array into a Float64Array (TypedArray.prototype.set) is about 3× slower than copying a packed one. A slice of a
 * packed double template is packed, and costs about as much as `new Array(n)`.
 */
export function newArray(n: number): number[] {
  let t = templates.get(n);
  if (t === undefined) {
    if (templates.size >= 64) templates.clear();
    t = Array.from({ length: n }, () => 0.5); // 0.5, not 0: a double, so the template is PACKED_DOUBLE
    templates.set(n, t);
  }
  return t.slice();
}

/** A fresh plain number[] with n entries of F from offset `off`. */
export function copyOut(F: Float64Array, off: number, n: number): number[] {
  const out = newArray(n);
  for (let i = 0; i < n; i++) out[i] = F[off + i];
  return out;
}

/** F[t..] (cols × rows) = Aᵀ for A = F[a..] rows × cols (offsets in doubles). */
export function transposeIn(F: Float64Array, a: number, rows: number, cols: number, t: number): void {
  for (let i = 0; i < rows; i++) {
    const ai = a + i * cols;
    for (let j = 0; j < cols; j++) F[t + j * rows + i] = F[ai + j];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Plain-JS kernels (offsets in doubles). Register tiled: V8 emits scalar code, and a plain loop with one load and
// one store per multiply-add runs at about 0.4 multiply-adds per ns here, the tiles below at about 1.7.

/** C = A·Bᵀ, 2×4 tiles of dot products (8 independent accumulators). */
export function ntJs(F: Float64Array, a: number, b: number, c: number, n: number, m: number, p: number, sym: boolean): void {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const a0 = a + i * m;
    const a1 = a0 + m;
    const c0 = c + i * p;
    const c1 = c0 + p;
    let j = sym ? i & ~3 : 0;
    for (; j + 3 < p; j += 4) {
      const b0 = b + j * m, b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let k = 0; k < m; k++) {
        const x = F[a0 + k];
        const z = F[a1 + k];
        let y = F[b0 + k];
        s00 += x * y;
        s10 += z * y;
        y = F[b1 + k];
        s01 += x * y;
        s11 += z * y;
        y = F[b2 + k];
        s02 += x * y;
        s12 += z * y;
        y = F[b3 + k];
        s03 += x * y;
        s13 += z * y;
      }
      F[c0 + j] = s00;
      F[c0 + j + 1] = s01;
      F[c0 + j + 2] = s02;
      F[c0 + j + 3] = s03;
      F[c1 + j] = s10;
      F[c1 + j + 1] = s11;
      F[c1 + j + 2] = s12;
      F[c1 + j + 3] = s13;
    }
    for (; j < p; j++) {
      const b0 = b + j * m;
      let s0 = 0, s1 = 0;
      for (let k = 0; k < m; k++) {
        const y = F[b0 + k];
        s0 += F[a0 + k] * y;
        s1 += F[a1 + k] * y;
      }
      F[c0 + j] = s0;
      F[c1 + j] = s1;
    }
  }
  if (i < n) {
    const a0 = a + i * m;
    const c0 = c + i * p;
    let j = sym ? i & ~3 : 0;
    for (; j + 3 < p; j += 4) {
      const b0 = b + j * m, b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < m; k++) {
        const x = F[a0 + k];
        s0 += x * F[b0 + k];
        s1 += x * F[b1 + k];
        s2 += x * F[b2 + k];
        s3 += x * F[b3 + k];
      }
      F[c0 + j] = s0;
      F[c0 + j + 1] = s1;
      F[c0 + j + 2] = s2;
      F[c0 + j + 3] = s3;
    }
    for (; j < p; j++) {
      const b0 = b + j * m;
      let s0 = 0;
      for (let k = 0; k < m; k++) s0 += F[a0 + k] * F[b0 + k];
      F[c0 + j] = s0;
    }
  }
  if (sym) {
    for (let r = 1; r < n; r++) {
      const cr = c + r * p;
      for (let q = 0; q < r; q++) F[cr + q] = F[c + q * p + r];
    }
  }
}

/** Σ x_k y_k with 4 partial sums. */
export function dotJs(F: Float64Array, x: number, y: number, m: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let k = 0;
  for (; k + 3 < m; k += 4) {
    s0 += F[x + k] * F[y + k];
    s1 += F[x + k + 1] * F[y + k + 1];
    s2 += F[x + k + 2] * F[y + k + 2];
    s3 += F[x + k + 3] * F[y + k + 3];
  }
  for (; k < m; k++) s0 += F[x + k] * F[y + k];
  return s0 + s1 + (s2 + s3);
}

/** tql2 rotations, four consecutive ones fused per pass over the columns (each element loaded/stored ~1.25× per rotation). */
export function rotqJs(W: Float64Array, w: number, n: number, lo: number, hi: number, cs: Float64Array, csOff: number, snOff: number): void {
  let i = hi - 1;
  for (; i - 3 >= lo; i -= 4) {
    const c3 = cs[csOff + i], s3 = cs[snOff + i], c2 = cs[csOff + i - 1], s2 = cs[snOff + i - 1];
    const c1 = cs[csOff + i - 2], s1 = cs[snOff + i - 2], c0 = cs[csOff + i - 3], s0 = cs[snOff + i - 3];
    const r0 = w + (i - 3) * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n, r4 = r3 + n;
    for (let k = 0; k < n; k++) {
      let x = W[r3 + k];
      const y = W[r4 + k];
      W[r4 + k] = s3 * x + c3 * y;
      x = c3 * x - s3 * y;
      let z = W[r2 + k];
      W[r3 + k] = s2 * z + c2 * x;
      x = c2 * z - s2 * x;
      z = W[r1 + k];
      W[r2 + k] = s1 * z + c1 * x;
      x = c1 * z - s1 * x;
      z = W[r0 + k];
      W[r1 + k] = s0 * z + c0 * x;
      W[r0 + k] = c0 * z - s0 * x;
    }
  }
  for (; i >= lo; i--) {
    const c = cs[csOff + i], s = cs[snOff + i];
    const r0 = w + i * n, r1 = r0 + n;
    for (let k = 0; k < n; k++) {
      const x = W[r0 + k];
      const y = W[r1 + k];
      W[r1 + k] = s * x + c * y;
      W[r0 + k] = c * x - s * y;
    }
  }
}

/** The plain-JS implementation of Kernels over `heap`. */
export function jsKernels(heap: Heap): Kernels {
  const K: Kernels = {
    eig(wb, db, eb, n, csb, snb, outb) {
      // eigen.ts's drivers over these kernels (the specification of the WebAssembly eig)
      const E = { name: 'js' as const, K, heap };
      tred2(E, wb >> 3, db >> 3, eb >> 3, n);
      try {
        tql2(E, wb >> 3, db >> 3, eb >> 3, n, csb >> 3, snb >> 3, outb >> 3);
      } catch {
        return 1;
      }
      return 0;
    },
    nn(ab, bb, cb, n, m, p, sym) {
      const F = heap.f64;
      const a = ab >> 3;
      const b = bb >> 3;
      const c = cb >> 3;
      F.fill(0, c, c + n * p);
      for (let i = 0; i < n; i++) {
        const ai = a + i * m;
        const ci = c + i * p;
        const j0 = sym ? i : 0;
        for (let k = 0; k < m; k++) {
          const x = F[ai + k];
          const bk = b + k * p;
          for (let j = j0; j < p; j++) F[ci + j] += x * F[bk + j];
        }
      }
      if (sym) for (let r = 1; r < n; r++) for (let q = 0; q < r; q++) F[c + r * p + q] = F[c + q * p + r];
    },
    nt(a, b, c, n, m, p, sym) {
      ntJs(heap.f64, a >> 3, b >> 3, c >> 3, n, m, p, sym !== 0);
    },
    rotq(w, n, lo, hi, cs, sn) {
      const F = heap.f64;
      rotqJs(F, w >> 3, n, lo, hi, F, cs >> 3, sn >> 3);
    },
    symv(wb, n, i, db, eb) {
      const W = heap.f64;
      const w = wb >> 3;
      const d = db >> 3;
      const e = eb >> 3;
      for (let j = 0; j < i; j++) {
        const jn = w + j * n;
        const f = W[d + j];
        W[w + i * n + j] = f;
        let g = W[e + j] + W[jn + j] * f;
        for (let k = j + 1; k < i; k++) {
          const x = W[jn + k];
          g += x * W[d + k];
          W[e + k] += x * f;
        }
        W[e + j] = g;
      }
    },
    rank2(wb, n, i, db, eb) {
      const W = heap.f64;
      const w = wb >> 3;
      const d = db >> 3;
      const e = eb >> 3;
      for (let j = 0; j < i; j++) {
        const jn = w + j * n;
        const f = W[d + j];
        const g = W[e + j];
        for (let k = j; k < i; k++) W[jn + k] -= f * W[e + k] + g * W[d + k];
        W[d + j] = W[jn + i - 1];
        W[jn + i] = 0;
      }
    },
    jsweep(btb, wb, alphab, d, k, pairsb, npairs, tol) {
      const F = heap.f64;
      const bt = btb >> 3;
      const w = wb >> 3;
      const alpha = alphab >> 3;
      const pairs = pairsb >> 3;
      let rot = 0;
      for (let pi = 0; pi < npairs; pi++) {
        const p = F[pairs + 2 * pi];
        const q = F[pairs + 2 * pi + 1];
        const bp = bt + p * d;
        const bq = bt + q * d;
        const g = dotJs(F, bp, bq, d);
        const ap = F[alpha + p];
        const aq = F[alpha + q];
        if (g === 0 || Math.abs(g) <= tol * Math.sqrt(ap) * Math.sqrt(aq)) continue;
        rot++;
        const zeta = (aq - ap) / (2 * g);
        const az = Math.abs(zeta);
        // t = sign(ζ)/(|ζ| + √(1 + ζ²)), the smaller angle (svd.ts); for huge |ζ| (ζ² would overflow) t ≈ 1/(2ζ)
        const t = az > 1e150 ? 0.5 / zeta : (zeta < 0 ? -1 : 1) / (az + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < d; i++) {
          const x = F[bp + i];
          const y = F[bq + i];
          F[bp + i] = c * x - s * y;
          F[bq + i] = s * x + c * y;
        }
        // new squared norms α_p − tg and α_q + tg (Rutishauser); recomputed where the update lost half the value
        const tg = t * g;
        let np = ap - tg;
        let nq = aq + tg;
        if (np < 0.5 * ap) np = dotJs(F, bp, bp, d);
        if (nq < 0.5 * aq) nq = dotJs(F, bq, bq, d);
        F[alpha + p] = np;
        F[alpha + q] = nq;
        const wp = w + p * k;
        const wq = w + q * k;
        for (let i = 0; i < k; i++) {
          const x = F[wp + i];
          const y = F[wq + i];
          F[wp + i] = c * x - s * y;
          F[wq + i] = s * x + c * y;
        }
      }
      return rot;
    },
    scan(cb, alphab, k, tol, pairsb) {
      const F = heap.f64;
      const c = cb >> 3;
      const alpha = alphab >> 3;
      const pairs = pairsb >> 3;
      for (let p = 0; p < k; p++) F[alpha + p] = F[c + p * k + p];
      let np = 0;
      for (let p = 0; p < k - 1; p++) {
        const sp = tol * Math.sqrt(F[alpha + p]);
        for (let q = p + 1; q < k; q++) {
          if (Math.abs(F[c + p * k + q]) > sp * Math.sqrt(F[alpha + q])) {
            F[pairs + 2 * np] = p;
            F[pairs + 2 * np + 1] = q;
            np++;
          }
        }
      }
      return np;
    },
    ql(db, eb, csb, snb, l, m, p0, outb, wb, n) {
      const F = heap.f64;
      const d = db >> 3;
      const e = eb >> 3;
      const cs = csb >> 3;
      const sn = snb >> 3;
      let p = p0;
      let c = 1;
      let c2 = 1;
      let c3 = 1;
      let s = 0;
      let s2 = 0;
      for (let i = m - 1; i >= l; i--) {
        c3 = c2;
        c2 = c;
        s2 = s;
        const ei = F[e + i];
        const g = c * ei;
        const h = c * p;
        let r = Math.sqrt(p * p + ei * ei);
        if (r === 0 || r > 1e300) r = Math.hypot(p, ei);
        F[e + i + 1] = s * r;
        s = ei / r;
        c = p / r;
        const di = F[d + i];
        p = c * di - s * g;
        F[d + i + 1] = h + s * (c * g + s * di);
        F[cs + i] = c;
        F[sn + i] = s;
      }
      const out = outb >> 3;
      F[out] = c;
      F[out + 1] = s;
      F[out + 2] = s2;
      F[out + 3] = c3;
      rotqJs(F, wb >> 3, n, l, m, F, cs, sn);
    },
    maxabs(xb, n) {
      const F = heap.f64;
      const x = xb >> 3;
      let m = 0;
      for (let i = 0; i < n; i++) {
        const v = F[x + i];
        if (!(v - v === 0)) return NaN; // NaN or ±Infinity
        const a = Math.abs(v);
        if (a > m) m = a;
      }
      return m;
    },
    tr(ab, rows, cols, tb) {
      transposeIn(heap.f64, ab >> 3, rows, cols, tb >> 3);
    },
    accum(wb, n, i, db) {
      const W = heap.f64;
      const w = wb >> 3;
      const d = db >> 3;
      const ri = w + (i + 1) * n;
      for (let j = 0; j <= i; j++) {
        const jn = w + j * n;
        const g = dotJs(W, ri, jn, i + 1);
        for (let k = 0; k <= i; k++) W[jn + k] -= g * W[d + k];
      }
    },
  };
  return K;
}
