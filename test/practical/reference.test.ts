/**
 * Practical Muon against the code it imitates. test/practical/ref_muon.py transliterates, line by line, KellerJordan/
 * Muon muon.py (commit 857d1adc) and torch/optim/_muon.py (commit b5ee4d7a) onto a minimal NumPy stand-in for torch
 * (float64 and bfloat16 with torch's rounding rules); here our ns5Reference and practicalMuon run on the same seeded
 * inputs (tall, wide and square; several steps) and must agree:
 *  - bf16 paths bit for bit. Both sides round the same operations in the same order (elementwise ops: IEEE float64
 *    then float32 then bf16 on both sides; products and norms: a float64 sum of products of bf16 numbers — each
 *    product exact in 16 bits — rounded once). The only order-dependent step is that float64 sum, exact unless its
 *    terms span more than ~33 binades, and even then off by ≤ n·2^-53 relative: it changes a bf16 result only within
 *    that distance of a rounding boundary, about n·2^-44 per entry — never on these fixed inputs (a failure here is
 *    a real difference, not noise).
 *  - float64 paths to an argued bound: NumPy's BLAS sums the products in another order (and may fuse them) and its
 *    norm is √(x·x) where ours is scaled; each step's products differ by ≤ N·u relative to the terms'
 *    |a| + |b| + |c| ≤ 10.25, and later steps amplify a difference by at most max|p′| ≤ 3.45 on the iteration's range
 *    [0, 1.21] (p(x) = ax + bx³ + cx⁵): normwise ≤ 2 · 3.45^k · k · 10.25 · N · u for k steps (both sides err),
 *    as test/linalg/ns5.test.ts argues for one side.
 * Skipped, with the reason, when python3 or numpy is missing.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bf16, float32Scalar } from '../../src/arith/bf16.ts';
import { float64 } from '../../src/arith/float64.ts';
import { fastFloat } from '../../src/linalg/fast/index.ts';
import { axpy, mat, scale, sub, type Mat } from '../../src/linalg/mat.ts';
import { frobenius } from '../../src/linalg/norms.ts';
import { ns5, ns5Reference, type MuonReference, type Ns5Options } from '../../src/linalg/ns5.ts';
import { practicalMuon, shapeScale, type PracticalMuonOptions } from '../../src/optimizers/practical-muon.ts';
import { gaussian, rng } from '../../src/random/index.ts';

const u = 2 ** -53;
const SCRIPT = fileURLToPath(new URL('./ref_muon.py', import.meta.url));

type Out = (number | string)[];
interface NsResult { X: Out }
interface OptResult { X: Out[]; update: Out[]; ratio: number[] }

function python(cases: unknown[]): { results: unknown[] } | { why: string } {
  const r = spawnSync(process.env.MUON_PYTHON ?? 'python3', [SCRIPT], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' } });
  if (r.error) return { why: `python3 is not runnable (${r.error.message})` };
  if (r.status !== 0) {
    if (/No module named .?numpy/.test(r.stderr)) return { why: 'numpy is not installed' };
    throw new Error(`ref_muon.py failed: ${r.stderr}`);
  }
  return JSON.parse(r.stdout) as { results: unknown[] };
}

const num = (x: number | string): number => (typeof x === 'number' ? x : Number(x));
const asMat = (rows: number, cols: number, xs: Out): Mat<number> => mat(rows, cols, xs.map(num));
const wire = (A: Mat<number>) => ({ rows: A.rows, cols: A.cols, data: A.data });
/** Indices where a and b differ as doubles (Object.is: −0 ≠ +0, NaN = NaN). */
const bitDiffs = (a: readonly number[], b: readonly number[]): number[] => a.flatMap((x, i) => (Object.is(x, b[i]) ? [] : [i]));
const relF = (A: Mat<number>, B: Mat<number>): number => frobenius(float64, sub(float64, A, B)) / Math.max(frobenius(float64, B), Number.MIN_VALUE);
const nsTol = (steps: number, N: number): number => 2 * 3.45 ** steps * steps * 10.25 * N * u;

const SHAPES: readonly [number, number][] = [[4, 4], [7, 3], [3, 6], [1, 5], [6, 1]];
const REFS: readonly MuonReference[] = ['kellerjordan', 'torch'];

// inputs: fixed seeds (a comparison of two implementations, independent of MUON_SEED); scales reach the ε regime
// (‖G‖_F ≈ 1e-8 < ε = 1e-7, where + ε and max(·, ε) differ) and large entries
const nsInputs = SHAPES.flatMap(([r, c], i) => [1, 1e-3, 1e3, 3e-9].map((s, j) => scale(float64, s, gaussian(rng(`ns-${i}-${j}`), r, c))));
const nsCases = nsInputs.flatMap((G) => REFS.flatMap((reference) => [5, 10].flatMap((steps) => [true, false].map((bf16) => ({ kind: 'ns', reference, steps, bf16, G })))));

const T = 6;
interface OptCase {
  readonly kind: 'opt';
  readonly reference: MuonReference;
  readonly bf16: boolean;
  readonly steps: number;
  readonly momentum: number;
  readonly weightDecay: number;
  readonly wd: string;
  readonly nesterov: boolean;
  readonly adjustLr?: 'original' | 'match_rms_adamw';
  readonly X0: Mat<number>;
  readonly grads: Mat<number>[];
  readonly lrs: number[];
}
function optCase(label: string, reference: MuonReference, bf16: boolean, [r, c]: readonly [number, number], wd: string, extra: { nesterov?: boolean; adjustLr?: 'original' | 'match_rms_adamw'; momentum?: number } = {}): OptCase {
  const g = rng(`opt-${label}`);
  return {
    kind: 'opt', reference, bf16, steps: 5, momentum: extra.momentum ?? 0.95, weightDecay: Number(wd), wd, nesterov: extra.nesterov ?? true,
    ...(extra.adjustLr ? { adjustLr: extra.adjustLr } : {}),
    X0: gaussian(g.fork('X0'), r, c),
    grads: Array.from({ length: T }, (_, t) => scale(float64, 10 ** (t % 3 - 1), gaussian(g.fork(`G${t}`), r, c))),
    lrs: Array.from({ length: T }, (_, t) => 0.02 * 0.9 ** t),
  };
}
const optCases: OptCase[] = [
  ...([[6, 3], [3, 5], [4, 4]] as const).flatMap((shape, i) =>
    REFS.flatMap((reference) =>
      [true, false].flatMap((bf16) => (reference === 'kellerjordan' ? ['0', '0.05'] : ['0.1', '0']).map((wd) => optCase(`${i}-${reference}-${bf16}-${wd}`, reference, bf16, shape, wd))),
    ),
  ),
  // torch's other options: Moonshot's adjust_lr 0.2·√max(A, B), Nesterov off, another β
  optCase('rms', 'torch', true, [6, 3], '0.1', { adjustLr: 'match_rms_adamw' }),
  optCase('rms-wide', 'torch', false, [3, 7], '0', { adjustLr: 'match_rms_adamw' }),
  optCase('no-nesterov', 'torch', true, [5, 4], '0.1', { nesterov: false, momentum: 0.9 }),
];

const py = python([
  ...nsCases.map((c) => ({ ...c, G: wire(c.G) })),
  ...optCases.map((c) => ({ ...c, X0: wire(c.X0), grads: c.grads.map(wire) })),
]);
const skip = 'why' in py ? py.why : undefined;
if (skip) console.warn(`test/practical/reference.test.ts skipped: ${skip} (python3 with numpy runs the transliterated references)`);

describe.skipIf(skip !== undefined)('Newton–Schulz of the references (zeropower_via_newtonschulz5, _zeropower_via_newtonschulz)', () => {
  const results = skip ? [] : ((py as { results: unknown[] }).results.slice(0, nsCases.length) as NsResult[]);

  it('bf16: bit for bit, every shape, scale, 5 and 10 steps', () => {
    let n = 0;
    nsCases.forEach((c, i) => {
      if (!c.bf16) return;
      const ours = ns5Reference(float64, c.G, c.reference, { steps: c.steps });
      const ref = results[i]!.X.map(num);
      expect(bitDiffs(ours.data, ref), `${c.reference} ${c.G.rows}×${c.G.cols} ‖G‖=${frobenius(float64, c.G).toExponential(1)} ${c.steps} steps`).toEqual([]);
      n++;
    });
    expect(n).toBe(SHAPES.length * 4 * 2 * 2);
  });

  it('the bit-for-bit comparison can fail: each single departure from the reference operations is caught', () => {
    // c(AA) and G·(1/(‖G‖+ε)) instead of (cA)A and G/(‖G‖+ε); a bf16 accumulator instead of a wide one; the
    // constants rounded to bf16 instead of entering as float32
    // (KellerJordan); torch's addmm steps replaced by KellerJordan's unfused ones
    const departures: Record<string, [MuonReference, Ns5Options<number>]> = {
      'paper order': ['kellerjordan', { scalar: float32Scalar, accumulate: 'float64' }],
      'bf16 accumulation': ['kellerjordan', { order: 'reference', scalar: float32Scalar }],
      'bf16 constants': ['kellerjordan', { order: 'reference', accumulate: 'float64' }],
      'torch without addmm': ['torch', { order: 'reference', normalise: 'clamp', scalar: float32Scalar, accumulate: 'float64' }],
    };
    for (const [name, [ref, o]] of Object.entries(departures)) {
      let caught = 0;
      let cases = 0;
      nsCases.forEach((c, i) => {
        if (!c.bf16 || c.reference !== ref || c.G.rows * c.G.cols < 9) return;
        const Gb = mat(c.G.rows, c.G.cols, c.G.data.map((x) => bf16.of(x)));
        const X = ns5(bf16, Gb, { ...o, steps: c.steps });
        cases++;
        if (bitDiffs(X.data, results[i]!.X.map(num)).length > 0) caught++;
      });
      expect(caught, name).toBe(cases);
    }
  });

  it('float64 (the same lines, .bfloat16() a no-op): within 2·3.45^k·k·10.25·N·u normwise', () => {
    let worst = 0;
    nsCases.forEach((c, i) => {
      if (c.bf16) return;
      const ours = ns5Reference(float64, c.G, c.reference, { steps: c.steps, precision: 'field' });
      const ref = asMat(c.G.rows, c.G.cols, results[i]!.X);
      const e = relF(ours, ref);
      worst = Math.max(worst, e / nsTol(c.steps, Math.max(c.G.rows, c.G.cols)));
      expect(e, `${c.reference} ${c.G.rows}×${c.G.cols} ${c.steps} steps`).toBeLessThanOrEqual(nsTol(c.steps, Math.max(c.G.rows, c.G.cols)));
    });
    expect(worst).toBeGreaterThan(0); // the comparison ran
  });

  it('the ε rule of each reference is the one compared: + ε (KellerJordan) and max(·, ε) (torch) differ where ‖G‖_F < ε', () => {
    const tiny = nsCases.findIndex((c) => !c.bf16 && c.steps === 5 && c.reference === 'kellerjordan' && frobenius(float64, c.G) < 1e-7);
    const G = nsCases[tiny]!.G;
    const kj = ns5Reference(float64, G, 'kellerjordan', { precision: 'field' });
    const torch = ns5Reference(float64, G, 'torch', { precision: 'field' });
    expect(relF(kj, torch)).toBeGreaterThan(0.01);
  });
});

const options = (c: OptCase, wd: string): PracticalMuonOptions => ({
  reference: c.reference, weightDecay: wd, precision: c.bf16 ? 'bf16' : 'field', nesterov: c.nesterov, momentum: String(c.momentum),
  ...(c.adjustLr ? { adjustLr: c.adjustLr } : {}),
});

describe.skipIf(skip !== undefined)('the update rule of the references (SingleDeviceMuon.step, _single_tensor_muon)', () => {
  const results = skip ? [] : ((py as { results: unknown[] }).results.slice(nsCases.length) as OptResult[]);

  it('directions: the NS update of every step bit for bit in bf16, and the shape scale / adjusted_lr ratio', () => {
    optCases.forEach((c, i) => {
      const res = results[i]!;
      const s = shapeScale(c.reference, c.X0.rows, c.X0.cols, c.adjustLr);
      // the NS output does not depend on X: with weight decay 0 the direction is s·update (torch) or update (KJ)
      const step = practicalMuon(options(c, '0')).start(fastFloat, c.X0);
      c.grads.forEach((G, t) => {
        const D = step.direction(c.X0, G);
        const U = asMat(G.rows, G.cols, res.update[t]!);
        const want = c.reference === 'torch' ? scale(float64, s, U) : U;
        const what = `${c.reference} ${G.rows}×${G.cols} bf16=${c.bf16} step ${t}`;
        if (c.bf16) expect(bitDiffs(D.data, want.data), what).toEqual([]);
        else expect(relF(D, want), what).toBeLessThanOrEqual(nsTol(5, Math.max(G.rows, G.cols)) + 4 * u);
        // torch's adjusted_lr/lr is s up to the rounding of lr·s and of the quotient
        expect(Math.abs(res.ratio[t]! - (c.reference === 'torch' ? s : 1)), what).toBeLessThanOrEqual(4 * u * s);
        if (c.adjustLr === 'match_rms_adamw') expect(s).toBe(0.2 * Math.sqrt(Math.max(G.rows, G.cols)));
      });
    });
  });

  it('iterates after each step, weight decay included: within T·4u·(|X| + η|D|) (+ the float64 NS bound)', () => {
    // ours: X ← X − η(wd·X + s·O) (the run loop's axpy); theirs: X ← X(1 − η·wd) − η·s·O. Both round each step's
    // update anew (≤ ~3u of |X| + η|D| per entry); an earlier difference is only multiplied by 1 − η·wd ≤ 1 (the
    // gradients are given, so X does not feed back into O): the differences add up over the T steps.
    optCases.forEach((c, i) => {
      const res = results[i]!;
      const opt = practicalMuon(options(c, c.wd));
      const step = opt.start(fastFloat, c.X0);
      let X = c.X0;
      let budget = 0;
      c.grads.forEach((G, t) => {
        const D = step.direction(X, G);
        const eta = c.lrs[t]!;
        X = axpy(float64, X, -eta, D);
        const ref = asMat(X.rows, X.cols, res.X[t]!);
        const big = Math.max(...X.data.map(Math.abs)) + eta * Math.max(...D.data.map(Math.abs));
        budget += 4 * u * big + (c.bf16 ? 0 : eta * nsTol(5, Math.max(X.rows, X.cols)) * Math.sqrt(X.rows * X.cols) * Math.max(...D.data.map(Math.abs)));
        const worst = Math.max(...X.data.map((x, k) => Math.abs(x - ref.data[k]!)));
        expect(worst, `${c.reference} ${X.rows}×${X.cols} bf16=${c.bf16} wd=${c.wd} step ${t}`).toBeLessThanOrEqual(budget);
      });
    });
  });
});
