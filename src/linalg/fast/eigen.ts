import type { Engine } from './engine.ts';

/**
 * Symmetric eigen-solvers on flat Float64Arrays. Eigenvectors are stored as the ROWS of W (W = Vᵀ), so that every
 * inner loop (Householder updates, Givens rotations) runs over contiguous memory. Offsets are in doubles.
 */

const MAX_SWEEPS = 100;

/**
 * Cyclic Jacobi on the symmetric n×n matrix at F[a..] (overwritten: its diagonal ends up holding the eigenvalues),
 * rotations accumulated into the rows of W = F[w..] (set to the identity first). The skip test is the generic
 * eigh's (eigh.ts): |a_pq| ≤ eps·√|a_pp a_qq| (relative accuracy of small eigenvalues) or |a_pq| ≤ eps²‖A‖_F, and the
 * arithmetic is the same operation for operation, so `eighFast` (index.ts) returns bit-identical results.
 * Returns the number of sweeps.
 */
export function jacobiEig(F: Float64Array, a: number, w: number, n: number, eps: number): number {
  F.fill(0, w, w + n * n);
  for (let i = 0; i < n; i++) F[w + i * n + i] = 1;
  let normF = 0;
  for (let i = 0; i < n * n; i++) normF += F[a + i] * F[a + i];
  const floor = eps * eps * Math.sqrt(normF);
  let sweeps = 0;
  for (; sweeps < MAX_SWEEPS; sweeps++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      const pn = p * n;
      for (let q = p + 1; q < n; q++) {
        const apq = F[a + pn + q];
        if (apq === 0) continue;
        const qn = q * n;
        const app = F[a + pn + p];
        const aqq = F[a + qn + q];
        const absApq = Math.abs(apq);
        if (absApq <= eps * Math.sqrt(Math.abs(app * aqq)) || absApq <= floor) continue;
        rotated = true;
        const theta = (aqq - app) / (2 * apq);
        const sgn = theta < 0 ? -1 : 1;
        const t = sgn / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const kn = a + k * n;
          const akp = F[kn + p];
          const akq = F[kn + q];
          F[kn + p] = c * akp - s * akq;
          F[kn + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = F[a + pn + k];
          const aqk = F[a + qn + k];
          F[a + pn + k] = c * apk - s * aqk;
          F[a + qn + k] = s * apk + c * aqk;
        }
        F[a + pn + q] = 0;
        F[a + qn + p] = 0;
        for (let k = 0; k < n; k++) {
          const vp = F[w + pn + k];
          const vq = F[w + qn + k];
          F[w + pn + k] = c * vp - s * vq;
          F[w + qn + k] = s * vp + c * vq;
        }
      }
    }
    if (!rotated) break;
  }
  if (sweeps === MAX_SWEEPS) throw new Error(`eigh (fast): Jacobi did not converge in ${MAX_SWEEPS} sweeps`);
  return sweeps;
}

/**
 * Householder reduction of the symmetric n×n matrix W = heap[w..] to tridiagonal form (diagonal d, sub-diagonal
 * e[1..n−1]) with the orthogonal transformation accumulated: on return the rows of W are the columns of Q
 * (A = Q T Qᵀ). EISPACK tred2 (as in JAMA), transcribed to the transposed layout W[b·n + a] = V[a][b]; its three
 * O(i²) loops per step are the engine's symv, rank2 and accum kernels. This driver and tql2's are the specification
 * of the engine's `eig` kernel (the WebAssembly engine runs both inside one call, asm/kernels.ts; the JS engine
 * runs these drivers).
 */
export function tred2(E: Engine, w: number, d: number, e: number, n: number): void {
  const { K, heap } = E;
  const F = heap.f64;
  const last = n - 1;
  for (let j = 0; j < n; j++) F[d + j] = F[w + j * n + last];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(F[d + k]);
    if (scale === 0) {
      F[e + i] = F[d + i - 1];
      for (let j = 0; j < i; j++) {
        F[d + j] = F[w + j * n + i - 1];
        F[w + j * n + i] = 0;
        F[w + i * n + j] = 0;
      }
    } else {
      const inv = 1 / scale;
      for (let k = 0; k < i; k++) {
        const x = F[d + k] * inv;
        F[d + k] = x;
        h += x * x;
      }
      const f = F[d + i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      F[e + i] = scale * g;
      h -= f * g;
      F[d + i - 1] = f - g;
      F.fill(0, e, e + i);
      K.symv(w * 8, n, i, d * 8, e * 8);
      let ff = 0;
      const hinv = 1 / h;
      for (let j = 0; j < i; j++) {
        const x = F[e + j] * hinv;
        F[e + j] = x;
        ff += x * F[d + j];
      }
      const hh = ff / (h + h);
      for (let j = 0; j < i; j++) F[e + j] -= hh * F[d + j];
      K.rank2(w * 8, n, i, d * 8, e * 8);
    }
    F[d + i] = h;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    const in_ = w + i * n;
    const i1n = in_ + n;
    F[in_ + last] = F[in_ + i];
    F[in_ + i] = 1;
    const h = F[d + i + 1];
    if (h !== 0) {
      const hinv = 1 / h;
      for (let k = 0; k <= i; k++) F[d + k] = F[i1n + k] * hinv;
      K.accum(w * 8, n, i, d * 8);
    }
    F.fill(0, i1n, i1n + i + 1);
  }
  for (let j = 0; j < n; j++) {
    F[d + j] = F[w + j * n + last];
    F[w + j * n + last] = 0;
  }
  F[w + last * n + last] = 1;
  F[e] = 0;
}

function hypot(a: number, b: number): number {
  const r = Math.sqrt(a * a + b * b);
  // the plain formula under/overflows for |a|, |b| outside about [1e-154, 1e154]; Math.hypot is exact but slow
  return r === 0 || r === Infinity ? Math.hypot(a, b) : r;
}

/**
 * Implicit QL with shifts on the tridiagonal (d, e) from tred2 (EISPACK tql2 as in JAMA, without the final sort).
 * The rotation loop of each iteration is the engine's ql kernel, which records the rotations in cs/sn and applies
 * them to the rows of W (fused rotq); out is 4 doubles of scratch. On return d holds the eigenvalues (unsorted) and
 * row j of W the eigenvector of d[j]. Throws if an eigenvalue needs more than 60 iterations (never seen in
 * practice; about 2 are typical).
 */
export function tql2(E: Engine, w: number, d: number, e: number, n: number, cs: number, sn: number, out: number): void {
  const { K, heap } = E;
  const F = heap.f64;
  for (let i = 1; i < n; i++) F[e + i - 1] = F[e + i];
  F[e + n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(F[d + l]) + Math.abs(F[e + l]));
    let m = l;
    while (m < n) {
      if (Math.abs(F[e + m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) throw new Error('eigh (fast): tridiagonal QL did not converge');
        const g = F[d + l];
        let p = (F[d + l + 1] - g) / (2 * F[e + l]);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        F[d + l] = F[e + l] / (p + r);
        F[d + l + 1] = F[e + l] * (p + r);
        const dl1 = F[d + l + 1];
        const h = g - F[d + l];
        for (let i = l + 2; i < n; i++) F[d + i] -= h;
        f += h;
        p = F[d + m];
        const el1 = F[e + l + 1];
        K.ql(d * 8, e * 8, cs * 8, sn * 8, l, m, p, out * 8, w * 8, n);
        const c = F[out];
        const s = F[out + 1];
        const s2 = F[out + 2];
        const c3 = F[out + 3];
        p = (-s * s2 * c3 * el1 * F[e + l]) / dl1;
        F[e + l] = s * p;
        F[d + l] = c * p;
      } while (Math.abs(F[e + l]) > eps * tst1);
    }
    F[d + l] += f;
    F[e + l] = 0;
  }
}
