/**
 * linalg/fast kernels: the WebAssembly SIMD kernels (asm/kernels.ts, compiled by AssemblyScript into kernels-wasm.ts)
 * against their plain-JS twins (kernels.ts, the specification), kernel by kernel, on the same heap contents.
 *
 * Tolerances: nn sums in the same order in both (bit-identical); the other kernels group the terms of a dot product
 * differently (SIMD lanes hold even and odd terms), so they agree to the dot-product bound 2γ_m Σ|x_i||y_i| ≤
 * 2m·u·Σ|x_i||y_i|; rotations and copies are element-wise the same operations (bit-identical).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsEngine, wasmEngine, type Engine } from '../../src/linalg/fast/engine.ts';
import { tql2, tred2 } from '../../src/linalg/fast/eigen.ts';
import { kernelModuleBytes } from '../../src/linalg/fast/wasm-kernels.ts';
import { entry } from './helpers.ts';

const u = 2 ** -53;
const W = wasmEngine as Engine;

/** Writes `data` at a fresh offset of E's heap (after reset) and returns the offsets. */
function load(E: Engine, arrays: readonly (readonly number[])[], extra: readonly number[] = []): number[] {
  E.heap.reset();
  const offs = arrays.map((a) => E.heap.alloc(a.length));
  const more = extra.map((n) => E.heap.alloc(n));
  const F = E.heap.f64;
  arrays.forEach((a, i) => F.set(a, offs[i]));
  return [...offs, ...more];
}

const slice = (E: Engine, off: number, n: number): number[] => Array.from(E.heap.f64.subarray(off, off + n));
const vec = (n: number): fc.Arbitrary<number[]> => fc.array(entry, { minLength: n, maxLength: n });

describe('the WebAssembly module', () => {
  it('validates, and is the engine the fast route uses unless MUON_FAST_JS=1', () => {
    expect(WebAssembly.validate(kernelModuleBytes())).toBe(true);
    expect(wasmEngine).not.toBeNull();
    expect(W.name).toBe('wasm-simd');
  });

  it('imports nothing and has no data segment: the JS heap owns the whole memory from offset 0', () => {
    const mod = new WebAssembly.Module(kernelModuleBytes());
    expect(WebAssembly.Module.imports(mod)).toEqual([]);
    expect(WebAssembly.Module.exports(mod).map((e) => e.name).sort()).toEqual(
      ['accum', 'eig', 'jsweep', 'maxabs', 'memory', 'nn', 'nt', 'ql', 'rank2', 'rotq', 'scan', 'symv', 'tr'].sort(),
    );
    // section ids in order: the data section (11) and data-count section (12) must be absent
    const b = kernelModuleBytes();
    const ids: number[] = [];
    let pos = 8;
    while (pos < b.length) {
      ids.push(b[pos++]);
      let size = 0;
      let shift = 0;
      for (;;) {
        const byte = b[pos++];
        size |= (byte & 0x7f) << shift;
        shift += 7;
        if (byte < 0x80) break;
      }
      pos += size;
    }
    expect(pos).toBe(b.length);
    expect(ids).not.toContain(11);
    expect(ids).not.toContain(12);
  });

  it('the heap grows on demand and keeps what was written', () => {
    for (const E of [W, jsEngine]) {
      E.heap.reset();
      const a = E.heap.alloc(10);
      E.heap.f64[a] = 42;
      const b = E.heap.alloc(3_000_000); // beyond the initial 1 MiB
      E.heap.f64[b + 2_999_999] = 7;
      expect(E.heap.f64[a]).toBe(42);
      expect(E.heap.f64[b + 2_999_999]).toBe(7);
    }
  });
});

describe('WASM kernels = JS kernels', () => {
  const dims = fc.record({ n: fc.integer({ min: 1, max: 11 }), m: fc.integer({ min: 1, max: 11 }), p: fc.integer({ min: 1, max: 11 }) });

  it('nn (bit-identical, with and without the symmetric shortcut) and nt (within 2m·u·Σ|x||y|)', () => {
    fc.assert(
      fc.property(dims.chain(({ n, m, p }) => fc.tuple(fc.constant({ n, m, p }), vec(n * m), vec(m * p), vec(p * m))), ([{ n, m, p }, a, b, bt]) => {
        const run = (E: Engine, kernel: 'nn' | 'nt', sym: number): number[] => {
          const [ao, bo, to, co, ato] = load(E, [a, b, bt], [n * Math.max(n, p), m * n]);
          if (kernel === 'nn') {
            // sym: C = AAᵀ through nn needs B = Aᵀ (m×n)
            if (sym) {
              const F = E.heap.f64;
              for (let i = 0; i < n; i++) for (let k = 0; k < m; k++) F[ato + k * n + i] = a[i * m + k];
              E.K.nn(ao * 8, ato * 8, co * 8, n, m, n, 1);
              return slice(E, co, n * n);
            }
            E.K.nn(ao * 8, bo * 8, co * 8, n, m, p, 0);
            return slice(E, co, n * p);
          }
          if (sym) {
            E.K.nt(ao * 8, ao * 8, co * 8, n, m, n, 1);
            return slice(E, co, n * n);
          }
          E.K.nt(ao * 8, to * 8, co * 8, n, m, p, 0);
          return slice(E, co, n * p);
        };
        expect(run(W, 'nn', 0)).toEqual(run(jsEngine, 'nn', 0));
        expect(run(W, 'nn', 1)).toEqual(run(jsEngine, 'nn', 1));
        const bound = 2 * m * u * m; // entries ≤ 1: Σ|x||y| ≤ m
        for (const sym of [0, 1]) {
          const x = run(W, 'nt', sym);
          const y = run(jsEngine, 'nt', sym);
          for (let i = 0; i < x.length; i++) expect(Math.abs(x[i] - y[i])).toBeLessThanOrEqual(bound);
        }
        // nt with sym gives an exactly symmetric result
        const S = run(W, 'nt', 1);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(S[i * n + j]).toBe(S[j * n + i]);
      }),
      { seed: 5101, numRuns: 120 },
    );
  });

  it('maxabs and tr on random lengths (odd and even)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 37 }).chain((n) => vec(n)), (x) => {
        const n = x.length;
        const mx = [W, jsEngine].map((E) => {
          const [xo] = load(E, [x]);
          return E.K.maxabs(xo * 8, n);
        });
        expect(mx[0]).toBe(Math.max(...x.map(Math.abs)));
        expect(mx[1]).toBe(mx[0]);
        const rows = n % 2 === 0 ? 2 : 1;
        const tr = [W, jsEngine].map((E) => {
          const [xo, to] = load(E, [x], [n]);
          E.K.tr(xo * 8, rows, n / rows, to * 8);
          return slice(E, to, n);
        });
        const cols = n / rows;
        expect(tr[0]).toEqual(Array.from({ length: n }, (_, idx) => x[(idx % rows) * cols + Math.floor(idx / rows)]));
        expect(tr[1]).toEqual(tr[0]);
      }),
      { seed: 5102, numRuns: 150 },
    );
  });

  it('maxabs returns NaN when an entry is NaN or ±Infinity, wherever it sits (SIMD pairs and the odd tail)', () => {
    for (const E of [W, jsEngine]) {
      for (const bad of [NaN, Infinity, -Infinity]) {
        for (const pos of [0, 1, 3, 4]) {
          const x = [0.5, -2, 1, 3, -0.25];
          x[pos] = bad;
          const [xo] = load(E, [x]);
          expect(E.K.maxabs(xo * 8, 5)).toBeNaN();
          expect(E.K.maxabs(xo * 8, 4)).toBe(pos < 4 ? NaN : 3);
        }
      }
      const [yo] = load(E, [[1, -7, 2, -0]]);
      expect(E.K.maxabs(yo * 8, 4)).toBe(7);
    }
  });

  it('rotq (fused tql2 rotations) is bit-identical; scan and jsweep agree; tred2 + tql2 diagonalise on both', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }).chain((n) => fc.tuple(vec(n * n), vec(n), fc.integer({ min: 0, max: n - 2 }))), ([w, cAngle, lo]) => {
        const n = cAngle.length;
        const cs = cAngle.map((t) => Math.cos(3 * t));
        const sn = cAngle.map((t) => Math.sin(3 * t));
        const out = [W, jsEngine].map((E) => {
          const [wo, co, so] = load(E, [w, cs, sn]);
          E.K.rotq(wo * 8, n, lo, n - 1, co * 8, so * 8);
          return slice(E, wo, n * n);
        });
        expect(out[0]).toEqual(out[1]);
        // a symmetric matrix: tred2 + tql2 on both engines give eigenpairs with residual ≤ c·n·u·‖A‖
        const A = w.map((_, idx) => {
          const i = Math.floor(idx / n);
          const j = idx % n;
          return (w[i * n + j] + w[j * n + i]) / 2;
        });
        for (const E of [W, jsEngine]) {
          const [wo, dd, ee, co, so, oo] = load(E, [A], [n, n, n, n, 4]);
          tred2(E, wo, dd, ee, n);
          tql2(E, wo, dd, ee, n, co, so, oo);
          const F = E.heap.f64;
          for (let r = 0; r < n; r++) {
            const v = Array.from(F.subarray(wo + r * n, wo + r * n + n));
            const lambda = F[dd + r];
            for (let i = 0; i < n; i++) {
              let av = 0;
              for (let j = 0; j < n; j++) av += A[i * n + j] * v[j];
              expect(Math.abs(av - lambda * v[i])).toBeLessThanOrEqual(100 * n * u * n);
            }
            const norm = v.reduce((s, x) => s + x * x, 0);
            expect(Math.abs(norm - 1)).toBeLessThanOrEqual(100 * n * u);
          }
        }
        // scan: the same failing pairs from the same C (test ties are exact comparisons of the same numbers)
        const C = A.map((x, idx) => (idx % (n + 1) === 0 ? Math.abs(x) + 1 : x * 1e-9));
        const pairs = [W, jsEngine].map((E) => {
          const [co, ao, po] = load(E, [C], [n, n * n]);
          const np = E.K.scan(co * 8, ao * 8, n, 1e-10, po * 8);
          return [np, slice(E, po, 2 * np), slice(E, ao, n)];
        });
        expect(pairs[0]).toEqual(pairs[1]);
      }),
      { seed: 5103, numRuns: 80 },
    );
  });

  it('eig (tred2 + tql2 in one WebAssembly call) is bit-identical to eigen.ts’s JS drivers over the same kernels, and diagonalises', () => {
    // The WebAssembly eig ports the drivers operation for operation; run against the drivers calling the very same
    // WebAssembly kernels, every bit must agree (hypot's overflow fallback aside, not reached by entries ≤ 1). Against
    // the JS engine (different dot-product grouping) it agrees to rounding: the residual test below.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 14 }).chain((n) => vec(n * n)), (w) => {
        const n = Math.round(Math.sqrt(w.length));
        const A = w.map((_, idx) => (w[Math.floor(idx / n) * n + (idx % n)] + w[(idx % n) * n + Math.floor(idx / n)]) / 2);
        const viaKernel = (() => {
          const [wo, dd, ee, co, so, oo] = load(W, [A], [n, n, n, n, 4]);
          expect(W.K.eig(wo * 8, dd * 8, ee * 8, n, co * 8, so * 8, oo * 8)).toBe(0);
          return [slice(W, wo, n * n), slice(W, dd, n)];
        })();
        const viaDrivers = (() => {
          const [wo, dd, ee, co, so, oo] = load(W, [A], [n, n, n, n, 4]);
          tred2(W, wo, dd, ee, n);
          tql2(W, wo, dd, ee, n, co, so, oo);
          return [slice(W, wo, n * n), slice(W, dd, n)];
        })();
        expect(viaKernel).toEqual(viaDrivers);
        for (const E of [W, jsEngine]) {
          const [wo, dd, ee, co, so, oo] = load(E, [A], [n, n, n, n, 4]);
          expect(E.K.eig(wo * 8, dd * 8, ee * 8, n, co * 8, so * 8, oo * 8)).toBe(0);
          const F = E.heap.f64;
          for (let r = 0; r < n; r++) {
            const v = Array.from(F.subarray(wo + r * n, wo + r * n + n));
            for (let i = 0; i < n; i++) {
              let av = 0;
              for (let j = 0; j < n; j++) av += A[i * n + j] * v[j];
              expect(Math.abs(av - F[dd + r] * v[i])).toBeLessThanOrEqual(100 * n * u * n);
            }
          }
        }
      }),
      { seed: 5105, numRuns: 80 },
    );
  });

  it('jsweep: the same rotations on both engines, and it leaves the listed pairs orthogonal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }).chain((k) => fc.tuple(fc.constant(k), vec(k * 9))), ([k, b]) => {
        const d = 9;
        const w = Array.from({ length: k * k }, (_, idx) => (idx % (k + 1) === 0 ? 1 : 0));
        const alpha = Array.from({ length: k }, (_, j) => b.slice(j * d, j * d + d).reduce((s, x) => s + x * x, 0));
        const pairs: number[] = [];
        for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) pairs.push(p, q);
        const res = [W, jsEngine].map((E) => {
          const [bo, wo, ao, po] = load(E, [b, w, alpha, pairs]);
          let rot = 0;
          for (let sweep = 0; sweep < 30; sweep++) {
            const r = E.K.jsweep(bo * 8, wo * 8, ao * 8, d, k, po * 8, pairs.length / 2, d * u);
            rot += r;
            if (r === 0) break;
          }
          return { rot, B: slice(E, bo, k * d), Wm: slice(E, wo, k * k) };
        });
        for (const { B } of res) {
          for (let p = 0; p < k; p++) {
            for (let q = p + 1; q < k; q++) {
              let g = 0;
              let np = 0;
              let nq = 0;
              for (let i = 0; i < d; i++) {
                g += B[p * d + i] * B[q * d + i];
                np += B[p * d + i] ** 2;
                nq += B[q * d + i] ** 2;
              }
              expect(Math.abs(g)).toBeLessThanOrEqual(4 * d * u * Math.sqrt(np * nq) + 1e-300);
            }
          }
        }
        // same decisions (the dots differ by rounding only, far from the threshold for random draws)
        for (let i = 0; i < k * d; i++) expect(Math.abs(res[0].B[i] - res[1].B[i])).toBeLessThanOrEqual(1e-12);
      }),
      { seed: 5104, numRuns: 80 },
    );
  });
});
