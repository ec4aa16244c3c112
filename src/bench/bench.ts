import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Matrix, SVD } from 'ml-matrix';
import seedrandom from 'seedrandom';
import { exactField } from '../arith/exact.ts';
import { proveExact } from '../arith/exactness.ts';
import type { Field } from '../arith/field.ts';
import { float64 } from '../arith/float64.ts';
import { defaultEngine, fastFloat, mfGradFast, msignFast, newArray } from '../linalg/fast/index.ts';
import { fromRows, mat, type Mat } from '../linalg/mat.ts';
import { defaultRankCutoff, msign } from '../linalg/msign.ts';
import { matrixFactorization } from '../problems/mf.ts';
import { confirmationRows, type ConfirmRow } from './confirm.ts';
import { measureNumpy, type NumpyTiming } from './numpy.ts';
import { throughputRows, wallTimeRows, type ThroughputRow, type WallTimeRow } from './throughput.ts';

/**
 * `npm run bench` (product.md, Performance): ms per simplified-Muon matrix-factorisation step
 * G = (UUᵀ − M*)U, U ← U − η·msign(G) on the float hot path, against NumPy/LAPACK measured in the same run (numpy.ts;
 * numerics.md's reference figures where NumPy is missing) and against the plain ml-matrix SVD route; the cost of
 * exact (decimal) mode; the confirmation ladder's cost on four cases (confirm.ts); the throughput of every claim in
 * the default and deep profiles and the wall time of npm test, npm run check and reproduce all (throughput.ts).
 * Which of these run: `suites` (BENCH_SUITES; all by default, `quick` leaves out the wall times).
 *
 * Clock: CPU time of the process (process.cpuUsage), not wall time — the machine is shared (2 cores, other jobs),
 * and CPU time is what a step costs; NumPy is timed the same way (time.process_time, one BLAS thread). The wall
 * times of the long commands are wall times.
 *
 * Routes:
 *  - 'fast': matrixFactorization(fastFloat, {V, lambdas}, k).grad — the factored gradient U(UᵀU) − V(Λ(VᵀU)),
 *    O(dk² + dkr) — and msignFast (WASM SIMD kernels, Gram-preconditioned Jacobi);
 *  - 'fast-fused-grad': the same step with the factored gradient computed by mfGradFast (one pass over the heap,
 *    bit-identical to the problem's grad; not yet called by mf.ts, which needs a hook for it): what wiring it in buys;
 *  - 'fast-dense': the same with a dense target ({M}), whose gradient pays O(d²k): shows what the factored gradient
 *    saves;
 *  - 'ml-matrix-svd': dense M*, (UUᵀ − M*)U with ml-matrix Matrix products and msign through ml-matrix's SVD — the
 *    plain route a straightforward implementation would take.
 * Timing: warm-up, then `repeats` timed blocks of enough steps for ≥ minBlockMs each (performance.now()); the row
 * reports the median block. The machine may be shared: medians, not means, and a ratio measured within one run.
 */

export interface BenchOptions {
  /** Shorter blocks and fewer repeats (a smoke run): the figures are noisier. */
  readonly quick?: boolean;
  /** Minimum duration of one timed block (default 200 ms, quick 40 ms). */
  readonly minBlockMs?: number;
  /** Timed blocks per case (default 5, quick 3); the median is reported. */
  readonly repeats?: number;
  /** Shapes d×k (default: the numerics.md table). */
  readonly shapes?: readonly (readonly [number, number])[];
  /** Seed of the problem instances (default 1). */
  readonly seed?: number;
  /** Include the exact-mode rows (default true; same as leaving 'exact' out of suites). */
  readonly exact?: boolean;
  /** What to measure (default: every suite; with `quick`, every suite but 'walltime'). */
  readonly suites?: readonly BenchSuite[];
  /** Engine time limit per claim and profile for the throughput suite (default 3000 ms, quick 500 ms). */
  readonly throughputBudgetMs?: number;
  /** Progress lines (the CLI prints them). */
  readonly onProgress?: (line: string) => void;
}

/** steps: the MF step routes; numpy: NumPy in the same run; exact: decimal mode; confirm: the ladder; throughput: cases/s per claim; walltime: npm test, check, reproduce all. */
export const BENCH_SUITES = ['steps', 'numpy', 'exact', 'confirm', 'throughput', 'walltime'] as const;
export type BenchSuite = (typeof BENCH_SUITES)[number];

/**
 * The value of a `--suites` option: a comma-separated list of BENCH_SUITES, or 'all'; a leading '-' on every item
 * excludes them from all instead ('-walltime,-throughput'). Throws a RangeError naming the unknown suite.
 */
export function parseSuites(text: string): BenchSuite[] {
  const items = text.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (items.length === 0) throw new RangeError(`--suites: give some of ${BENCH_SUITES.join(', ')} (or all)`);
  if (items.length === 1 && items[0] === 'all') return [...BENCH_SUITES];
  const known = (x: string): x is BenchSuite => (BENCH_SUITES as readonly string[]).includes(x);
  const names = items.map((x) => (x.startsWith('-') ? x.slice(1) : x));
  const bad = names.find((x) => !known(x));
  if (bad !== undefined) throw new RangeError(`--suites: unknown suite "${bad}" (allowed: ${BENCH_SUITES.join(', ')}, all)`);
  const excluding = items.every((x) => x.startsWith('-'));
  if (!excluding && items.some((x) => x.startsWith('-'))) throw new RangeError('--suites: list suites to run, or suites to leave out (each with a leading -), not both');
  return excluding ? BENCH_SUITES.filter((x) => !names.includes(x)) : BENCH_SUITES.filter((x) => names.includes(x));
}

export type MfRoute = 'fast' | 'fast-fused-grad' | 'fast-dense' | 'ml-matrix-svd';

export interface MfStepRow {
  readonly case: 'muon-mf-step';
  readonly d: number;
  readonly k: number;
  /** Rank of M* (min(5, d)). */
  readonly r: number;
  readonly route: MfRoute;
  readonly msPerStep: number;
  /**
   * NumPy/LAPACK ms per step for the same gradient form (factored for 'fast', dense otherwise), measured in this run
   * when NumPy is present (numpySource 'same-run'), else numerics.md's dense reference ('numerics.md'), or null.
   */
  readonly numpyMs: number | null;
  readonly numpySource: 'same-run' | 'numerics.md' | null;
  readonly ratioToNumpy: number | null;
  /** NumPy's dense-gradient step measured in this run (numerics.md's definition of the step), or null. */
  readonly numpyDenseMs: number | null;
  /** msPerStep / the ml-matrix-svd route's msPerStep at this shape, same run. */
  readonly ratioToSvdRoute: number | null;
}

export interface ExactScalarRow {
  readonly case: 'exact-scalar-step';
  readonly precision: number;
  readonly msPerStep: number;
}

export interface ExactMsignRow {
  readonly case: 'exact-msign';
  readonly d: number;
  readonly k: number;
  readonly precision: number;
  readonly msPerCall: number;
}

export interface ExactConfirmationRow {
  readonly case: 'exact-confirmation';
  /** Steps of the scalar recursion. */
  readonly steps: number;
  readonly precision: number;
  /** proveExact: the run at P and at 2P, compared. */
  readonly exactMs: number;
  /** The same recursion in float64. */
  readonly floatMs: number;
  readonly ratio: number;
}

export interface NumpyInfoRow {
  readonly case: 'numpy';
  /** NumPy's version, or null when it could not run (then `why`). */
  readonly version: string | null;
  readonly why?: string;
}

export type BenchRow = MfStepRow | ExactScalarRow | ExactMsignRow | ExactConfirmationRow | NumpyInfoRow | ConfirmRow | ThroughputRow | WallTimeRow;

/** NumPy/LAPACK ms per step on this machine kind (numerics.md). */
export const NUMPY_MS: Readonly<Record<string, number>> = { '20x4': 0.042, '100x5': 0.078, '100x20': 0.14, '200x10': 0.17, '100x100': 1.5 };
export const DEFAULT_SHAPES: readonly (readonly [number, number])[] = [
  [20, 4],
  [100, 5],
  [100, 20],
  [200, 10],
  [100, 100],
];
/** Step size of the benchmarked Muon steps (λ ∈ [0.5, 1], so U stays O(1) and G never vanishes). */
const ETA = 0.01;

// ------------------------------------------------------------------------------------------------------ timing

interface Timing {
  minBlockMs: number;
  repeats: number;
}

/** CPU time of this process in ms (user + system). */
export function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/** Median CPU ms per call of `step` over `repeats` blocks of ≥ minBlockMs each, after a warm-up. */
export function timePerCall(step: () => void, t: Timing): number {
  // warm-up (JIT tiers, WebAssembly tier-up, caches): at least 20 calls and max(25% of a block, 30 ms)
  const w0 = cpuMs();
  const warmMs = Math.max(t.minBlockMs / 4, 30);
  let calls = 0;
  while (calls < 20 || cpuMs() - w0 < warmMs) {
    step();
    calls++;
  }
  const per = (cpuMs() - w0) / calls;
  const n = Math.max(1, Math.ceil(t.minBlockMs / Math.max(per, 1e-6)));
  const blocks: number[] = [];
  for (let r = 0; r < t.repeats; r++) {
    const t0 = cpuMs();
    for (let i = 0; i < n; i++) step();
    blocks.push((cpuMs() - t0) / n);
  }
  blocks.sort((a, b) => a - b);
  return blocks[Math.floor(blocks.length / 2)];
}

// --------------------------------------------------------------------------------------------- problem instances

export interface MfInstance {
  d: number;
  k: number;
  r: number;
  V: Mat<number>;
  lambdas: number[];
  M: Mat<number>;
  U0: Mat<number>;
}

function gaussian(rand: () => number): number {
  for (;;) {
    const u = 2 * rand() - 1;
    const v = 2 * rand() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** d×r with orthonormal columns: Gram–Schmidt (twice) on a Gaussian matrix. */
function orthonormalColumns(rand: () => number, d: number, r: number): Mat<number> {
  const cols: number[][] = [];
  for (let j = 0; j < r; j++) {
    const v = Array.from({ length: d }, () => gaussian(rand));
    for (let pass = 0; pass < 2; pass++) {
      for (const q of cols) {
        let dot = 0;
        for (let i = 0; i < d; i++) dot += q[i] * v[i];
        for (let i = 0; i < d; i++) v[i] -= dot * q[i];
      }
    }
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    cols.push(v.map((x) => x / norm));
  }
  return mat(d, r, Array.from({ length: d * r }, (_, idx) => cols[idx % r][Math.floor(idx / r)]));
}

export function mfInstance(seed: number, d: number, k: number): MfInstance {
  const rand = seedrandom(`bench-${seed}-${d}x${k}`);
  const r = Math.min(5, d);
  const V = orthonormalColumns(rand, d, r);
  const lambdas = Array.from({ length: r }, (_, j) => 1 - (0.5 * j) / Math.max(1, r - 1));
  const M = new Array<number>(d * d).fill(0);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let s = 0;
      for (let l = 0; l < r; l++) s += V.data[i * r + l] * lambdas[l] * V.data[j * r + l];
      M[i * d + j] = s;
      M[j * d + i] = s;
    }
  }
  const U0 = mat(d, k, Array.from({ length: d * k }, () => gaussian(rand) / Math.sqrt(d)));
  return { d, k, r, V, lambdas, M: mat(d, d, M), U0 };
}

// --------------------------------------------------------------------------------------------------- the routes

/** One step closure per route, each owning its iterate (reset to U0 when created). */
function fastStep(inst: MfInstance, dense: boolean, fused = false): () => void {
  const problem = dense
    ? matrixFactorization(fastFloat, { M: inst.M }, inst.k)
    : matrixFactorization(fastFloat, { V: inst.V, lambdas: inst.lambdas }, inst.k);
  const VL = mat(inst.d, inst.r, inst.V.data.map((x, i) => x * inst.lambdas[i % inst.r]));
  let U = inst.U0;
  return () => {
    const G = fused ? mfGradFast(U, inst.V, VL) : problem.grad(U);
    const Q = msignFast(G);
    const u = U.data;
    const q = Q.data;
    const next = newArray(u.length);
    for (let i = 0; i < u.length; i++) next[i] = u[i] - ETA * q[i];
    U = mat(U.rows, U.cols, next);
  };
}

function toMatrix(A: Mat<number>): Matrix {
  const rows: number[][] = [];
  for (let i = 0; i < A.rows; i++) rows.push(A.data.slice(i * A.cols, (i + 1) * A.cols));
  return new Matrix(rows);
}

/** msign through ml-matrix's SVD with Matrix operations only (the baseline route). */
export function msignMlMatrixOps(G: Matrix, cutoff: number): Matrix {
  const m = G.rows;
  const n = G.columns;
  const sv = new SVD(G, { autoTranspose: true });
  const s = sv.diagonal;
  let smax = 0;
  for (const x of s) if (x > smax) smax = x;
  let r = 0;
  while (r < s.length && s[r] > cutoff * smax && s[r] > 0) r++;
  if (r === 0) return Matrix.zeros(m, n);
  const Ur = sv.leftSingularVectors.subMatrix(0, m - 1, 0, r - 1);
  const Vr = sv.rightSingularVectors.subMatrix(0, n - 1, 0, r - 1);
  return Ur.mmul(Vr.transpose());
}

function mlMatrixStep(inst: MfInstance): () => void {
  const M = toMatrix(inst.M);
  let U = toMatrix(inst.U0);
  const cutoff = defaultRankCutoff(float64, inst.d, inst.k);
  return () => {
    const R = U.mmul(U.transpose()).sub(M); // sub is in place on the fresh product
    const G = R.mmul(U);
    const Q = msignMlMatrixOps(G, cutoff);
    U = U.sub(Q.mul(ETA));
  };
}

// ------------------------------------------------------------------------------------------------- exact mode

/** The scalar recursion (27) σ ← σ − η sign(σ³ − λσ), η ← ρη, `steps` steps, in any field. */
function scalarRun<T>(F: Field<T>, steps: number): T[] {
  let s = F.of('1.5');
  const lambda = F.of('1');
  let eta = F.of('0.3');
  const rho = F.of('0.67');
  const out: T[] = [];
  for (let t = 0; t < steps; t++) {
    s = F.sub(s, F.mul(eta, F.sign(F.sub(F.mul(F.mul(s, s), s), F.mul(lambda, s)))));
    eta = F.mul(eta, rho);
    out.push(s);
  }
  return out;
}

const EXACT_PRECISION = 200;
const EXACT_STEPS = 100; // ρ^t with ρ = 0.67 needs about 2t digits (numerics.md): 100 steps are exact at 200 digits
const MSIGN_PRECISION = 50;

function exactRows(t: Timing): BenchRow[] {
  const rows: BenchRow[] = [];
  const E = exactField(EXACT_PRECISION);
  const msScalarRun = timePerCall(() => scalarRun(E, EXACT_STEPS), t);
  rows.push({ case: 'exact-scalar-step', precision: EXACT_PRECISION, msPerStep: msScalarRun / EXACT_STEPS });

  const E50 = exactField(MSIGN_PRECISION);
  const G = fromRows(E50, [
    ['0.3', '-1.2', '0.5'],
    ['1.1', '0.25', '-0.7'],
    ['-0.4', '0.9', '1.3'],
    ['0.6', '-0.15', '0.2'],
    ['-1.05', '0.45', '-0.35'],
    ['0.8', '1.4', '0.05'],
  ]);
  rows.push({ case: 'exact-msign', d: 6, k: 3, precision: MSIGN_PRECISION, msPerCall: timePerCall(() => msign(E50, G), t) });

  const exactMs = timePerCall(
    () => proveExact(EXACT_PRECISION, (F) => scalarRun(F, EXACT_STEPS), (xs) => xs),
    { minBlockMs: t.minBlockMs, repeats: Math.min(3, t.repeats) },
  );
  const floatMs = timePerCall(() => scalarRun(float64, EXACT_STEPS), t);
  rows.push({ case: 'exact-confirmation', steps: EXACT_STEPS, precision: EXACT_PRECISION, exactMs, floatMs, ratio: exactMs / floatMs });
  return rows;
}

// ---------------------------------------------------------------------------------------------------- the run

export async function runBench(options: BenchOptions = {}): Promise<BenchRow[]> {
  const quick = options.quick ?? false;
  const t: Timing = {
    minBlockMs: options.minBlockMs ?? (quick ? 40 : 200),
    repeats: options.repeats ?? (quick ? 3 : 5),
  };
  const suites = new Set<BenchSuite>(options.suites ?? BENCH_SUITES.filter((x) => !(quick && x === 'walltime')));
  if (options.exact === false) suites.delete('exact');
  const say = options.onProgress ?? ((): void => {});
  const seed = options.seed ?? 1;
  const rows: BenchRow[] = [];
  const breathe = (): Promise<unknown> => new Promise((resolve) => setImmediate(resolve));
  if (suites.has('steps')) {
    const shapes = options.shapes ?? DEFAULT_SHAPES;
    const instances = shapes.map(([d, k]) => mfInstance(seed, d, k));
    let numpy: NumpyTiming[] | null = null;
    if (suites.has('numpy')) {
      say('NumPy: measuring the same steps (python3, one BLAS thread)');
      const np = measureNumpy(instances, { ...t, eta: ETA });
      if ('why' in np) rows.push({ case: 'numpy', version: null, why: np.why });
      else {
        rows.push({ case: 'numpy', version: np.version });
        numpy = [...np.results];
      }
    }
    // Warm both routes up once on a mid-size case, so that the first measured case does not pay for V8's tier-up of
    // the JS and WebAssembly code (quick mode's short warm-ups alone would not cover it).
    const warm = mfInstance(seed, 60, 12);
    timePerCall(fastStep(warm, false), { minBlockMs: 40, repeats: 1 });
    timePerCall(mlMatrixStep(warm), { minBlockMs: 40, repeats: 1 });
    for (const inst of instances) {
      const { d, k } = inst;
      say(`MF step ${d}×${k}`);
      const ref = NUMPY_MS[`${d}x${k}`] ?? null;
      const np = numpy?.find((x) => x.d === d && x.k === k);
      const ms: Record<MfRoute, number> = {
        'ml-matrix-svd': timePerCall(mlMatrixStep(inst), t),
        fast: timePerCall(fastStep(inst, false), t),
        'fast-fused-grad': timePerCall(fastStep(inst, false, true), t),
        'fast-dense': timePerCall(fastStep(inst, true), t),
      };
      for (const route of ['fast', 'fast-fused-grad', 'fast-dense', 'ml-matrix-svd'] as const) {
        const numpyMs = np ? (route === 'fast' || route === 'fast-fused-grad' ? np.factoredMs : np.denseMs) : ref;
        rows.push({
          case: 'muon-mf-step',
          d,
          k,
          r: inst.r,
          route,
          msPerStep: ms[route],
          numpyMs,
          numpySource: np ? 'same-run' : ref === null ? null : 'numerics.md',
          ratioToNumpy: numpyMs === null ? null : ms[route] / numpyMs,
          numpyDenseMs: np ? np.denseMs : null,
          ratioToSvdRoute: ms[route] / ms['ml-matrix-svd'],
        });
      }
      // let the event loop breathe between cases (the CLI may print progress)
      await breathe();
    }
  }
  if (suites.has('exact')) {
    say('exact (decimal) mode');
    rows.push(...exactRows(t));
  }
  if (suites.has('confirm')) {
    say('confirmation ladder: four cases');
    rows.push(...confirmationRows((step) => timePerCall(step, { minBlockMs: Math.min(t.minBlockMs, 100), repeats: Math.min(t.repeats, 3) })));
    await breathe();
  }
  if (suites.has('throughput')) {
    const budgetMs = options.throughputBudgetMs ?? (quick ? 500 : 3000);
    say(`throughput: every claim, default and deep profiles, ${budgetMs} ms each`);
    rows.push(...throughputRows({ budgetMs, seed, onRow: (r) => say(`  ${r.profile} ${r.claim}: ${fmt(r.casesPerSecond)} cases/s`) }));
  }
  if (suites.has('walltime')) {
    say('wall time of npm test, npm run check, reproduce all (minutes)');
    rows.push(...wallTimeRows(undefined, (r) => say(`  ${r.command}: ${r.seconds.toFixed(1)} s (exit ${r.exitCode})`)));
  }
  return rows;
}

// ------------------------------------------------------------------------------------------------------ output

function fmt(x: number | null, digits = 3): string {
  if (x === null) return '—';
  if (x === 0) return '0';
  return x >= 100 ? x.toFixed(0) : x >= 1 ? x.toPrecision(digits) : x.toPrecision(digits - 1);
}

function table(header: string[], body: string[][]): string {
  const w = header.map((h, j) => Math.max(h.length, ...body.map((r) => r[j].length)));
  const line = (r: string[]): string => r.map((c, j) => (j < 2 ? c.padEnd(w[j]) : c.padStart(w[j]))).join('  ');
  return [line(header), w.map((n) => '-'.repeat(n)).join('  '), ...body.map(line)].join('\n');
}

export function formatBenchTable(rows: readonly BenchRow[]): string {
  const out: string[] = [];
  const mf = rows.filter((r): r is MfStepRow => r.case === 'muon-mf-step');
  if (mf.length > 0) {
    const np = rows.find((r): r is NumpyInfoRow => r.case === 'numpy');
    const src = mf.some((r) => r.numpySource === 'same-run')
      ? `NumPy ${np?.version ?? ''} measured in this run (same instances, one BLAS thread; the fast routes against NumPy's factored gradient, the dense routes against its dense one — numerics.md's step)`
      : `NumPy = numerics.md reference${np?.why ? ` (${np.why})` : ''}`;
    out.push(`Simplified Muon MF step, float64, CPU ms (fast kernels: ${defaultEngine.name}); ${src}`);
    out.push(
      table(
        ['d×k', 'route', 'r', 'ms/step', 'NumPy ms', '× NumPy', '× NumPy dense', '× ml-matrix SVD'],
        mf.map((r) => [`${r.d}×${r.k}`, r.route, String(r.r), fmt(r.msPerStep), fmt(r.numpyMs), fmt(r.ratioToNumpy), fmt(r.numpyDenseMs === null ? null : r.msPerStep / r.numpyDenseMs), fmt(r.ratioToSvdRoute)]),
      ),
    );
  }
  const conf = rows.filter((r): r is ConfirmRow => r.case === 'confirmation');
  if (conf.length > 0) {
    out.push('', 'Confirmation ladder (float64 → double-double → decimal 50/100 digits → rational), CPU ms');
    out.push(
      table(
        ['case', 'question', 'decided by', 'decision', 'error bound', 'float ms', 'confirm ms', '× float'],
        conf.map((r) => [r.id, r.scenario, r.rung ?? 'none', r.decision ?? '—', r.errorBound === null ? '—' : r.errorBound.toExponential(1), fmt(r.floatMs), fmt(r.confirmMs), fmt(r.ratio)]),
      ),
    );
  }
  const tp = rows.filter((r): r is ThroughputRow => r.case === 'throughput');
  if (tp.length > 0) {
    out.push('', 'Throughput: random cases per second of engine time (no probes; * = cut short by the bench budget)');
    const ids = [...new Set(tp.map((r) => r.claim))];
    const cell = (id: string, p: 'default' | 'deep'): string => {
      const r = tp.find((x) => x.claim === id && x.profile === p);
      return r ? `${fmt(r.casesPerSecond)}${r.cutShort ? '*' : ''} (${r.cases})` : '—';
    };
    out.push(table(['claim', 'default: cases/s (cases)', 'deep: cases/s (cases)'], ids.map((id) => [id, cell(id, 'default'), cell(id, 'deep')])));
  }
  const wt = rows.filter((r): r is WallTimeRow => r.case === 'walltime');
  if (wt.length > 0) {
    out.push('', 'Wall time');
    for (const r of wt) out.push(`  ${r.command}: ${r.seconds.toFixed(1)} s${r.exitCode === 0 ? '' : ` (exit ${r.exitCode})`}`);
  }
  const ex = rows.filter((r) => r.case === 'exact-scalar-step' || r.case === 'exact-msign' || r.case === 'exact-confirmation');
  if (ex.length > 0) {
    out.push('', 'Exact (decimal) mode');
    for (const r of ex) {
      if (r.case === 'exact-scalar-step') out.push(`  scalar recursion step at ${r.precision} digits: ${fmt(r.msPerStep)} ms/step`);
      else if (r.case === 'exact-msign') out.push(`  generic msign, ${r.d}×${r.k} at ${r.precision} digits: ${fmt(r.msPerCall)} ms/call`);
      else if (r.case === 'exact-confirmation')
        out.push(
          `  exact confirmation of ${r.steps} scalar steps (proveExact: ${r.precision} and ${2 * r.precision} digits): ` +
            `${fmt(r.exactMs)} ms vs ${fmt(r.floatMs, 2)} ms in float64 (×${fmt(r.ratio)})`,
        );
    }
  }
  return out.join('\n');
}

/** Writes the rows as a JSON array (temp file + rename, so readers never see half a file). */
export function writeBenchJson(rows: readonly BenchRow[], path = 'reports/bench.json'): string {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  // A bare array of rows, the format the issue fixes; the kernel engine is named in the printed table.
  writeFileSync(tmp, `${JSON.stringify(rows, null, 2)}\n`);
  renameSync(tmp, path);
  return path;
}
