import {
  assemble,
  block,
  brIf,
  cat,
  F64,
  f64abs,
  f64max,
  call,
  f64add,
  f64c,
  f64div,
  f64eq,
  f64gt,
  f64le,
  f64lt,
  f64sqrt,
  f64load,
  f64mul,
  f64store,
  f64sub,
  f64x2abs,
  f64x2add,
  f64x2pmax,
  f64x2lane,
  f64x2mul,
  f64x2splat,
  f64x2sub,
  Fn,
  I32,
  i32add,
  i32and,
  i32or,
  i32c,
  i32ltS,
  i32mul,
  i32shl,
  i32sub,
  i32truncF64S,
  f64convertI32S,
  ifThen,
  select,
  V128,
  v128load,
  v128store,
  v128zero,
  type Code,
} from './wasm-asm.ts';
import type { Kernels } from './kernels.ts';

/**
 * The float64 hot loops as WebAssembly with 128-bit SIMD (two doubles per instruction), assembled at load time by
 * wasm-asm.ts. V8 compiles them to packed SSE2/AVX code; on this machine kind the dot-product tile runs at about 7
 * multiply-adds per ns against 1.7 for the best plain-JS loop (kernels.ts), which is what lets a 100×100 Muon step
 * stay near NumPy/LAPACK speed.
 *
 * All pointers are byte offsets into the module's memory; matrices are row-major f64. The kernels compute the same
 * sums as the JS kernels of kernels.ts; nn, rotations and copies in the same order (bit-identical), the dot products
 * with the terms grouped differently (two SIMD lanes hold the even and odd terms), so those agree to rounding
 * (checked in test/linalg/fast-kernels.test.ts).
 *
 * Kernels:
 *  - nn(a, b, c, n, m, p, sym): C = A·B summed in the generic loop's order (bit-identical to mat.ts's matmul);
 *  - nt(a, b, c, n, m, p, sym): C (n×p) = A (n×m)·B (p×m)ᵀ, 2×4 register tiles; with sym = 1 (A = B) only tiles
 *    touching the upper triangle are computed and the lower triangle is mirrored (exact symmetry);
 *  - rotq(w, n, lo, hi, cs, sn): rotations i = hi−1 … lo of a tql2 sweep on rows (i, i+1) of W (n columns), four
 *    consecutive rotations fused per pass;
 *  - symv / rank2 / accum(w, n, i, d, e): the three O(i²) loops of step i of tred2 (eigen.ts), same arithmetic;
 *  - tr(a, rows, cols, t): T = Aᵀ;
 *  - jsweep(bt, w, alpha, d, k, pairs, npairs, tol): one one-sided Jacobi pass over a list of pairs (msign.ts);
 *  - scan(c, alpha, k, tol, pairs): the orthogonality test of all pairs from C = BᵀB, failing pairs listed;
 *  - ql(d, e, cs, sn, l, m, p, out, w, n): the rotation loop of one tql2 iteration, then rotq;
 *  - maxabs(x, n): max |x_i| (NaN if an entry is NaN or infinite).
 */

const P = I32;

function dotBody(f: Fn, x: string, y: string, len: string, result: string): Code {
  // result = Σ x[k]·y[k], two vector accumulators (four partial sums), then a pair step and a scalar tail
  f.locals(I32, 'dk', 'dl4', 'dl2').locals(V128, 'dacc0', 'dacc1').locals(F64, result);
  return cat(
    v128zero, f.set('dacc0'),
    v128zero, f.set('dacc1'),
    f.get(len), i32c(-4), i32and, i32c(3), i32shl, f.set('dl4'),
    f.get(len), i32c(-2), i32and, i32c(3), i32shl, f.set('dl2'),
    f.forUp('dk', i32c(0), f.get('dl4'), 32, cat(
      f.get('dacc0'), f.get(x), f.get('dk'), i32add, v128load(), f.get(y), f.get('dk'), i32add, v128load(), f64x2mul, f64x2add, f.set('dacc0'),
      f.get('dacc1'), f.get(x), f.get('dk'), i32add, v128load(16), f.get(y), f.get('dk'), i32add, v128load(16), f64x2mul, f64x2add, f.set('dacc1'),
    )),
    ifThen(cat(f.get('dl4'), f.get('dl2'), i32ltS), cat(
      f.get('dacc0'), f.get(x), f.get('dl4'), i32add, v128load(), f.get(y), f.get('dl4'), i32add, v128load(), f64x2mul, f64x2add, f.set('dacc0'),
    )),
    f.get('dacc0'), f.get('dacc1'), f64x2add, f.set('dacc0'),
    f.get('dacc0'), f64x2lane(0), f.get('dacc0'), f64x2lane(1), f64add, f.set(result),
    ifThen(cat(f.get(len), i32c(1), i32and), cat(
      f.get(result), f.get(x), f.get('dl2'), i32add, f64load(), f.get(y), f.get('dl2'), i32add, f64load(), f64mul, f64add, f.set(result),
    )),
  );
}

function buildNt(): { fn: Fn; body: Code } {
  const f = new Fn('nt', [['a', P], ['b', P], ['c', P], ['n', P], ['m', P], ['p', P], ['sym', P]]);
  f.locals(I32, 'i', 'j', 'k', 'a0', 'a1', 'b0', 'b1', 'b2', 'b3', 'rb', 'mb2', 'odd', 'nm1', 'pm3', 'cp', 'r', 'q');
  f.locals(V128, 'x', 'z', 'y', 'acc0', 'acc1', 'acc2', 'acc3', 'acc4', 'acc5', 'acc6', 'acc7');
  f.locals(F64, 's0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 'xs', 'zs', 'ys');
  const bq = ['b0', 'b1', 'b2', 'b3'];
  /** One R×Q tile at rows (i, i+1), columns j..j+Q−1. */
  const tile = (R: 1 | 2, Q: 1 | 4): Code => {
    const parts: Code[] = [];
    parts.push(f.get('b'), f.get('j'), f.get('rb'), i32mul, i32add, f.set('b0'));
    for (let q = 1; q < Q; q++) parts.push(f.get(bq[q - 1]), f.get('rb'), i32add, f.set(bq[q]));
    for (let r = 0; r < R; r++) for (let q = 0; q < Q; q++) parts.push(v128zero, f.set(`acc${r * 4 + q}`));
    const kbody: Code[] = [f.get('a0'), f.get('k'), i32add, v128load(), f.set('x')];
    if (R === 2) kbody.push(f.get('a1'), f.get('k'), i32add, v128load(), f.set('z'));
    for (let q = 0; q < Q; q++) {
      kbody.push(f.get(bq[q]), f.get('k'), i32add, v128load(), f.set('y'));
      kbody.push(f.get(`acc${q}`), f.get('x'), f.get('y'), f64x2mul, f64x2add, f.set(`acc${q}`));
      if (R === 2) kbody.push(f.get(`acc${4 + q}`), f.get('z'), f.get('y'), f64x2mul, f64x2add, f.set(`acc${4 + q}`));
    }
    parts.push(f.forUp('k', i32c(0), f.get('mb2'), 16, cat(...kbody)));
    for (let r = 0; r < R; r++) {
      for (let q = 0; q < Q; q++) {
        const a = `acc${r * 4 + q}`;
        parts.push(f.get(a), f64x2lane(0), f.get(a), f64x2lane(1), f64add, f.set(`s${r * 4 + q}`));
      }
    }
    const tail: Code[] = [f.get('a0'), f.get('mb2'), i32add, f64load(), f.set('xs')];
    if (R === 2) tail.push(f.get('a1'), f.get('mb2'), i32add, f64load(), f.set('zs'));
    for (let q = 0; q < Q; q++) {
      tail.push(f.get(bq[q]), f.get('mb2'), i32add, f64load(), f.set('ys'));
      tail.push(f.get(`s${q}`), f.get('xs'), f.get('ys'), f64mul, f64add, f.set(`s${q}`));
      if (R === 2) tail.push(f.get(`s${4 + q}`), f.get('zs'), f.get('ys'), f64mul, f64add, f.set(`s${4 + q}`));
    }
    parts.push(ifThen(f.get('odd'), cat(...tail)));
    // cp = c + (i·p + j)·8
    parts.push(f.get('c'), f.get('i'), f.get('p'), i32mul, f.get('j'), i32add, i32c(3), i32shl, i32add, f.set('cp'));
    for (let q = 0; q < Q; q++) parts.push(f.get('cp'), f.get(`s${q}`), f64store(8 * q));
    if (R === 2) {
      parts.push(f.get('cp'), f.get('p'), i32c(3), i32shl, i32add, f.set('cp'));
      for (let q = 0; q < Q; q++) parts.push(f.get('cp'), f.get(`s${4 + q}`), f64store(8 * q));
    }
    return cat(...parts);
  };
  const jStart = cat(f.get('i'), i32c(-4), i32and, f.get('sym'), i32mul);
  const rowsOf = (R: 1 | 2): Code =>
    cat(
      f.get('a'), f.get('i'), f.get('rb'), i32mul, i32add, f.set('a0'),
      f.get('a0'), f.get('rb'), i32add, f.set('a1'),
      f.forUp('j', jStart, f.get('pm3'), 4, tile(R, 4)),
      f.forUp('j', f.get('j'), f.get('p'), 1, tile(R, 1)),
    );
  const body = cat(
    f.get('m'), i32c(3), i32shl, f.set('rb'),
    f.get('m'), i32c(-2), i32and, i32c(3), i32shl, f.set('mb2'),
    f.get('m'), i32c(1), i32and, f.set('odd'),
    f.get('n'), i32c(1), i32sub, f.set('nm1'),
    f.get('p'), i32c(3), i32sub, f.set('pm3'),
    f.forUp('i', i32c(0), f.get('nm1'), 2, rowsOf(2)),
    ifThen(cat(f.get('i'), f.get('n'), i32ltS), rowsOf(1)),
    // mirror the upper triangle: C[r][q] = C[q][r] for q < r
    ifThen(f.get('sym'), f.forUp('r', i32c(1), f.get('n'), 1, f.forUp('q', i32c(0), f.get('r'), 1, cat(
      f.at('c', cat(f.get('r'), f.get('p'), i32mul, f.get('q'), i32add)),
      f.at('c', cat(f.get('q'), f.get('p'), i32mul, f.get('r'), i32add)), f64load(),
      f64store(),
    )))),
  );
  return { fn: f, body };
}

interface Lanes {
  load: Code;
  store: Code;
  mul: Code;
  add: Code;
  sub: Code;
  c: (q: number) => string;
  s: (q: number) => string;
  x: string;
  y: string;
  z: string;
}

function buildRotq(): { fn: Fn; body: Code } {
  const f = new Fn('rotq', [['w', P], ['n', P], ['lo', P], ['hi', P], ['cs', P], ['sn', P]]);
  f.locals(I32, 'i', 'k', 'rb', 'nb2', 'odd', 'lo3', 'r0', 'r1', 'r2', 'r3', 'r4', 'kk');
  f.locals(F64, 'c0', 'c1', 'c2', 'c3', 's0', 's1', 's2', 's3', 'fx', 'fy', 'fz');
  f.locals(V128, 'vc0', 'vc1', 'vc2', 'vc3', 'vs0', 'vs1', 'vs2', 'vs3', 'vx', 'vy', 'vz');
  const vec: Lanes = { load: v128load(), store: v128store(), mul: f64x2mul, add: f64x2add, sub: f64x2sub, c: (q) => `vc${q}`, s: (q) => `vs${q}`, x: 'vx', y: 'vy', z: 'vz' };
  const sca: Lanes = { load: f64load(), store: f64store(), mul: f64mul, add: f64add, sub: f64sub, c: (q) => `c${q}`, s: (q) => `s${q}`, x: 'fx', y: 'fy', z: 'fz' };
  const ld = (L: Lanes, row: string): Code => cat(f.get(row), f.get('kk'), i32add, L.load);
  const st = (L: Lanes, row: string, value: Code): Code => cat(f.get(row), f.get('kk'), i32add, value, L.store);
  // s·u + c·v and c·u − s·v
  const upd = (L: Lanes, q: number, u: string, v: string): Code => cat(f.get(L.s(q)), f.get(u), L.mul, f.get(L.c(q)), f.get(v), L.mul, L.add);
  const dwn = (L: Lanes, q: number, u: string, v: string): Code => cat(f.get(L.c(q)), f.get(u), L.mul, f.get(L.s(q)), f.get(v), L.mul, L.sub);
  const chain4 = (L: Lanes): Code =>
    cat(
      ld(L, 'r3'), f.set(L.x),
      ld(L, 'r4'), f.set(L.y),
      st(L, 'r4', upd(L, 3, L.x, L.y)),
      dwn(L, 3, L.x, L.y), f.set(L.x),
      ld(L, 'r2'), f.set(L.z),
      st(L, 'r3', upd(L, 2, L.z, L.x)),
      dwn(L, 2, L.z, L.x), f.set(L.x),
      ld(L, 'r1'), f.set(L.z),
      st(L, 'r2', upd(L, 1, L.z, L.x)),
      dwn(L, 1, L.z, L.x), f.set(L.x),
      ld(L, 'r0'), f.set(L.z),
      st(L, 'r1', upd(L, 0, L.z, L.x)),
      st(L, 'r0', dwn(L, 0, L.z, L.x)),
    );
  const chain1 = (L: Lanes): Code =>
    cat(
      ld(L, 'r0'), f.set(L.x),
      ld(L, 'r1'), f.set(L.y),
      st(L, 'r1', upd(L, 0, L.x, L.y)),
      st(L, 'r0', dwn(L, 0, L.x, L.y)),
    );
  const loadCs = (q: number, offset: number): Code =>
    cat(
      f.at('cs', cat(f.get('i'), i32c(offset), i32sub)), f64load(), f.tee(`c${q}`), f64x2splat, f.set(`vc${q}`),
      f.at('sn', cat(f.get('i'), i32c(offset), i32sub)), f64load(), f.tee(`s${q}`), f64x2splat, f.set(`vs${q}`),
    );
  const passes = (chain: (L: Lanes) => Code): Code =>
    cat(
      f.forUp('k', i32c(0), f.get('nb2'), 16, cat(f.get('k'), f.set('kk'), chain(vec))),
      ifThen(f.get('odd'), cat(f.get('nb2'), f.set('kk'), chain(sca))),
    );
  const body = cat(
    f.get('n'), i32c(3), i32shl, f.set('rb'),
    f.get('n'), i32c(-2), i32and, i32c(3), i32shl, f.set('nb2'),
    f.get('n'), i32c(1), i32and, f.set('odd'),
    f.get('lo'), i32c(3), i32add, f.set('lo3'),
    f.forDown('i', cat(f.get('hi'), i32c(1), i32sub), f.get('lo3'), 4, cat(
      loadCs(3, 0), loadCs(2, 1), loadCs(1, 2), loadCs(0, 3),
      f.get('w'), f.get('i'), i32c(3), i32sub, f.get('rb'), i32mul, i32add, f.set('r0'),
      f.get('r0'), f.get('rb'), i32add, f.set('r1'),
      f.get('r1'), f.get('rb'), i32add, f.set('r2'),
      f.get('r2'), f.get('rb'), i32add, f.set('r3'),
      f.get('r3'), f.get('rb'), i32add, f.set('r4'),
      passes(chain4),
    )),
    f.forDown('i', f.get('i'), f.get('lo'), 1, cat(
      loadCs(0, 0),
      f.get('w'), f.get('i'), f.get('rb'), i32mul, i32add, f.set('r0'),
      f.get('r0'), f.get('rb'), i32add, f.set('r1'),
      passes(chain1),
    )),
  );
  return { fn: f, body };
}

/**
 * tred2 step i, similarity part: for j < i: f = d[j]; W[i][j] = f; g = e[j] + W[j][j]·f + Σ_{j<k<i} W[j][k]·d[k];
 * e[k] += W[j][k]·f (j < k < i); e[j] = g. (W rows are the transposed EISPACK columns, see eigen.ts.)
 */
function buildSymv(): { fn: Fn; body: Code } {
  const f = new Fn('symv', [['w', P], ['n', P], ['i', P], ['d', P], ['e', P]]);
  f.locals(I32, 'j', 'k', 'rb', 'jn', 'im1', 'ka').locals(F64, 'ff', 'g', 'w0').locals(V128, 'vf', 'acc', 'wv');
  const body = cat(
    f.get('n'), i32c(3), i32shl, f.set('rb'),
    f.get('i'), i32c(1), i32sub, f.set('im1'),
    f.forUp('j', i32c(0), f.get('i'), 1, cat(
      f.get('w'), f.get('j'), f.get('rb'), i32mul, i32add, f.set('jn'),
      f.at('d', f.get('j')), f64load(), f.set('ff'),
      f.at('w', cat(f.get('i'), f.get('n'), i32mul, f.get('j'), i32add)), f.get('ff'), f64store(),
      f.at('e', f.get('j')), f64load(), f.at('jn', f.get('j')), f64load(), f.get('ff'), f64mul, f64add, f.set('g'),
      f.get('ff'), f64x2splat, f.set('vf'),
      v128zero, f.set('acc'),
      f.forUp('k', cat(f.get('j'), i32c(1), i32add), f.get('im1'), 2, cat(
        f.get('k'), i32c(3), i32shl, f.set('ka'),
        f.get('jn'), f.get('ka'), i32add, v128load(), f.set('wv'),
        f.get('acc'), f.get('wv'), f.get('d'), f.get('ka'), i32add, v128load(), f64x2mul, f64x2add, f.set('acc'),
        f.get('e'), f.get('ka'), i32add,
        f.get('e'), f.get('ka'), i32add, v128load(), f.get('wv'), f.get('vf'), f64x2mul, f64x2add,
        v128store(),
      )),
      ifThen(cat(f.get('k'), f.get('i'), i32ltS), cat(
        f.at('jn', f.get('k')), f64load(), f.set('w0'),
        f.get('g'), f.get('w0'), f.at('d', f.get('k')), f64load(), f64mul, f64add, f.set('g'),
        f.at('e', f.get('k')), f.at('e', f.get('k')), f64load(), f.get('w0'), f.get('ff'), f64mul, f64add, f64store(),
      )),
      f.at('e', f.get('j')),
      f.get('g'), f.get('acc'), f64x2lane(0), f.get('acc'), f64x2lane(1), f64add, f64add,
      f64store(),
    )),
  );
  return { fn: f, body };
}

/** tred2 step i, rank-2 update: for j < i: W[j][k] −= d[j]·e[k] + e[j]·d[k] (j ≤ k < i); d[j] = W[j][i−1]; W[j][i] = 0. */
function buildRank2(): { fn: Fn; body: Code } {
  const f = new Fn('rank2', [['w', P], ['n', P], ['i', P], ['d', P], ['e', P]]);
  f.locals(I32, 'j', 'k', 'rb', 'jn', 'im1', 'ka').locals(F64, 'ff', 'g').locals(V128, 'vf', 'vg');
  const body = cat(
    f.get('n'), i32c(3), i32shl, f.set('rb'),
    f.get('i'), i32c(1), i32sub, f.set('im1'),
    f.forUp('j', i32c(0), f.get('i'), 1, cat(
      f.get('w'), f.get('j'), f.get('rb'), i32mul, i32add, f.set('jn'),
      f.at('d', f.get('j')), f64load(), f.tee('ff'), f64x2splat, f.set('vf'),
      f.at('e', f.get('j')), f64load(), f.tee('g'), f64x2splat, f.set('vg'),
      f.forUp('k', f.get('j'), f.get('im1'), 2, cat(
        f.get('k'), i32c(3), i32shl, f.set('ka'),
        f.get('jn'), f.get('ka'), i32add,
        f.get('jn'), f.get('ka'), i32add, v128load(),
        f.get('vf'), f.get('e'), f.get('ka'), i32add, v128load(), f64x2mul,
        f.get('vg'), f.get('d'), f.get('ka'), i32add, v128load(), f64x2mul,
        f64x2add, f64x2sub,
        v128store(),
      )),
      ifThen(cat(f.get('k'), f.get('i'), i32ltS), cat(
        f.at('jn', f.get('k')),
        f.at('jn', f.get('k')), f64load(),
        f.get('ff'), f.at('e', f.get('k')), f64load(), f64mul,
        f.get('g'), f.at('d', f.get('k')), f64load(), f64mul,
        f64add, f64sub,
        f64store(),
      )),
      f.at('d', f.get('j')), f.at('jn', f.get('im1')), f64load(), f64store(),
      f.at('jn', f.get('i')), f64c(0), f64store(),
    )),
  );
  return { fn: f, body };
}

/**
 * tred2 accumulation step i (h ≠ 0, d[k] = W[i+1][k]/h already set for k ≤ i): for j ≤ i:
 * g = Σ_{k≤i} W[i+1][k]·W[j][k]; W[j][k] −= g·d[k] (k ≤ i).
 */
function buildAccum(): { fn: Fn; body: Code } {
  const f = new Fn('accum', [['w', P], ['n', P], ['i', P], ['d', P]]);
  f.locals(I32, 'j', 'k', 'rb', 'jn', 'ri', 'len', 'lb2').locals(V128, 'vg').locals(F64, 'gg');
  const body = cat(
    f.get('n'), i32c(3), i32shl, f.set('rb'),
    f.get('i'), i32c(1), i32add, f.set('len'),
    f.get('len'), i32c(-2), i32and, i32c(3), i32shl, f.set('lb2'),
    f.get('w'), f.get('len'), f.get('rb'), i32mul, i32add, f.set('ri'),
    f.forUp('j', i32c(0), f.get('len'), 1, cat(
      f.get('w'), f.get('j'), f.get('rb'), i32mul, i32add, f.set('jn'),
      dotBody(f, 'ri', 'jn', 'len', 'gg'),
      f.get('gg'), f64x2splat, f.set('vg'),
      f.forUp('k', i32c(0), f.get('lb2'), 16, cat(
        f.get('jn'), f.get('k'), i32add,
        f.get('jn'), f.get('k'), i32add, v128load(),
        f.get('vg'), f.get('d'), f.get('k'), i32add, v128load(), f64x2mul,
        f64x2sub,
        v128store(),
      )),
      ifThen(cat(f.get('len'), i32c(1), i32and), cat(
        f.get('jn'), f.get('lb2'), i32add,
        f.get('jn'), f.get('lb2'), i32add, f64load(),
        f.get('gg'), f.get('d'), f.get('lb2'), i32add, f64load(), f64mul,
        f64sub,
        f64store(),
      )),
    )),
  );
  return { fn: f, body };
}

/**
 * Rotation x ← c·x − s·y, y ← s·x + c·y of two rows (byte addresses in locals x, y; length in local len), with c and
 * s in f64 locals c, s and splatted in v128 locals vc, vs.
 */
function rotRows(f: Fn, x: string, y: string, len: string): Code {
  f.locals(I32, 'rk', 'rl2').locals(V128, 'rX', 'rY').locals(F64, 'rfx', 'rfy');
  return cat(
    f.get(len), i32c(-2), i32and, i32c(3), i32shl, f.set('rl2'),
    f.forUp('rk', i32c(0), f.get('rl2'), 16, cat(
      f.get(x), f.get('rk'), i32add, v128load(), f.set('rX'),
      f.get(y), f.get('rk'), i32add, v128load(), f.set('rY'),
      f.get(x), f.get('rk'), i32add,
      f.get('vc'), f.get('rX'), f64x2mul, f.get('vs'), f.get('rY'), f64x2mul, f64x2sub,
      v128store(),
      f.get(y), f.get('rk'), i32add,
      f.get('vs'), f.get('rX'), f64x2mul, f.get('vc'), f.get('rY'), f64x2mul, f64x2add,
      v128store(),
    )),
    ifThen(cat(f.get(len), i32c(1), i32and), cat(
      f.get(x), f.get('rl2'), i32add, f64load(), f.set('rfx'),
      f.get(y), f.get('rl2'), i32add, f64load(), f.set('rfy'),
      f.get(x), f.get('rl2'), i32add,
      f.get('c'), f.get('rfx'), f64mul, f.get('s'), f.get('rfy'), f64mul, f64sub,
      f64store(),
      f.get(y), f.get('rl2'), i32add,
      f.get('s'), f.get('rfx'), f64mul, f.get('c'), f.get('rfy'), f64mul, f64add,
      f64store(),
    )),
  );
}

/**
 * One pass of one-sided Jacobi over a list of pairs (p, q) (stored as doubles at `pairs`): for each, g = b_pᵀb_q
 * (fresh); if g ≠ 0 and |g| > tol·√α_p·√α_q, rotate rows p, q of Bt (length d) and of W (length k) by svd.ts's
 * angle, and update α_p ← α_p − tg, α_q ← α_q + tg (the exact new squared norms; recomputed by a dot product where
 * this lost more than half of the value). The α only steer the rest of the pass: the caller recomputes them from
 * BᵀB before the next test. Returns the number of rotations.
 */
function buildJsweep(): { fn: Fn; body: Code } {
  const f = new Fn('jsweep', [['bt', P], ['w', P], ['alpha', P], ['d', P], ['k', P], ['pairs', P], ['npairs', P], ['tol', F64]], I32);
  f.locals(I32, 'pi', 'p', 'q', 'bp', 'bq', 'wp', 'wq', 'rot');
  f.locals(F64, 'g', 'ap', 'aq', 'zeta', 'az', 't', 'c', 's', 'tg', 'np', 'nq').locals(V128, 'vc', 'vs');
  const pairBody = block(cat(
    f.at('pairs', f.get('pi')), f64load(0), i32truncF64S, f.set('p'),
    f.at('pairs', f.get('pi')), f64load(8), i32truncF64S, f.set('q'),
    f.at('bt', cat(f.get('p'), f.get('d'), i32mul)), f.set('bp'),
    f.at('bt', cat(f.get('q'), f.get('d'), i32mul)), f.set('bq'),
    dotBody(f, 'bp', 'bq', 'd', 'g'),
    f.at('alpha', f.get('p')), f64load(), f.set('ap'),
    f.at('alpha', f.get('q')), f64load(), f.set('aq'),
    // continue if g == 0 or |g| <= tol·√ap·√aq
    f.get('g'), f64c(0), f64eq, brIf(0),
    f.get('g'), f64abs, f.get('tol'), f.get('ap'), f64sqrt, f64mul, f.get('aq'), f64sqrt, f64mul, f64le, brIf(0),
    // ζ = (aq − ap)/(2g); t = sign(ζ)/(|ζ| + √(1 + ζ²)), or 1/(2ζ) for |ζ| > 1e150
    f.get('aq'), f.get('ap'), f64sub, f64c(2), f.get('g'), f64mul, f64div, f.set('zeta'),
    f.get('zeta'), f64abs, f.set('az'),
    f64c(0.5), f.get('zeta'), f64div,
    f64c(-1), f64c(1), f.get('zeta'), f64c(0), f64lt, select,
    f.get('az'), f64c(1), f.get('zeta'), f.get('zeta'), f64mul, f64add, f64sqrt, f64add, f64div,
    f.get('az'), f64c(1e150), f64gt, select, f.set('t'),
    f64c(1), f64c(1), f.get('t'), f.get('t'), f64mul, f64add, f64sqrt, f64div, f.set('c'),
    f.get('c'), f.get('t'), f64mul, f.set('s'),
    f.get('c'), f64x2splat, f.set('vc'),
    f.get('s'), f64x2splat, f.set('vs'),
    rotRows(f, 'bp', 'bq', 'd'),
    // new squared norms α_p − tg and α_q + tg (Rutishauser); recomputed where the update lost half the value
    f.get('t'), f.get('g'), f64mul, f.set('tg'),
    f.get('ap'), f.get('tg'), f64sub, f.set('np'),
    f.get('aq'), f.get('tg'), f64add, f.set('nq'),
    ifThen(cat(f.get('np'), f64c(0.5), f.get('ap'), f64mul, f64lt), dotBody(f, 'bp', 'bp', 'd', 'np')),
    ifThen(cat(f.get('nq'), f64c(0.5), f.get('aq'), f64mul, f64lt), dotBody(f, 'bq', 'bq', 'd', 'nq')),
    f.at('alpha', f.get('p')), f.get('np'), f64store(),
    f.at('alpha', f.get('q')), f.get('nq'), f64store(),
    f.at('w', cat(f.get('p'), f.get('k'), i32mul)), f.set('wp'),
    f.at('w', cat(f.get('q'), f.get('k'), i32mul)), f.set('wq'),
    rotRows(f, 'wp', 'wq', 'k'),
    f.get('rot'), i32c(1), i32add, f.set('rot'),
  ));
  const body = cat(
    i32c(0), f.set('rot'),
    f.forUp('pi', i32c(0), cat(f.get('npairs'), i32c(1), i32shl), 2, pairBody),
    f.get('rot'),
  );
  return { fn: f, body };
}

/**
 * The orthogonality test of all pairs from C = BᵀB (k×k): alpha[p] = C[p][p]; every pair p < q with C[p][q] ≠ 0 and
 * |C[p][q]| > tol·√alpha[p]·√alpha[q] is appended to `pairs` (as doubles). Returns the number of failing pairs.
 */
function buildScan(): { fn: Fn; body: Code } {
  const f = new Fn('scan', [['c', P], ['alpha', P], ['k', P], ['tol', F64], ['pairs', P]], I32);
  f.locals(I32, 'p', 'q', 'np', 'km1', 'out').locals(F64, 'g', 'sp');
  const body = cat(
    f.forUp('p', i32c(0), f.get('k'), 1, cat(
      f.at('alpha', f.get('p')), f.at('c', cat(f.get('p'), f.get('k'), i32mul, f.get('p'), i32add)), f64load(), f64store(),
    )),
    i32c(0), f.set('np'),
    f.get('pairs'), f.set('out'),
    f.get('k'), i32c(1), i32sub, f.set('km1'),
    f.forUp('p', i32c(0), f.get('km1'), 1, cat(
      f.at('alpha', f.get('p')), f64load(), f64sqrt, f.get('tol'), f64mul, f.set('sp'),
      f.forUp('q', cat(f.get('p'), i32c(1), i32add), f.get('k'), 1, cat(
        f.at('c', cat(f.get('p'), f.get('k'), i32mul, f.get('q'), i32add)), f64load(), f.set('g'),
        // fails iff |g| > tol·√αp·√αq (g = 0 never fails: |0| > x is false for x ≥ 0)
        ifThen(cat(f.get('g'), f64abs, f.get('sp'), f.at('alpha', f.get('q')), f64load(), f64sqrt, f64mul, f64gt), cat(
          f.get('out'), f.get('p'), f64convertI32S, f64store(0),
          f.get('out'), f.get('q'), f64convertI32S, f64store(8),
          f.get('out'), i32c(16), i32add, f.set('out'),
          f.get('np'), i32c(1), i32add, f.set('np'),
        )),
      )),
    )),
    f.get('np'),
  );
  return { fn: f, body };
}

/**
 * The inner loop of one implicit QL iteration of tql2 (eigen.ts) on rows l … m: for i = m−1 down to l the rotation
 * (c, s) is computed and d, e updated exactly as in the JS code; the rotations are recorded in cs/sn and then applied
 * to W by rotq. Writes c, s, s2, c3 (needed to finish the iteration) to out[0..3].
 */
function buildQl(rotqIndex: number): { fn: Fn; body: Code } {
  const f = new Fn('ql', [['d', P], ['e', P], ['cs', P], ['sn', P], ['l', P], ['m', P], ['p', F64], ['out', P], ['w', P], ['n', P]]);
  f.locals(I32, 'i').locals(F64, 'c', 'c2', 'c3', 's', 's2', 'g', 'h', 'r', 'ei', 'di', 'mx');
  const body = cat(
    f64c(1), f.set('c'), f64c(1), f.set('c2'), f64c(1), f.set('c3'), f64c(0), f.set('s'), f64c(0), f.set('s2'),
    f.forDown('i', cat(f.get('m'), i32c(1), i32sub), f.get('l'), 1, cat(
      f.get('c2'), f.set('c3'),
      f.get('c'), f.set('c2'),
      f.get('s'), f.set('s2'),
      f.at('e', f.get('i')), f64load(), f.set('ei'),
      f.get('c'), f.get('ei'), f64mul, f.set('g'),
      f.get('c'), f.get('p'), f64mul, f.set('h'),
      // r = hypot(p, e[i]), rescaled where the squares under- or overflow
      f.get('p'), f.get('p'), f64mul, f.get('ei'), f.get('ei'), f64mul, f64add, f64sqrt, f.set('r'),
      ifThen(cat(f.get('r'), f64c(0), f64eq, f.get('r'), f64c(1e300), f64gt, i32or), cat(
        f.get('p'), f64abs, f.get('ei'), f64abs, f64max, f.set('mx'),
        f.get('mx'),
        f.get('p'), f.get('mx'), f64div, f.tee('r'), f.get('r'), f64mul,
        f.get('ei'), f.get('mx'), f64div, f.tee('di'), f.get('di'), f64mul, f64add, f64sqrt,
        f64mul, f.set('r'),
      )),
      f.at('e', cat(f.get('i'), i32c(1), i32add)), f.get('s'), f.get('r'), f64mul, f64store(),
      f.get('ei'), f.get('r'), f64div, f.set('s'),
      f.get('p'), f.get('r'), f64div, f.set('c'),
      f.at('d', f.get('i')), f64load(), f.set('di'),
      f.get('c'), f.get('di'), f64mul, f.get('s'), f.get('g'), f64mul, f64sub, f.set('p'),
      f.at('d', cat(f.get('i'), i32c(1), i32add)),
      f.get('h'), f.get('s'), f.get('c'), f.get('g'), f64mul, f.get('s'), f.get('di'), f64mul, f64add, f64mul, f64add,
      f64store(),
      f.at('cs', f.get('i')), f.get('c'), f64store(),
      f.at('sn', f.get('i')), f.get('s'), f64store(),
    )),
    f.get('out'), f.get('c'), f64store(0),
    f.get('out'), f.get('s'), f64store(8),
    f.get('out'), f.get('s2'), f64store(16),
    f.get('out'), f.get('c3'), f64store(24),
    f.get('w'), f.get('n'), f.get('l'), f.get('m'), f.get('cs'), f.get('sn'), call(rotqIndex),
  );
  return { fn: f, body };
}

/**
 * max |x_i| over n doubles, or NaN if some x_i is NaN or ±Infinity. The maximum uses f64x2.pmax (a single maxpd;
 * f64x2.max's NaN semantics cost several instructions), finiteness a separate sum of x_i − x_i (0 for finite x_i,
 * NaN otherwise).
 */
function buildMaxabs(): { fn: Fn; body: Code } {
  const f = new Fn('maxabs', [['x', P], ['n', P]], F64);
  f.locals(I32, 'k', 'nb2').locals(V128, 'acc', 'fin', 'v').locals(F64, 'm', 'fs', 'y');
  const body = cat(
    v128zero, f.set('acc'),
    v128zero, f.set('fin'),
    f.get('n'), i32c(-2), i32and, i32c(3), i32shl, f.set('nb2'),
    f.forUp('k', i32c(0), f.get('nb2'), 16, cat(
      f.get('x'), f.get('k'), i32add, v128load(), f.set('v'),
      f.get('v'), f64x2abs, f.get('acc'), f64x2pmax, f.set('acc'),
      f.get('fin'), f.get('v'), f.get('v'), f64x2sub, f64x2add, f.set('fin'),
    )),
    f.get('acc'), f64x2lane(0), f.get('acc'), f64x2lane(1), f64max, f.set('m'),
    f.get('fin'), f64x2lane(0), f.get('fin'), f64x2lane(1), f64add, f.set('fs'),
    ifThen(cat(f.get('n'), i32c(1), i32and), cat(
      f.get('x'), f.get('nb2'), i32add, f64load(), f.set('y'),
      f.get('m'), f.get('y'), f64abs, f64max, f.set('m'),
      f.get('fs'), f.get('y'), f.get('y'), f64sub, f64add, f.set('fs'),
    )),
    // fs is 0 exactly when every entry is finite; otherwise NaN
    f.get('m'), f64c(NaN), f.get('fs'), f64c(0), f64eq, select,
  );
  return { fn: f, body };
}

/**
 * C (n×p) = A (n×m)·B (m×p), i-k-j order vectorised over the columns of C: tiles of 2 rows × 4 columns, each C entry
 * accumulated over k = 0, 1, …, m−1 in order, starting from +0 — the generic triple loop's order (mat.ts), so the
 * results are bit-identical to it for finite inputs (the generic loop skips a_ik = 0, which changes nothing then).
 * sym = 1 (a Gram product XᵀX or XXᵀ, so c_ij and c_ji have the same terms): only the tiles reaching the upper
 * triangle are computed and the lower one is mirrored — still bit-identical, at about half the cost.
 */
function buildNn(): { fn: Fn; body: Code } {
  const f = new Fn('nn', [['a', P], ['b', P], ['c', P], ['n', P], ['m', P], ['p', P], ['sym', P]]);
  f.locals(I32, 'i', 'j', 'kk', 'rbA', 'rbB', 'p4', 'nm1', 'a0', 'a1', 'c0', 'c1', 'bk', 'jb', 'r', 'q');
  f.locals(V128, 'x', 'z', 'y0', 'y1', 'acc00', 'acc01', 'acc10', 'acc11').locals(F64, 's0', 's1', 'yb');
  const tile4 = (R: 1 | 2): Code =>
    f.forUp('j', cat(f.get('i'), i32c(-4), i32and, f.get('sym'), i32mul), f.get('p4'), 4, cat(
      f.get('j'), i32c(3), i32shl, f.set('jb'),
      v128zero, f.set('acc00'), v128zero, f.set('acc01'),
      R === 2 ? cat(v128zero, f.set('acc10'), v128zero, f.set('acc11')) : [],
      f.get('b'), f.get('jb'), i32add, f.set('bk'),
      f.forUp('kk', i32c(0), f.get('m'), 1, cat(
        f.get('bk'), v128load(0), f.set('y0'),
        f.get('bk'), v128load(16), f.set('y1'),
        f.at('a0', f.get('kk')), f64load(), f64x2splat, f.set('x'),
        f.get('acc00'), f.get('x'), f.get('y0'), f64x2mul, f64x2add, f.set('acc00'),
        f.get('acc01'), f.get('x'), f.get('y1'), f64x2mul, f64x2add, f.set('acc01'),
        R === 2 ? cat(
          f.at('a1', f.get('kk')), f64load(), f64x2splat, f.set('z'),
          f.get('acc10'), f.get('z'), f.get('y0'), f64x2mul, f64x2add, f.set('acc10'),
          f.get('acc11'), f.get('z'), f.get('y1'), f64x2mul, f64x2add, f.set('acc11'),
        ) : [],
        f.get('bk'), f.get('rbB'), i32add, f.set('bk'),
      )),
      f.get('c0'), f.get('jb'), i32add, f.get('acc00'), v128store(0),
      f.get('c0'), f.get('jb'), i32add, f.get('acc01'), v128store(16),
      R === 2 ? cat(
        f.get('c1'), f.get('jb'), i32add, f.get('acc10'), v128store(0),
        f.get('c1'), f.get('jb'), i32add, f.get('acc11'), v128store(16),
      ) : [],
    ));
  const tail1 = (R: 1 | 2): Code =>
    f.forUp('j', f.get('p4'), f.get('p'), 1, cat(
      f64c(0), f.set('s0'), f64c(0), f.set('s1'),
      f.forUp('kk', i32c(0), f.get('m'), 1, cat(
        f.at('b', cat(f.get('kk'), f.get('p'), i32mul, f.get('j'), i32add)), f64load(), f.set('yb'),
        f.get('s0'), f.at('a0', f.get('kk')), f64load(), f.get('yb'), f64mul, f64add, f.set('s0'),
        R === 2 ? cat(f.get('s1'), f.at('a1', f.get('kk')), f64load(), f.get('yb'), f64mul, f64add, f.set('s1')) : [],
      )),
      f.at('c0', f.get('j')), f.get('s0'), f64store(),
      R === 2 ? cat(f.at('c1', f.get('j')), f.get('s1'), f64store()) : [],
    ));
  const rows = (R: 1 | 2): Code =>
    cat(
      f.get('a'), f.get('i'), f.get('rbA'), i32mul, i32add, f.set('a0'),
      f.get('a0'), f.get('rbA'), i32add, f.set('a1'),
      f.get('c'), f.get('i'), f.get('rbB'), i32mul, i32add, f.set('c0'),
      f.get('c0'), f.get('rbB'), i32add, f.set('c1'),
      tile4(R),
      tail1(R),
    );
  const body = cat(
    f.get('m'), i32c(3), i32shl, f.set('rbA'),
    f.get('p'), i32c(3), i32shl, f.set('rbB'),
    f.get('p'), i32c(-4), i32and, f.set('p4'),
    f.get('n'), i32c(1), i32sub, f.set('nm1'),
    f.forUp('i', i32c(0), f.get('nm1'), 2, rows(2)),
    ifThen(cat(f.get('i'), f.get('n'), i32ltS), rows(1)),
    // sym (C = XᵀX or XXᵀ, n = p): only tiles reaching the upper triangle were computed; mirror it
    ifThen(f.get('sym'), f.forUp('r', i32c(1), f.get('n'), 1, f.forUp('q', i32c(0), f.get('r'), 1, cat(
      f.at('c', cat(f.get('r'), f.get('p'), i32mul, f.get('q'), i32add)),
      f.at('c', cat(f.get('q'), f.get('p'), i32mul, f.get('r'), i32add)), f64load(),
      f64store(),
    )))),
  );
  return { fn: f, body };
}

/** T (cols×rows) = Aᵀ for A rows×cols. */
function buildTr(): { fn: Fn; body: Code } {
  const f = new Fn('tr', [['a', P], ['rows', P], ['cols', P], ['t', P]]);
  f.locals(I32, 'i', 'j', 'src', 'dst', 'rb');
  const body = cat(
    f.get('rows'), i32c(3), i32shl, f.set('rb'),
    f.get('a'), f.set('src'),
    f.forUp('i', i32c(0), f.get('rows'), 1, cat(
      f.at('t', f.get('i')), f.set('dst'),
      f.forUp('j', i32c(0), f.get('cols'), 1, cat(
        f.get('dst'), f.get('src'), f64load(), f64store(),
        f.get('src'), i32c(8), i32add, f.set('src'),
        f.get('dst'), f.get('rb'), i32add, f.set('dst'),
      )),
    )),
  );
  return { fn: f, body };
}

/** The assembled module's bytes (exported for the tests: WebAssembly.validate). */
export function kernelModuleBytes(): Uint8Array<ArrayBuffer> {
  const rotq = buildRotq();
  // ql calls rotq: its index is its position in the module
  const fns = [buildNt(), rotq, buildSymv(), buildRank2(), buildAccum(), buildTr(), buildJsweep(), buildScan(), buildMaxabs(), buildNn()];
  fns.push(buildQl(fns.indexOf(rotq)));
  return assemble(fns, 16);
}

/** Instantiates the module: its kernels and memory, or null where WebAssembly SIMD is unavailable. */
export function instantiateWasmKernels(): { kernels: Kernels; memory: WebAssembly.Memory } | null {
  if (typeof WebAssembly !== 'object') return null;
  try {
    const bytes = kernelModuleBytes();
    if (!WebAssembly.validate(bytes)) return null;
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    const ex = inst.exports as unknown as Kernels & { mem: WebAssembly.Memory };
    const kernels: Kernels = { nt: ex.nt, rotq: ex.rotq, symv: ex.symv, rank2: ex.rank2, accum: ex.accum, tr: ex.tr, jsweep: ex.jsweep, scan: ex.scan, ql: ex.ql, maxabs: ex.maxabs, nn: ex.nn };
    return { kernels, memory: ex.mem };
  } catch {
    return null;
  }
}
