/**
 * The float64 hot loops of the fast route (src/linalg/fast), in AssemblyScript, compiled to WebAssembly with 128-bit
 * SIMD by `npm run build:kernels` (asm/build.mjs). The compiled module is committed as
 * src/linalg/fast/kernels-wasm.ts; test/linalg/kernels-build.test.ts rebuilds it from this file and checks that the
 * bytes are identical.
 *
 * This is NOT the specification: the plain-JS twins in src/linalg/fast/kernels.ts are, and
 * test/linalg/fast-kernels.test.ts checks every kernel here against them (bit for bit where the arithmetic is the
 * same operation for operation: nn, rotq, tr, maxabs, the rotations; to the dot-product rounding bound where the
 * SIMD lanes group the terms of a sum differently: nt, scan, jsweep, symv, accum, ql).
 *
 * Conventions: every pointer is a BYTE offset into the module's memory (the JS side's Heap, kernels.ts, allocates in
 * it from offset 0: this module has no static data and no allocator); matrices are row-major f64. Indices and
 * pointers are i32 (memory stays far below 2 GiB); `ld`/`st` (and `vld`/`vst` for two lanes) turn a byte address
 * into a load or store.
 *
 * Floating point: WebAssembly's f64 arithmetic is IEEE 754 binary64 with round-to-nearest, and Binaryen's
 * optimizer does not reassociate or contract it (no fused multiply-add), so each expression below rounds exactly
 * as written — the same operations as the JS twin wherever the text of the two agrees.
 */

// ------------------------------------------------------------------------------------------------ memory access

@inline function ld(p: i32): f64 {
  return load<f64>(<usize>p);
}
@inline function st(p: i32, x: f64): void {
  store<f64>(<usize>p, x);
}
@inline function vld(p: i32): v128 {
  return v128.load(<usize>p);
}
@inline function vst(p: i32, x: v128): void {
  v128.store(<usize>p, x);
}
/** Lane 0 + lane 1. */
@inline function hsum(x: v128): f64 {
  return f64x2.extract_lane(x, 0) + f64x2.extract_lane(x, 1);
}

/**
 * Σ x[k]·y[k] over `len` doubles: two vector accumulators (lanes hold terms k ≡ 0, 1, 2, 3 mod 4), a pair step, the
 * accumulators added, the lanes added, then the odd last term.
 */
@inline function dot(x: i32, y: i32, len: i32): f64 {
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  const l4 = (len & -4) << 3;
  const l2 = (len & -2) << 3;
  for (let k = 0; k < l4; k += 32) {
    acc0 = f64x2.add(acc0, f64x2.mul(vld(x + k), vld(y + k)));
    acc1 = f64x2.add(acc1, f64x2.mul(vld(x + k + 16), vld(y + k + 16)));
  }
  if (l4 < l2) acc0 = f64x2.add(acc0, f64x2.mul(vld(x + l4), vld(y + l4)));
  let r = hsum(f64x2.add(acc0, acc1));
  if (len & 1) r += ld(x + l2) * ld(y + l2);
  return r;
}

/** c[r][q] = c[q][r] for q < r < n (row length p): mirrors the upper triangle of a Gram product. */
@inline function mirror(c: i32, n: i32, p: i32): void {
  for (let r = 1; r < n; r++) {
    for (let q = 0; q < r; q++) st(c + ((r * p + q) << 3), ld(c + ((q * p + r) << 3)));
  }
}

// ----------------------------------------------------------------------------------------------------------- nn

/**
 * C (n×p) = A (n×m)·B (m×p), i-k-j order vectorised over the columns of C: tiles of 2 rows × 4 columns, each C entry
 * accumulated over k = 0, 1, …, m−1 in order from +0 — the generic triple loop's order (mat.ts), so the result is
 * bit-identical to it. sym = 1 (a Gram product, c_ij and c_ji have the same terms): only the tiles reaching the
 * upper triangle are computed and the lower one is mirrored.
 */
export function nn(a: i32, b: i32, c: i32, n: i32, m: i32, p: i32, sym: i32): void {
  const rbA = m << 3;
  const rbB = p << 3;
  const p4 = p & -4;
  let i = 0;
  for (; i < n - 1; i += 2) {
    const a0 = a + i * rbA;
    const a1 = a0 + rbA;
    const c0 = c + i * rbB;
    const c1 = c0 + rbB;
    for (let j = (i & -4) * sym; j < p4; j += 4) {
      const jb = j << 3;
      let acc00 = f64x2.splat(0), acc01 = f64x2.splat(0), acc10 = f64x2.splat(0), acc11 = f64x2.splat(0);
      let bk = b + jb;
      for (let k = 0; k < m; k++) {
        const y0 = vld(bk);
        const y1 = vld(bk + 16);
        const x = f64x2.splat(ld(a0 + (k << 3)));
        acc00 = f64x2.add(acc00, f64x2.mul(x, y0));
        acc01 = f64x2.add(acc01, f64x2.mul(x, y1));
        const z = f64x2.splat(ld(a1 + (k << 3)));
        acc10 = f64x2.add(acc10, f64x2.mul(z, y0));
        acc11 = f64x2.add(acc11, f64x2.mul(z, y1));
        bk += rbB;
      }
      vst(c0 + jb, acc00);
      vst(c0 + jb + 16, acc01);
      vst(c1 + jb, acc10);
      vst(c1 + jb + 16, acc11);
    }
    for (let j = p4; j < p; j++) {
      let s0 = 0.0, s1 = 0.0;
      for (let k = 0; k < m; k++) {
        const y = ld(b + ((k * p + j) << 3));
        s0 += ld(a0 + (k << 3)) * y;
        s1 += ld(a1 + (k << 3)) * y;
      }
      st(c0 + (j << 3), s0);
      st(c1 + (j << 3), s1);
    }
  }
  if (i < n) {
    const a0 = a + i * rbA;
    const c0 = c + i * rbB;
    for (let j = (i & -4) * sym; j < p4; j += 4) {
      const jb = j << 3;
      let acc00 = f64x2.splat(0), acc01 = f64x2.splat(0);
      let bk = b + jb;
      for (let k = 0; k < m; k++) {
        const x = f64x2.splat(ld(a0 + (k << 3)));
        acc00 = f64x2.add(acc00, f64x2.mul(x, vld(bk)));
        acc01 = f64x2.add(acc01, f64x2.mul(x, vld(bk + 16)));
        bk += rbB;
      }
      vst(c0 + jb, acc00);
      vst(c0 + jb + 16, acc01);
    }
    for (let j = p4; j < p; j++) {
      let s0 = 0.0;
      for (let k = 0; k < m; k++) s0 += ld(a0 + (k << 3)) * ld(b + ((k * p + j) << 3));
      st(c0 + (j << 3), s0);
    }
  }
  if (sym) mirror(c, n, p);
}

// ----------------------------------------------------------------------------------------------------------- nt

/**
 * C (n×p) = A (n×m)·B (p×m)ᵀ: 2×4 tiles of dot products, each over two SIMD lanes (even and odd terms) plus the odd
 * last term. sym = 1 (B is A): only the tiles reaching the upper triangle are computed, the lower one is mirrored
 * (exactly symmetric).
 */
export function nt(a: i32, b: i32, c: i32, n: i32, m: i32, p: i32, sym: i32): void {
  const rb = m << 3;
  const mb2 = (m & -2) << 3;
  const odd = m & 1;
  let i = 0;
  for (; i < n - 1; i += 2) {
    const a0 = a + i * rb;
    const a1 = a0 + rb;
    const c0 = c + (i * p << 3);
    const c1 = c0 + (p << 3);
    let j = (i & -4) * sym;
    for (; j < p - 3; j += 4) {
      const b0 = b + j * rb, b1 = b0 + rb, b2 = b1 + rb, b3 = b2 + rb;
      let q0 = f64x2.splat(0), q1 = f64x2.splat(0), q2 = f64x2.splat(0), q3 = f64x2.splat(0);
      let r0 = f64x2.splat(0), r1 = f64x2.splat(0), r2 = f64x2.splat(0), r3 = f64x2.splat(0);
      for (let k = 0; k < mb2; k += 16) {
        const x = vld(a0 + k);
        const z = vld(a1 + k);
        let y = vld(b0 + k);
        q0 = f64x2.add(q0, f64x2.mul(x, y));
        r0 = f64x2.add(r0, f64x2.mul(z, y));
        y = vld(b1 + k);
        q1 = f64x2.add(q1, f64x2.mul(x, y));
        r1 = f64x2.add(r1, f64x2.mul(z, y));
        y = vld(b2 + k);
        q2 = f64x2.add(q2, f64x2.mul(x, y));
        r2 = f64x2.add(r2, f64x2.mul(z, y));
        y = vld(b3 + k);
        q3 = f64x2.add(q3, f64x2.mul(x, y));
        r3 = f64x2.add(r3, f64x2.mul(z, y));
      }
      let s0 = hsum(q0), s1 = hsum(q1), s2 = hsum(q2), s3 = hsum(q3);
      let t0 = hsum(r0), t1 = hsum(r1), t2 = hsum(r2), t3 = hsum(r3);
      if (odd) {
        const x = ld(a0 + mb2);
        const z = ld(a1 + mb2);
        let y = ld(b0 + mb2);
        s0 += x * y;
        t0 += z * y;
        y = ld(b1 + mb2);
        s1 += x * y;
        t1 += z * y;
        y = ld(b2 + mb2);
        s2 += x * y;
        t2 += z * y;
        y = ld(b3 + mb2);
        s3 += x * y;
        t3 += z * y;
      }
      const cp = c0 + (j << 3);
      st(cp, s0);
      st(cp + 8, s1);
      st(cp + 16, s2);
      st(cp + 24, s3);
      const cq = c1 + (j << 3);
      st(cq, t0);
      st(cq + 8, t1);
      st(cq + 16, t2);
      st(cq + 24, t3);
    }
    for (; j < p; j++) {
      const b0 = b + j * rb;
      let q0 = f64x2.splat(0), r0 = f64x2.splat(0);
      for (let k = 0; k < mb2; k += 16) {
        const y = vld(b0 + k);
        q0 = f64x2.add(q0, f64x2.mul(vld(a0 + k), y));
        r0 = f64x2.add(r0, f64x2.mul(vld(a1 + k), y));
      }
      let s0 = hsum(q0), t0 = hsum(r0);
      if (odd) {
        const y = ld(b0 + mb2);
        s0 += ld(a0 + mb2) * y;
        t0 += ld(a1 + mb2) * y;
      }
      st(c0 + (j << 3), s0);
      st(c1 + (j << 3), t0);
    }
  }
  if (i < n) {
    const a0 = a + i * rb;
    const c0 = c + (i * p << 3);
    let j = (i & -4) * sym;
    for (; j < p - 3; j += 4) {
      const b0 = b + j * rb, b1 = b0 + rb, b2 = b1 + rb, b3 = b2 + rb;
      let q0 = f64x2.splat(0), q1 = f64x2.splat(0), q2 = f64x2.splat(0), q3 = f64x2.splat(0);
      for (let k = 0; k < mb2; k += 16) {
        const x = vld(a0 + k);
        q0 = f64x2.add(q0, f64x2.mul(x, vld(b0 + k)));
        q1 = f64x2.add(q1, f64x2.mul(x, vld(b1 + k)));
        q2 = f64x2.add(q2, f64x2.mul(x, vld(b2 + k)));
        q3 = f64x2.add(q3, f64x2.mul(x, vld(b3 + k)));
      }
      let s0 = hsum(q0), s1 = hsum(q1), s2 = hsum(q2), s3 = hsum(q3);
      if (odd) {
        const x = ld(a0 + mb2);
        s0 += x * ld(b0 + mb2);
        s1 += x * ld(b1 + mb2);
        s2 += x * ld(b2 + mb2);
        s3 += x * ld(b3 + mb2);
      }
      const cp = c0 + (j << 3);
      st(cp, s0);
      st(cp + 8, s1);
      st(cp + 16, s2);
      st(cp + 24, s3);
    }
    for (; j < p; j++) {
      const b0 = b + j * rb;
      let q0 = f64x2.splat(0);
      for (let k = 0; k < mb2; k += 16) q0 = f64x2.add(q0, f64x2.mul(vld(a0 + k), vld(b0 + k)));
      let s0 = hsum(q0);
      if (odd) s0 += ld(a0 + mb2) * ld(b0 + mb2);
      st(c0 + (j << 3), s0);
    }
  }
  if (sym) mirror(c, n, p);
}

// ---------------------------------------------------------------------------------------------------- rotations

/**
 * Rotations i = hi−1 … lo of one tql2 sweep on rows (i, i+1) of W (n columns): row i+1 ← s·row i + c·row i+1,
 * row i ← c·row i − s·row i+1, with (c, s) = (cs[i], sn[i]); four consecutive rotations fused per pass over the
 * columns (two columns per SIMD step, the odd last column in scalar code).
 */
export function rotq(w: i32, n: i32, lo: i32, hi: i32, cs: i32, sn: i32): void {
  const rb = n << 3;
  const nb2 = (n & -2) << 3;
  let i = hi - 1;
  for (; i >= lo + 3; i -= 4) {
    const c3 = ld(cs + (i << 3)), s3 = ld(sn + (i << 3));
    const c2 = ld(cs + ((i - 1) << 3)), s2 = ld(sn + ((i - 1) << 3));
    const c1 = ld(cs + ((i - 2) << 3)), s1 = ld(sn + ((i - 2) << 3));
    const c0 = ld(cs + ((i - 3) << 3)), s0 = ld(sn + ((i - 3) << 3));
    const vc3 = f64x2.splat(c3), vs3 = f64x2.splat(s3), vc2 = f64x2.splat(c2), vs2 = f64x2.splat(s2);
    const vc1 = f64x2.splat(c1), vs1 = f64x2.splat(s1), vc0 = f64x2.splat(c0), vs0 = f64x2.splat(s0);
    const r0 = w + (i - 3) * rb, r1 = r0 + rb, r2 = r1 + rb, r3 = r2 + rb, r4 = r3 + rb;
    for (let k = 0; k < nb2; k += 16) {
      let x = vld(r3 + k);
      const y = vld(r4 + k);
      vst(r4 + k, f64x2.add(f64x2.mul(vs3, x), f64x2.mul(vc3, y)));
      x = f64x2.sub(f64x2.mul(vc3, x), f64x2.mul(vs3, y));
      let z = vld(r2 + k);
      vst(r3 + k, f64x2.add(f64x2.mul(vs2, z), f64x2.mul(vc2, x)));
      x = f64x2.sub(f64x2.mul(vc2, z), f64x2.mul(vs2, x));
      z = vld(r1 + k);
      vst(r2 + k, f64x2.add(f64x2.mul(vs1, z), f64x2.mul(vc1, x)));
      x = f64x2.sub(f64x2.mul(vc1, z), f64x2.mul(vs1, x));
      z = vld(r0 + k);
      vst(r1 + k, f64x2.add(f64x2.mul(vs0, z), f64x2.mul(vc0, x)));
      vst(r0 + k, f64x2.sub(f64x2.mul(vc0, z), f64x2.mul(vs0, x)));
    }
    if (n & 1) {
      const k = nb2;
      let x = ld(r3 + k);
      const y = ld(r4 + k);
      st(r4 + k, s3 * x + c3 * y);
      x = c3 * x - s3 * y;
      let z = ld(r2 + k);
      st(r3 + k, s2 * z + c2 * x);
      x = c2 * z - s2 * x;
      z = ld(r1 + k);
      st(r2 + k, s1 * z + c1 * x);
      x = c1 * z - s1 * x;
      z = ld(r0 + k);
      st(r1 + k, s0 * z + c0 * x);
      st(r0 + k, c0 * z - s0 * x);
    }
  }
  for (; i >= lo; i--) {
    const c = ld(cs + (i << 3)), s = ld(sn + (i << 3));
    const r0 = w + i * rb;
    rotRows(r0, r0 + rb, n, c, s);
  }
}

/** Rows x, y (len doubles each) ← (c·x − s·y, s·x + c·y). */
@inline function rotRows(x: i32, y: i32, len: i32, c: f64, s: f64): void {
  const vc = f64x2.splat(c);
  const vs = f64x2.splat(s);
  const l2 = (len & -2) << 3;
  for (let k = 0; k < l2; k += 16) {
    const X = vld(x + k);
    const Y = vld(y + k);
    vst(x + k, f64x2.sub(f64x2.mul(vc, X), f64x2.mul(vs, Y)));
    vst(y + k, f64x2.add(f64x2.mul(vs, X), f64x2.mul(vc, Y)));
  }
  if (len & 1) {
    const X = ld(x + l2);
    const Y = ld(y + l2);
    st(x + l2, c * X - s * Y);
    st(y + l2, s * X + c * Y);
  }
}

// ------------------------------------------------------------------------------------------------ tred2 / tql2

/**
 * tred2 step i, similarity part (eigen.ts; W's rows are the transposed EISPACK columns): for j < i: f = d[j];
 * W[i][j] = f; e[j] = e[j] + W[j][j]·f + Σ_{j<k<i} W[j][k]·d[k]; e[k] += W[j][k]·f (j < k < i).
 */
export function symv(w: i32, n: i32, i: i32, d: i32, e: i32): void {
  const rb = n << 3;
  for (let j = 0; j < i; j++) {
    const jn = w + j * rb;
    const f = ld(d + (j << 3));
    st(w + ((i * n + j) << 3), f);
    let g = ld(e + (j << 3)) + ld(jn + (j << 3)) * f;
    const vf = f64x2.splat(f);
    let acc = f64x2.splat(0);
    let k = j + 1;
    for (; k < i - 1; k += 2) {
      const ka = k << 3;
      const wv = vld(jn + ka);
      acc = f64x2.add(acc, f64x2.mul(wv, vld(d + ka)));
      vst(e + ka, f64x2.add(vld(e + ka), f64x2.mul(wv, vf)));
    }
    if (k < i) {
      const ka = k << 3;
      const w0 = ld(jn + ka);
      g += w0 * ld(d + ka);
      st(e + ka, ld(e + ka) + w0 * f);
    }
    st(e + (j << 3), g + hsum(acc));
  }
}

/** tred2 step i, rank-2 update: for j < i: W[j][k] −= d[j]·e[k] + e[j]·d[k] (j ≤ k < i); d[j] = W[j][i−1]; W[j][i] = 0. */
export function rank2(w: i32, n: i32, i: i32, d: i32, e: i32): void {
  const rb = n << 3;
  for (let j = 0; j < i; j++) {
    const jn = w + j * rb;
    const f = ld(d + (j << 3));
    const g = ld(e + (j << 3));
    const vf = f64x2.splat(f);
    const vg = f64x2.splat(g);
    let k = j;
    for (; k < i - 1; k += 2) {
      const ka = k << 3;
      vst(jn + ka, f64x2.sub(vld(jn + ka), f64x2.add(f64x2.mul(vf, vld(e + ka)), f64x2.mul(vg, vld(d + ka)))));
    }
    if (k < i) {
      const ka = k << 3;
      st(jn + ka, ld(jn + ka) - (f * ld(e + ka) + g * ld(d + ka)));
    }
    st(d + (j << 3), ld(jn + ((i - 1) << 3)));
    st(jn + (i << 3), 0);
  }
}

/**
 * tred2 accumulation step i (d[k] = W[i+1][k]/h already set for k ≤ i): for j ≤ i: g = Σ_{k≤i} W[i+1][k]·W[j][k];
 * W[j][k] −= g·d[k] (k ≤ i).
 */
export function accum(w: i32, n: i32, i: i32, d: i32): void {
  const rb = n << 3;
  const len = i + 1;
  const lb2 = (len & -2) << 3;
  const ri = w + len * rb;
  for (let j = 0; j < len; j++) {
    const jn = w + j * rb;
    const g = dot(ri, jn, len);
    const vg = f64x2.splat(g);
    for (let k = 0; k < lb2; k += 16) vst(jn + k, f64x2.sub(vld(jn + k), f64x2.mul(vg, vld(d + k))));
    if (len & 1) st(jn + lb2, ld(jn + lb2) - g * ld(d + lb2));
  }
}

/**
 * The inner loop of one implicit QL iteration of tql2 (eigen.ts) on rows l … m, starting from p: for i = m−1 down
 * to l the rotation (c, s) is computed and d, e updated; the rotations are recorded in cs/sn, then applied to the
 * rows of W (n×n) by rotq. Writes c, s, s2, c3 (needed to finish the iteration) to out[0..3].
 */
export function ql(d: i32, e: i32, cs: i32, sn: i32, l: i32, m: i32, p: f64, out: i32, w: i32, n: i32): void {
  let c = 1.0, c2 = 1.0, c3 = 1.0, s = 0.0, s2 = 0.0;
  for (let i = m - 1; i >= l; i--) {
    c3 = c2;
    c2 = c;
    s2 = s;
    const ia = i << 3;
    const ei = ld(e + ia);
    const g = c * ei;
    const h = c * p;
    let r = Math.sqrt(p * p + ei * ei);
    // hypot(p, e[i]), rescaled where the squares under- or overflow
    if (r == 0 || r > 1e300) {
      const mx = Math.max(Math.abs(p), Math.abs(ei));
      const u = p / mx;
      const v = ei / mx;
      r = mx * Math.sqrt(u * u + v * v);
    }
    st(e + ia + 8, s * r);
    s = ei / r;
    c = p / r;
    const di = ld(d + ia);
    p = c * di - s * g;
    st(d + ia + 8, h + s * (c * g + s * di));
    st(cs + ia, c);
    st(sn + ia, s);
  }
  st(out, c);
  st(out + 8, s);
  st(out + 16, s2);
  st(out + 24, c3);
  rotq(w, n, l, m, cs, sn);
}

// ---------------------------------------------------------------------------------------------- one-sided Jacobi

/**
 * One pass of one-sided Jacobi over the pairs (p, q) stored as doubles at `pairs`: for each, g = b_pᵀb_q (fresh);
 * if g ≠ 0 and |g| > tol·√α_p·√α_q, rotate rows p, q of Bt (length d) and of W (length k) by svd.ts's angle, and set
 * α_p ← α_p − tg, α_q ← α_q + tg (Rutishauser), recomputed by a dot product where the update lost more than half of
 * the value. Returns the number of rotations.
 */
export function jsweep(bt: i32, w: i32, alpha: i32, d: i32, k: i32, pairs: i32, npairs: i32, tol: f64): i32 {
  let rot = 0;
  for (let pi = 0; pi < npairs; pi++) {
    const p = <i32>ld(pairs + (pi << 4));
    const q = <i32>ld(pairs + (pi << 4) + 8);
    const bp = bt + (p * d << 3);
    const bq = bt + (q * d << 3);
    const g = dot(bp, bq, d);
    const ap = ld(alpha + (p << 3));
    const aq = ld(alpha + (q << 3));
    if (g == 0 || Math.abs(g) <= tol * Math.sqrt(ap) * Math.sqrt(aq)) continue;
    const zeta = (aq - ap) / (2 * g);
    const az = Math.abs(zeta);
    // t = sign(ζ)/(|ζ| + √(1 + ζ²)), the smaller angle (svd.ts); for huge |ζ| (ζ² would overflow) t ≈ 1/(2ζ)
    const t = az > 1e150 ? 0.5 / zeta : (zeta < 0 ? -1.0 : 1.0) / (az + Math.sqrt(1 + zeta * zeta));
    const c = 1 / Math.sqrt(1 + t * t);
    const s = c * t;
    rotRows(bp, bq, d, c, s);
    const tg = t * g;
    let np = ap - tg;
    let nq = aq + tg;
    if (np < 0.5 * ap) np = dot(bp, bp, d);
    if (nq < 0.5 * aq) nq = dot(bq, bq, d);
    st(alpha + (p << 3), np);
    st(alpha + (q << 3), nq);
    rotRows(w + (p * k << 3), w + (q * k << 3), k, c, s);
    rot++;
  }
  return rot;
}

/**
 * The orthogonality test of all pairs from C = BᵀB (k×k): alpha[p] = C[p][p]; every pair p < q with
 * |C[p][q]| > tol·√alpha[p]·√alpha[q] is appended to `pairs` (as doubles). Returns the number of failing pairs.
 */
export function scan(c: i32, alpha: i32, k: i32, tol: f64, pairs: i32): i32 {
  for (let p = 0; p < k; p++) st(alpha + (p << 3), ld(c + ((p * k + p) << 3)));
  let np = 0;
  let out = pairs;
  for (let p = 0; p < k - 1; p++) {
    const sp = tol * Math.sqrt(ld(alpha + (p << 3)));
    for (let q = p + 1; q < k; q++) {
      // fails iff |g| > tol·√α_p·√α_q (g = 0 never fails)
      if (Math.abs(ld(c + ((p * k + q) << 3))) > sp * Math.sqrt(ld(alpha + (q << 3)))) {
        st(out, <f64>p);
        st(out + 8, <f64>q);
        out += 16;
        np++;
      }
    }
  }
  return np;
}

// ------------------------------------------------------------------------------------------------------- misc

/** T (cols×rows) = Aᵀ for A rows×cols. */
export function tr(a: i32, rows: i32, cols: i32, t: i32): void {
  const rb = rows << 3;
  let src = a;
  for (let i = 0; i < rows; i++) {
    let dst = t + (i << 3);
    for (let j = 0; j < cols; j++) {
      st(dst, ld(src));
      src += 8;
      dst += rb;
    }
  }
}

/**
 * max |x_i| over n doubles, or NaN if some x_i is NaN or ±Infinity. The maximum uses f64x2.pmax (one maxpd), the
 * finiteness test a separate sum of x_i − x_i (0 for finite x_i, NaN otherwise).
 */
export function maxabs(x: i32, n: i32): f64 {
  let acc = f64x2.splat(0);
  let fin = f64x2.splat(0);
  const nb2 = (n & -2) << 3;
  for (let k = 0; k < nb2; k += 16) {
    const v = vld(x + k);
    acc = f64x2.pmax(f64x2.abs(v), acc);
    fin = f64x2.add(fin, f64x2.sub(v, v));
  }
  let m = Math.max(f64x2.extract_lane(acc, 0), f64x2.extract_lane(acc, 1));
  let fs = hsum(fin);
  if (n & 1) {
    const y = ld(x + nb2);
    m = Math.max(m, Math.abs(y));
    fs += y - y;
  }
  return fs == 0 ? m : NaN;
}

// ------------------------------------------------------------------------------ the whole symmetric eigensolver

/**
 * tred2 then tql2 (eigen.ts, the JS drivers of the kernels above) in one call, so that a small Gram matrix does not
 * pay a JS↔WebAssembly crossing per row: W (n×n, row-major) holds the symmetric matrix on entry and its eigenvectors
 * as rows on return, d the eigenvalues (unsorted); e, cs, sn (n doubles each) and out (4) are scratch. The
 * arithmetic is eigen.ts's operation for operation, except hypot's overflow fallback (Math.hypot there, the scaled
 * formula of ql here: both give hypot to within rounding). Returns 0, or 1 when an eigenvalue needs more than 60 QL
 * iterations (eigen.ts throws then).
 */
export function eig(w: i32, d: i32, e: i32, n: i32, cs: i32, sn: i32, out: i32): i32 {
  tred2Full(w, d, e, n);
  return tql2Full(w, d, e, n, cs, sn, out);
}

@inline function at(base: i32, i: i32): i32 {
  return base + (i << 3);
}

function tred2Full(w: i32, d: i32, e: i32, n: i32): void {
  const last = n - 1;
  for (let j = 0; j < n; j++) st(at(d, j), ld(at(w, j * n + last)));
  for (let i = n - 1; i > 0; i--) {
    let scale = 0.0;
    let h = 0.0;
    for (let k = 0; k < i; k++) scale += Math.abs(ld(at(d, k)));
    if (scale == 0) {
      st(at(e, i), ld(at(d, i - 1)));
      for (let j = 0; j < i; j++) {
        st(at(d, j), ld(at(w, j * n + i - 1)));
        st(at(w, j * n + i), 0);
        st(at(w, i * n + j), 0);
      }
    } else {
      const inv = 1 / scale;
      for (let k = 0; k < i; k++) {
        const x = ld(at(d, k)) * inv;
        st(at(d, k), x);
        h += x * x;
      }
      const f = ld(at(d, i - 1));
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      st(at(e, i), scale * g);
      h -= f * g;
      st(at(d, i - 1), f - g);
      for (let k = 0; k < i; k++) st(at(e, k), 0);
      symv(w, n, i, d, e);
      let ff = 0.0;
      const hinv = 1 / h;
      for (let j = 0; j < i; j++) {
        const x = ld(at(e, j)) * hinv;
        st(at(e, j), x);
        ff += x * ld(at(d, j));
      }
      const hh = ff / (h + h);
      for (let j = 0; j < i; j++) st(at(e, j), ld(at(e, j)) - hh * ld(at(d, j)));
      rank2(w, n, i, d, e);
    }
    st(at(d, i), h);
  }
  for (let i = 0; i < n - 1; i++) {
    const row = w + ((i * n) << 3);
    const row1 = row + (n << 3);
    st(at(row, last), ld(at(row, i)));
    st(at(row, i), 1);
    const h = ld(at(d, i + 1));
    if (h != 0) {
      const hinv = 1 / h;
      for (let k = 0; k <= i; k++) st(at(d, k), ld(at(row1, k)) * hinv);
      accum(w, n, i, d);
    }
    for (let k = 0; k <= i; k++) st(at(row1, k), 0);
  }
  for (let j = 0; j < n; j++) {
    st(at(d, j), ld(at(w, j * n + last)));
    st(at(w, j * n + last), 0);
  }
  st(at(w, last * n + last), 1);
  st(e, 0);
}

/** hypot(a, b) as eigen.ts's: the plain formula, rescaled where it under- or overflows. */
@inline function hypot2(a: f64, b: f64): f64 {
  let r = Math.sqrt(a * a + b * b);
  if (r == 0 || r == Infinity) {
    const mx = Math.max(Math.abs(a), Math.abs(b));
    if (mx == 0) return 0;
    const x = a / mx;
    const y = b / mx;
    r = mx * Math.sqrt(x * x + y * y);
  }
  return r;
}

function tql2Full(w: i32, d: i32, e: i32, n: i32, cs: i32, sn: i32, out: i32): i32 {
  for (let i = 1; i < n; i++) st(at(e, i - 1), ld(at(e, i)));
  st(at(e, n - 1), 0);
  let f = 0.0;
  let tst1 = 0.0;
  const eps = 2.220446049250313e-16; // 2^-52
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(ld(at(d, l))) + Math.abs(ld(at(e, l))));
    let m = l;
    while (m < n) {
      if (Math.abs(ld(at(e, m))) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) return 1;
        const g = ld(at(d, l));
        let p = (ld(at(d, l + 1)) - g) / (2 * ld(at(e, l)));
        let r = hypot2(p, 1);
        if (p < 0) r = -r;
        st(at(d, l), ld(at(e, l)) / (p + r));
        st(at(d, l + 1), ld(at(e, l)) * (p + r));
        const dl1 = ld(at(d, l + 1));
        const h = g - ld(at(d, l));
        for (let i = l + 2; i < n; i++) st(at(d, i), ld(at(d, i)) - h);
        f += h;
        p = ld(at(d, m));
        const el1 = ld(at(e, l + 1));
        ql(d, e, cs, sn, l, m, p, out, w, n);
        const c = ld(out);
        const s = ld(out + 8);
        const s2 = ld(out + 16);
        const c3 = ld(out + 24);
        p = (-s * s2 * c3 * el1 * ld(at(e, l))) / dl1;
        st(at(e, l), s * p);
        st(at(d, l), c * p);
      } while (Math.abs(ld(at(e, l))) > eps * tst1);
    }
    st(at(d, l), ld(at(d, l)) + f);
    st(at(e, l), 0);
  }
  return 0;
}
