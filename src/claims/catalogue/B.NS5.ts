import fc, { type Arbitrary } from 'fast-check';
import { exactField } from '../../arith/exact.ts';
import type { Field } from '../../arith/field.ts';
import { float64 } from '../../arith/float64.ts';
import { matmul, mat, transpose, type Mat } from '../../linalg/mat.ts';
import { frobenius } from '../../linalg/norms.ts';
import { haar } from '../../random/matrices.ts';
import { rng } from '../../random/rng.ts';
import { ns5OneStep } from '../../impl/plants.ts';
import { probeSearch } from '../search.ts';
import type { Bound, CaseOutcome, CheckContext, Claim } from '../types.ts';
import { CONFIRM_PRECISION, NS5_BAND_HI, NS5_BAND_LO, NS5_SUP, NS5_TINY, op, p5, shapeBin, toField } from './quadB-cases.ts';

/*
 * B.NS5 (paper B Alg. 3; quoted coefficients, computed facts): NS5(G) = U p⁵(Σ/(‖G‖_F + 1e-7)) Vᵀ with
 * p(x) = 3.4445x − 4.7750x³ + 2.0315x⁵ (odd polynomial iteration: a matrix function acting on singular values).
 * The catalogue's facts, to the digits it gives:
 *   (band)  s/‖G‖_F ∈ [0.01, 1] ⇒ output singular value ∈ [0.6818, 1.1344];
 *   (sup)   ‖NS5(G)‖ ≤ 1.2024 for every G;
 *   (tiny)  s/‖G‖_F < 1.5e-3 ⇒ output singular value < 0.6818 (not orthogonalized in 5 steps).
 * Checked twice: (1) on the scalar map, measured once in high precision (critical points of p⁵ located on a grid and
 * refined, then p⁵ evaluated at 40 digits at them and at the ends); (2) on matrices: ‖NS5(G)v_i‖ = p⁵(x_i) for each
 * right singular vector v_i of G, and the facts on those values.
 * Hypothesis ‖G‖_F ≥ 1e-3 (ε/‖G‖_F ≤ 1e-4): the ε = 1e-7 of Alg. 3 then moves x by ≤ 1e-4 relative, which the
 * scalar measurement covers (it runs over [0.01·(1 − 1e-4), 1]); a probe drops it.
 */

export interface Ns5Case {
  readonly m: number;
  readonly n: number;
  /** s_i/‖G‖_F, Σ ratios² = 1 (the first one completes the sum). */
  readonly ratios: readonly number[];
  /** ‖G‖_F. */
  readonly scale: number;
  readonly seed: number;
  readonly G: Mat<number>;
}

function build(m: number, n: number, ratios: number[], scale: number, seed: number): Ns5Case {
  const r = rng(seed);
  const k = ratios.length;
  const U = haar(r.fork('U'), m, k);
  const V = haar(r.fork('V'), n, k);
  const US = mat(m, k, U.data.map((x, i) => x * ratios[i % k] * scale));
  return { m, n, ratios, scale, seed, G: matmul(float64, US, transpose(V)) };
}

/**
 * k = min(m, n) ratios: the subordinate ones log-uniform in [0.01, 1/√k] (so the first, √(1 − Σ others²), is ≥ 1/√k
 * and the band's extremes x ≈ 0.901 and 0.683 are reachable), optionally one of them "tiny" in [1e-5, 1e-2).
 */
function arbitraryWith(scale: Arbitrary<number>, tinyLo = 1e-5, tinyHi = 1e-2, forceTiny = false): Arbitrary<Ns5Case> {
  return fc
    .record({
      m: fc.integer({ min: 1, max: 6 }),
      n: fc.integer({ min: 1, max: 6 }),
      logs: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 6, maxLength: 6 }),
      tiny: forceTiny ? fc.constant(true) : fc.boolean(),
      tinyLog: fc.integer({ min: 0, max: 1000 }),
      scale,
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .filter(({ m, n }) => !forceTiny || Math.min(m, n) >= 2)
    .map(({ m, n, logs, tiny, tinyLog, scale: s, seed }) => {
      const k = Math.min(m, n);
      const hi = 1 / Math.sqrt(k);
      const rest = logs.slice(0, k - 1).map((l) => 0.01 * Math.exp((l / 1000) * Math.log(hi / 0.01)));
      if (tiny && k >= 2) rest[rest.length - 1] = tinyLo * Math.exp((tinyLog / 1000) * Math.log(tinyHi / tinyLo));
      const first = Math.sqrt(Math.max(0, 1 - rest.reduce((a, x) => a + x * x, 0)));
      return build(m, n, [first, ...rest], s, seed);
    });
}

const logScale = (lo: number, hi: number): Arbitrary<number> => fc.integer({ min: 0, max: 1000 }).map((l) => lo * Math.exp((l / 1000) * Math.log(hi / lo)));
const arbitrary = arbitraryWith(logScale(1e-3, 1e3));

/* ---------- the scalar facts, measured once ---------- */

export interface ScalarFacts {
  /** min and max of p⁵ over [0.01(1 − 1e-4), 1], with where. */
  readonly bandMin: number;
  readonly bandMinAt: number;
  readonly bandMax: number;
  readonly bandMaxAt: number;
  /** sup of p⁵ over (0, 1]. */
  readonly sup: number;
  readonly supAt: number;
  /** The x below which p⁵ < 0.6818 (p⁵ increases on [0, 0.004]). */
  readonly tinyEdge: number;
}

let facts: ScalarFacts | undefined;

/** p⁵ and its derivative Π p'(y_k) in float64, to locate the critical points. */
function p5d(x: number): [number, number] {
  let y = x;
  let d = 1;
  for (let i = 0; i < 5; i++) {
    const y2 = y * y;
    d *= 3.4445 - 3 * 4.775 * y2 + 5 * 2.0315 * y2 * y2;
    y = y * (3.4445 + y2 * (-4.775 + 2.0315 * y2));
  }
  return [y, d];
}

export function scalarFacts(): ScalarFacts {
  if (facts) return facts;
  const D = exactField(CONFIRM_PRECISION);
  const at = (x: number): number => D.toNumber(p5(D, D.of(x)));
  // Candidates for the extremes on [lo, hi]: the ends and every zero of (p⁵)' — found as sign changes on a grid of
  // 2·10⁵ points (p⁵ has few oscillations there) and refined by bisection to full float precision.
  const extremes = (lo: number, hi: number): { min: number; minAt: number; max: number; maxAt: number } => {
    const N = 200_000;
    const cand = [lo, hi];
    let prev = p5d(lo)[1];
    for (let i = 1; i <= N; i++) {
      const x = lo + ((hi - lo) * i) / N;
      const d = p5d(x)[1];
      if (Math.sign(d) !== Math.sign(prev)) {
        let a = lo + ((hi - lo) * (i - 1)) / N;
        let b = x;
        for (let j = 0; j < 80; j++) {
          const c = (a + b) / 2;
          if (Math.sign(p5d(c)[1]) === Math.sign(p5d(a)[1])) a = c;
          else b = c;
        }
        cand.push((a + b) / 2);
      }
      prev = d;
    }
    let min = Infinity;
    let max = -Infinity;
    let minAt = lo;
    let maxAt = lo;
    for (const x of cand) {
      const y = at(x);
      if (y < min) [min, minAt] = [y, x];
      if (y > max) [max, maxAt] = [y, x];
    }
    return { min, minAt, max, maxAt };
  };
  const band = extremes(0.01 * (1 - 1e-4), 1);
  const all = extremes(1e-12, 1);
  // p⁵ is increasing on [0, 0.004] (its first critical point is the sup at x ≈ 0.0041): bisect p⁵ = 0.6818 there.
  let a = 0;
  let b = 0.004;
  for (let j = 0; j < 80; j++) {
    const c = (a + b) / 2;
    if (at(c) < NS5_BAND_LO) a = c;
    else b = c;
  }
  facts = { bandMin: band.min, bandMinAt: band.minAt, bandMax: band.max, bandMaxAt: band.maxAt, sup: all.max, supAt: all.maxAt, tinyEdge: a };
  return facts;
}

/* ---------- the matrix check ---------- */

function checkIn<T>(F: Field<T>, c: Ns5Case, ctx: CheckContext, treatAllAsBand = false): CaseOutcome {
  const la = ctx.impl.over(F);
  const G = toField(F, c.G);
  const N = ctx.impl.ns5(F, G);
  const { U: _U, s, V } = la.svd(G);
  const k = s.length;
  const normG = frobenius(F, G);
  const denom = F.add(normG, F.of('1e-7'));
  const u = F.unitRoundoff;
  const { m, n } = c;
  // Float error of ‖NS5(G)v_i‖ against p⁵(x_i): each of the 5 steps rounds with ≤ 8(m + n)u in spectral norm (two
  // products of k-dim matrices with entries ≤ 1.21), and later steps amplify it by |p'| ≤ 4 on [0, 1.21]: Σ 4^j ≤
  // 4^5·4/3; the SVD of G gives x_i to k·u·‖G‖/‖G‖_F, amplified by |(p⁵)'| ≤ 600 on (0, 1]; ‖N v_i‖ adds (m + n)u.
  const tol = (8 * (m + n) * 1366 + 600 * 8 * k + 8 * (m + n)) * u;
  const bounds: Bound[] = [];
  const f = scalarFacts();
  bounds.push(
    { name: 'scalar: min p⁵ on [0.01, 1] ≥ 0.6818', lhs: NS5_BAND_LO, rhs: f.bandMin, holds: NS5_BAND_LO <= f.bandMin },
    { name: 'scalar: max p⁵ on [0.01, 1] ≤ 1.1344', lhs: f.bandMax, rhs: NS5_BAND_HI, holds: f.bandMax <= NS5_BAND_HI },
    { name: 'scalar: sup p⁵ on (0, 1] ≤ 1.2024', lhs: f.sup, rhs: NS5_SUP, holds: f.sup <= NS5_SUP },
    { name: 'scalar: p⁵(x) < 0.6818 for x < 1.5e-3', lhs: NS5_TINY, rhs: f.tinyEdge, holds: NS5_TINY <= f.tinyEdge },
  );
  let mapErr = 0;
  let bandMin = Infinity;
  let bandMax = -Infinity;
  let tinyMax = -Infinity;
  const branches = new Set<string>();
  for (let i = 0; i < k; i++) {
    if (F.isZero(s[i])) continue;
    const x = F.div(s[i], denom);
    const y = F.toNumber(p5(F, x));
    // ‖N v_i‖ with v_i the i-th right singular vector of G.
    let acc = F.zero;
    for (let r = 0; r < m; r++) {
      let t = F.zero;
      for (let j = 0; j < n; j++) t = F.add(t, F.mul(N.data[r * n + j], V.data[j * k + i]));
      acc = F.add(acc, F.mul(t, t));
    }
    const out = F.toNumber(F.sqrt(acc));
    mapErr = Math.max(mapErr, Math.abs(out - y));
    const ratio = F.toNumber(F.div(s[i], normG));
    if (treatAllAsBand || ratio >= 0.01) {
      bandMin = Math.min(bandMin, out);
      bandMax = Math.max(bandMax, out);
      branches.add(ratio > 0.5 ? 'band: leading direction' : 'band: subordinate direction');
    } else if (ratio < NS5_TINY) {
      tinyMax = Math.max(tinyMax, out);
      branches.add('tiny direction (< 1.5e-3)');
    } else branches.add('between 1.5e-3 and 0.01');
  }
  const tolerance = '(8(m+n)·4^5·4/3 + 600·8k + 8(m+n))·u: 5 rounded NS steps amplified by |p′| ≤ 4, SVD error through |(p⁵)′| ≤ 600';
  bounds.push({ name: '‖NS5(G)v_i‖ = p⁵(s_i/(‖G‖_F + ε))', lhs: mapErr, rhs: tol, holds: mapErr <= tol, tolerance });
  if (bandMin < Infinity) {
    bounds.push({ name: 'band: σ ≥ 0.6818', lhs: NS5_BAND_LO, rhs: bandMin + tol, holds: NS5_BAND_LO <= bandMin + tol, tolerance });
    bounds.push({ name: 'band: σ ≤ 1.1344', lhs: bandMax, rhs: NS5_BAND_HI + tol, holds: bandMax <= NS5_BAND_HI + tol, tolerance });
  }
  if (tinyMax > -Infinity) bounds.push({ name: 'tiny: σ < 0.6818', lhs: tinyMax, rhs: NS5_BAND_LO + tol, holds: tinyMax < NS5_BAND_LO + tol, tolerance });
  const normN = op(F, N);
  // ‖N‖ from the Jacobi SVD carries another k·u on top of the map error.
  bounds.push({ name: '‖NS5(G)‖ ≤ 1.2024', lhs: normN, rhs: NS5_SUP + tol + 8 * k * u, holds: normN <= NS5_SUP + tol + 8 * k * u, tolerance });
  return {
    bounds,
    branches: [...branches],
    bins: { shape: shapeBin(m, n), k: String(Math.min(m, n)), '‖G‖_F decade': `1e${Math.floor(Math.log10(c.scale))}`, 'smallest ratio': `1e${Math.floor(Math.log10(Math.min(...c.ratios)))}` },
    trace: { ratios: c.ratios, facts: f },
  };
}

const confirmField = exactField(CONFIRM_PRECISION);

export const claim: Claim<Ns5Case> = {
  id: 'B.NS5',
  title: 'Newton–Schulz (NS5) is not msign: singular values land in [0.6818, 1.1344], ‖NS5(G)‖ ≤ 1.2024, tiny directions stay tiny',
  source: { paper: 'B', where: 'Alg. 3 (practical Muon); computed facts of the catalogue', equations: ['Alg. 3', 'p(x) = ax + bx³ + cx⁵'] },
  provenance: 'quoted',
  statement:
    'NS5(G) = U p⁵(Σ/(‖G‖_F + 1e-7)) Vᵀ with (a, b, c) = (3.4445, −4.7750, 2.0315); for s/‖G‖_F ∈ [0.01, 1] the output singular value is in [0.6818, 1.1344]; ‖NS5(G)‖ ≤ 1.2024; for s/‖G‖_F < 1.5e-3 it is < 0.6818.',
  hypotheses: [
    { name: 'm, n', text: 'G ∈ ℝ^{m×n}, any shape (NS5 transposes tall G)', domain: { kind: 'int', min: 1, max: 6 } },
    { name: 's/‖G‖_F', text: 's/‖G‖_F ∈ [0.01, 1] for the band; < 1.5e-3 for the tiny-direction fact', domain: { kind: 'real', min: 1e-5, max: 1, closed: 'both', scale: 'log' }, necessary: true },
    { name: '‖G‖_F', text: '‖G‖_F ≥ 1e-3, so that ε = 1e-7 moves x by ≤ 1e-4 relative', domain: { kind: 'real', min: 1e-3, max: 1e3, closed: 'both', scale: 'log' }, necessary: true },
  ],
  modes: ['float'],
  cases: { quick: { float: 40 }, default: { float: 300 }, deep: { float: 8000 } },
  arbitrary: () => arbitrary,
  check: (c, ctx) => (ctx.mode === 'float' ? checkIn(float64, c, ctx) : checkIn(confirmField, c, ctx)),
  confirm: (c, ctx) => checkIn(confirmField, c, ctx),
  probes: [
    {
      id: 'below-band',
      drops: 's/‖G‖_F ≥ 0.01 dropped: one direction with s/‖G‖_F ∈ [1e-5, 1.5e-3) is held to the band',
      run: ({ seed, impl }) =>
        probeSearch(arbitraryWith(logScale(1e-3, 1e3), 1e-5, 1.5e-3, true), (c) => checkIn(float64, c, { mode: 'float', impl }, true), seed, 60, 'the band [0.6818, 1.1344]'),
    },
    {
      id: 'tiny-norm',
      drops: '‖G‖_F ≥ 1e-3 dropped: ‖G‖_F ∈ [1e-10, 1e-8], where ε = 1e-7 dominates the normalisation',
      run: ({ seed, impl }) => probeSearch(arbitraryWith(logScale(1e-10, 1e-8)), (c) => checkIn(float64, c, { mode: 'float', impl }), seed, 60, 'the band [0.6818, 1.1344]'),
    },
    {
      id: 'one-step',
      drops: 'five steps dropped: NS with one step (the ns5-one-step plant)',
      run: ({ seed }) => probeSearch(arbitrary, (c) => checkIn(float64, c, { mode: 'float', impl: ns5OneStep.impl }), seed, 40, 'B.NS5 with one NS step'),
    },
  ],
  binSpace: { shape: ['square', 'tall', 'wide'], '‖G‖_F decade': ['1e-3', '1e-2', '1e-1', '1e0', '1e1', '1e2'] },
  branchSpace: ['band: leading direction', 'band: subordinate direction', 'tiny direction (< 1.5e-3)', 'between 1.5e-3 and 0.01'],
};

export default claim;
