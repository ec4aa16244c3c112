import fc, { type Arbitrary } from 'fast-check';
import { float64 } from '../../arith/float64.ts';
import { CONFIRM_PRECISION, NS5_BAND_HI, NS5_BAND_LO, NS5_SUP, NS5_TINY, ns5ScalarFacts, p5, toField } from '../../cases/quadB.ts';
import { seed } from '../../generators/dyadic.ts';
import { ns5OneStep } from '../../impl/plants.ts';
import { matmul, mat, transpose, type Mat } from '../../linalg/mat.ts';
import { NS5_EPS } from '../../linalg/ns5.ts';
import { frobenius, spectral } from '../../linalg/norms.ts';
import { haar } from '../../random/matrices.ts';
import { rng } from '../../random/rng.ts';
import { decade, decades, decimal, defineClaim, float64Field, hyp, probe, shapeBin, SHAPE_BINS } from '../kit/index.ts';

/*
 * B.NS5 — paper B Alg. 3 (practical Muon); quoted coefficients, computed facts of the catalogue.
 *
 * NS5(G) = U p⁵(Σ/(‖G‖_F + 1e-7)) Vᵀ with p(x) = 3.4445x − 4.7750x³ + 2.0315x⁵ (odd polynomial iteration: a matrix
 * function acting on singular values). The catalogue's facts, to the digits it gives:
 *   (band)  s/‖G‖_F ∈ [0.01, 1] ⇒ output singular value ∈ [0.6818, 1.1344];
 *   (sup)   ‖NS5(G)‖ ≤ 1.2024 for every G;
 *   (tiny)  s/‖G‖_F < 1.5e-3 ⇒ output singular value < 0.6818 (not orthogonalized in 5 steps).
 * Checked twice: (1) on the scalar map, measured once in high precision (critical points of p⁵ located on a grid and
 * refined, then p⁵ evaluated at 40 digits at them and at the ends: src/cases/quadB.ts); (2) on matrices:
 * ‖NS5(G)v_i‖ = p⁵(x_i) for each right singular vector v_i of G, and the facts on those values.
 * Hypothesis ‖G‖_F ≥ 1e-3 (ε/‖G‖_F ≤ 1e-4): the ε = 1e-7 of Alg. 3 then moves x by ≤ 1e-4 relative, which the
 * scalar measurement covers (it runs over [0.01·(1 − 1e-4), 1]); a probe drops it. Float64; a float failure is
 * re-checked at 40 digits.
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
  /** Every direction held to the band, tiny ones too: the probe that drops s/‖G‖_F ≥ 0.01. */
  readonly allInBand?: boolean;
}

function build(m: number, n: number, ratios: number[], scale: number, seedValue: number): Ns5Case {
  const r = rng(seedValue);
  const k = ratios.length;
  const U = haar(r.fork('U'), m, k);
  const V = haar(r.fork('V'), n, k);
  const US = mat(m, k, U.data.map((x, i) => x * ratios[i % k] * scale));
  return { m, n, ratios, scale, seed: seedValue, G: matmul(float64, US, transpose(V)) };
}

/** The sides of G: 1 … 6 (default profile); deep: 7 … 50 (the experiments' d = 50) one side in four. */
interface Sides {
  readonly side: Arbitrary<number>;
  readonly max: number;
}
const SMALL: Sides = { side: fc.integer({ min: 1, max: 6 }), max: 6 };
const LARGE: Sides = { side: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 6 }), weight: 3 }, { arbitrary: fc.integer({ min: 7, max: 50 }), weight: 1 }), max: 50 };
const SIZE_BINS = ['max(m, n) ≤ 6', 'max(m, n) 7–50'];

/**
 * k = min(m, n) ratios: the subordinate ones log-uniform in [0.01, 1/√k] (so the first, √(1 − Σ others²), is ≥ 1/√k
 * and the band's extremes x ≈ 0.901 and 0.683 are reachable), optionally one of them "tiny" in [1e-5, 1e-2).
 */
function casesWith(scale: Arbitrary<number>, tinyLo = 1e-5, tinyHi = 1e-2, forceTiny = false, sides: Sides = SMALL): Arbitrary<Ns5Case> {
  return fc
    .record({
      m: sides.side,
      n: sides.side,
      logs: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: sides.max, maxLength: sides.max }),
      tiny: forceTiny ? fc.constant(true) : fc.boolean(),
      tinyLog: fc.integer({ min: 0, max: 1000 }),
      scale,
      seed,
    })
    .filter(({ m, n }) => !forceTiny || Math.min(m, n) >= 2)
    .map(({ m, n, logs, tiny, tinyLog, scale: s, seed: sd }) => {
      const k = Math.min(m, n);
      const hi = 1 / Math.sqrt(k);
      const rest = logs.slice(0, k - 1).map((l) => 0.01 * Math.exp((l / 1000) * Math.log(hi / 0.01)));
      if (tiny && k >= 2) rest[rest.length - 1] = tinyLo * Math.exp((tinyLog / 1000) * Math.log(tinyHi / tinyLo));
      const first = Math.sqrt(Math.max(0, 1 - rest.reduce((a, x) => a + x * x, 0)));
      return build(m, n, [first, ...rest], s, sd);
    });
}

const logScale = (lo: number, hi: number): Arbitrary<number> => fc.integer({ min: 0, max: 1000 }).map((l) => lo * Math.exp((l / 1000) * Math.log(hi / lo)));
const cases = casesWith(logScale(1e-3, 1e3));
const deepCases = casesWith(logScale(1e-3, 1e3), 1e-5, 1e-2, false, LARGE);

export default defineClaim<Ns5Case>({
  id: 'B.NS5',
  title: 'Newton–Schulz (NS5) is not msign: singular values land in [0.6818, 1.1344], ‖NS5(G)‖ ≤ 1.2024, tiny directions stay tiny',
  source: { paper: 'B', where: 'Alg. 3 (practical Muon); computed facts of the catalogue', equations: ['Alg. 3', 'p(x) = ax + bx³ + cx⁵'] },
  provenance: 'quoted',
  statement:
    'NS5(G) = U p⁵(Σ/(‖G‖_F + 1e-7)) Vᵀ with (a, b, c) = (3.4445, −4.7750, 2.0315); for s/‖G‖_F ∈ [0.01, 1] the output singular value is in [0.6818, 1.1344]; ‖NS5(G)‖ ≤ 1.2024; for s/‖G‖_F < 1.5e-3 it is < 0.6818.',
  hypotheses: [
    hyp.int('m, n', 'G ∈ ℝ^{m×n}, any shape (NS5 transposes tall G): sides 1 … 6; deep: up to 50', 1, 50),
    hyp.real('s/‖G‖_F', 's/‖G‖_F ∈ [0.01, 1] for the band; < 1.5e-3 for the tiny-direction fact', 1e-5, 1, { scale: 'log', necessary: true }),
    hyp.real('‖G‖_F', '‖G‖_F ≥ 1e-3, so that ε = 1e-7 moves x by ≤ 1e-4 relative', 1e-3, 1e3, { scale: 'log', necessary: true }),
  ],
  modes: { float: float64Field },
  confirm: decimal(CONFIRM_PRECISION),
  cases: { quick: { float: 40 }, default: { float: 300 }, deep: { float: 8000 } },
  generate: (_mode, profile) => (profile === 'deep' ? deepCases : cases),

  check(c, k) {
    const { F, u, num } = k;
    const { m, n } = c;
    const G = toField(F, c.G);
    const N = k.impl.ns5(F, G);
    const { s, V } = k.la.svd(G);
    const r = s.length;
    const normG = frobenius(F, G);
    const denom = F.add(normG, F.of(NS5_EPS)); // ‖G‖_F + ε

    // (1) the scalar facts, measured once (no rounding argument needed: evaluated at 40 digits).
    const f = ns5ScalarFacts();
    k.bound('scalar: min p⁵ on [0.01, 1] ≥ 0.6818', NS5_BAND_LO, f.bandMin);
    k.bound('scalar: max p⁵ on [0.01, 1] ≤ 1.1344', f.bandMax, NS5_BAND_HI);
    k.bound('scalar: sup p⁵ on (0, 1] ≤ 1.2024', f.sup, NS5_SUP);
    k.bound('scalar: p⁵(x) < 0.6818 for x < 1.5e-3', NS5_TINY, f.tinyEdge);
    // … and the quoted constants are the extremes themselves, to the digits quoted (two-sided, not only bounds).
    k.quoted('quoted: min p⁵ on [0.01, 1] = 0.6818', f.bandMin, '0.6818');
    k.quoted('quoted: max p⁵ on [0.01, 1] = 1.1344', f.bandMax, '1.1344');
    k.quoted('quoted: sup p⁵ on (0, 1] = 1.2024', f.sup, '1.2024');

    // (2) on the matrix. Float error of ‖NS5(G)v_i‖ against p⁵(x_i): each of the 5 steps rounds with ≤ 8(m + n)u in
    // spectral norm (two products of k-dim matrices with entries ≤ 1.21), and later steps amplify it by |p'| ≤ 4 on
    // [0, 1.21]: Σ 4^j ≤ 4^5·4/3; the SVD of G gives x_i to k·u·‖G‖/‖G‖_F, amplified by |(p⁵)'| ≤ 600 on (0, 1];
    // ‖N v_i‖ adds (m + n)u.
    const tol = (8 * (m + n) * 1366 + 600 * 8 * r + 8 * (m + n)) * u;
    const why = '(8(m+n)·4^5·4/3 + 600·8k + 8(m+n))·u: 5 rounded NS steps amplified by |p′| ≤ 4, SVD error through |(p⁵)′| ≤ 600';
    for (let i = 0; i < r; i++) {
      if (F.isZero(s[i])) continue;
      const y = num(p5(F, F.div(s[i], denom))); // p⁵(s_i/(‖G‖_F + ε))
      // ‖N v_i‖ with v_i the i-th right singular vector of G.
      let acc = F.zero;
      for (let row = 0; row < m; row++) {
        let t = F.zero;
        for (let j = 0; j < n; j++) t = F.add(t, F.mul(N.data[row * n + j], V.data[j * r + i]));
        acc = F.add(acc, F.mul(t, t));
      }
      const out = num(F.sqrt(acc));
      k.equal('‖NS5(G)v_i‖ = p⁵(s_i/(‖G‖_F + ε))', out, y, { tol, why, at: i });
      const ratio = num(F.div(s[i], normG));
      if (c.allInBand || ratio >= 0.01) {
        k.bound('band: σ ≥ 0.6818', NS5_BAND_LO, out, { tol, why, at: i }); //  (band)
        k.bound('band: σ ≤ 1.1344', out, NS5_BAND_HI, { tol, why, at: i }); //  (band)
        k.branch(ratio > 0.5 ? 'band: leading direction' : 'band: subordinate direction');
      } else if (ratio < NS5_TINY) {
        k.bound('tiny: σ < 0.6818', out, NS5_BAND_LO, { tol, why, at: i, strict: true }); //   (tiny)
        k.branch('tiny direction (< 1.5e-3)');
      } else k.branch('between 1.5e-3 and 0.01');
    }
    // ‖N‖ from the Jacobi SVD carries another k·u on top of the map error.
    k.bound('‖NS5(G)‖ ≤ 1.2024', spectral(F, N), NS5_SUP, { tol: tol + 8 * r * u, why }); // (sup)

    k.bin('shape', shapeBin(m, n));
    k.bin('k', String(Math.min(m, n)));
    k.bin('size', Math.max(m, n) <= 6 ? SIZE_BINS[0]! : SIZE_BINS[1]!);
    k.bin('‖G‖_F decade', decade(c.scale, { lo: -3, hi: 2 })); // ‖G‖_F = 1e3 (the closed top end) counts in 1e2–1e3
    k.bin('smallest ratio', decade(Math.min(...c.ratios)));
    k.trace(() => ({ ratios: c.ratios, facts: f }));
  },

  probes: [
    probe({
      id: 'below-band',
      hypothesis: 's/‖G‖_F',
      drops: 's/‖G‖_F ≥ 0.01 dropped: one direction with s/‖G‖_F ∈ [1e-5, 1.5e-3) is held to the band',
      cases: casesWith(logScale(1e-3, 1e3), 1e-5, 1.5e-3, true).map((c) => ({ ...c, allInBand: true })),
      runs: 60,
      what: 'the band [0.6818, 1.1344]',
    }),
    probe({ id: 'tiny-norm', hypothesis: '‖G‖_F', drops: '‖G‖_F ≥ 1e-3 dropped: ‖G‖_F ∈ [1e-10, 1e-8], where ε = 1e-7 dominates the normalisation', cases: casesWith(logScale(1e-10, 1e-8)), runs: 60, what: 'the band [0.6818, 1.1344]' }),
    probe({ id: 'one-step', drops: 'five steps dropped: NS with one step (the ns5-one-step plant)', impl: ns5OneStep.impl, runs: 40, what: 'B.NS5 with one NS step' }),
  ],
  // The search for the worst case moves ‖G‖_F and the subordinate ratios s_i/‖G‖_F (the first completes Σ = 1) inside
  // the hypotheses: ‖G‖_F ∈ [1e-3, 1e3], each ratio in [1e-5, 1], Σ_{i>1} ratio² < 1; same shape and frames (seed).
  search: {
    params: (c) => [Math.log(c.scale), ...c.ratios.slice(1).map((x) => Math.log(x))],
    withParams(c, [logScale, ...logs]) {
      const scale = Math.exp(logScale!);
      const rest = logs.map((l) => Math.exp(l));
      const rest2 = rest.reduce((a, x) => a + x * x, 0);
      if (!(scale >= 1e-3 && scale <= 1e3) || rest.some((x) => !(x >= 1e-5 && x <= 1)) || !(rest2 < 1)) return undefined;
      return { ...build(c.m, c.n, [Math.sqrt(1 - rest2), ...rest], scale, c.seed), ...(c.allInBand ? { allInBand: true } : {}) };
    },
  },
  bins: { shape: SHAPE_BINS, '‖G‖_F decade': decades(-3, 3), size: SIZE_BINS },
  deepOnly: { size: { bins: [SIZE_BINS[1]!], why: 'cost: NS5 (5 steps of products of up to 50×50 matrices), a Jacobi SVD and a spectral norm of G up to 50×50, ~(m + n)³ each: up to ~400× a 6×6 case; deep draws a side of 7 … 50 one time in four' } },
  branches: ['band: leading direction', 'band: subordinate direction', 'tiny direction (< 1.5e-3)', 'between 1.5e-3 and 0.01'],
});
