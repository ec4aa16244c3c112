/*
 * The measurements behind docs/findings/fig2.md: where Muon on P.icl (Fig. 2) reaches ‖W − Σ⁻¹‖_F/‖Σ⁻¹‖_F ≤ 1e-10 in
 * float64 as a function of the schedule, and how fast off-aligned perturbations grow. Prints Markdown tables and the
 * wall time; --json FILE also writes the numbers.
 *
 *   npx tsx scripts/fig2-sweep.ts geo      [--d 20] [--seeds 1-5] [--kappas 10,100,1000] [--rhos 0.5,…] [--Cs 0.5,…] [--steps 1500]
 *   npx tsx scripts/fig2-sweep.ts plateau  [--d 20] [--seeds 1-5] [--kappas …] [--factors 0.5,0.3,0.1] [--patience 1,2,3,5,10,20] [--steps 3000]
 *   npx tsx scripts/fig2-sweep.ts seeds    [--d 8] [--seeds 1-100] [--kappas 2,10,30,100,1000] [--rho 0.5] [--Cs 0.5] [--steps 80]
 *   npx tsx scripts/fig2-sweep.ts growth   [--d 20] [--seed 1] [--kappas …] [--rhos …] [--Cs 0.5,1]
 *   npx tsx scripts/fig2-sweep.ts fd       (the block Jacobian against finite differences in decimal(40))
 *   npx tsx scripts/fig2-sweep.ts precision (float64 vs double-double reruns of chosen cases)
 *
 * Run it niced on a shared machine: nice -n 10 npx tsx scripts/fig2-sweep.ts …
 */
import { writeFileSync } from 'node:fs';
import { doubleDouble } from '../src/arith/double-double.ts';
import { exactField } from '../src/arith/exact.ts';
import { float64 } from '../src/arith/float64.ts';
import { reference } from '../src/impl/impl.ts';
import {
  blockJacobian,
  finiteDifferenceBlock,
  iclLambdas,
  linearisedGrowth,
  observeOffAligned,
  observedGrowth,
  perStepOver,
  rerunInField,
  scalarTrajectory,
  stepsToEta,
} from '../src/reproduce/fig2-stability.ts';
import { fastRun, iclInstance, itersTo, optimizerOf, type ScheduleSettings } from '../src/reproduce/runner.ts';

const TARGET = 1e-10;
const impl = reference;

function args(): { cmd: string; o: Map<string, string> } {
  const [cmd = 'help', ...rest] = process.argv.slice(2);
  const o = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) o.set(rest[i]!.replace(/^--/, ''), rest[i + 1] ?? '');
  return { cmd, o };
}
const nums = (s: string): number[] => s.split(',').map(Number);
function seedsOf(s: string): number[] {
  const m = /^(\d+)-(\d+)$/.exec(s);
  if (m) return Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, i) => Number(m[1]) + i);
  return nums(s);
}
const e1 = (x: number): string => (x === 0 ? '0' : x.toExponential(0).replace('e-', 'e-').replace('e+0', ''));
const f2 = (x: number | null): string => (x === null ? '—' : x.toFixed(2));

interface Cell {
  readonly reached: number;
  readonly n: number;
  readonly maxSteps: number | null;
  /** min error over the run, per seed */
  readonly floors: number[];
}

function runCell(d: number, kappa: number, seeds: readonly number[], schedule: ScheduleSettings, steps: number): Cell {
  let reached = 0;
  let maxSteps: number | null = null;
  const floors: number[] = [];
  for (const seed of seeds) {
    const { fp, x0 } = iclInstance(impl, { d, kappa, seed });
    const r = fastRun({ fp, optimizer: optimizerOf(impl, 'muon'), schedule, x0, steps }, impl);
    const it = itersTo(r.errors, TARGET);
    floors.push(Math.min(...r.errors));
    if (it !== null) {
      reached++;
      maxSteps = Math.max(maxSteps ?? 0, it);
    }
  }
  return { reached, n: seeds.length, maxSteps, floors };
}

/** "5/5 ≤35", "0/5 stall 2e-4…3e-3", "3/5 ≤41, worst 5e-10". */
function fmtCell(c: Cell): string {
  const lo = Math.min(...c.floors);
  const hi = Math.max(...c.floors);
  if (c.reached === c.n) return `${c.reached}/${c.n} ≤${c.maxSteps}`;
  if (c.reached === 0) return `0/${c.n} stall ${lo === hi ? e1(hi) : `${e1(lo)}…${e1(hi)}`}`;
  return `${c.reached}/${c.n} ≤${c.maxSteps}, worst ${e1(hi)}`;
}

const out: Record<string, unknown> = {};

function geoSweep(o: Map<string, string>): void {
  const d = Number(o.get('d') ?? 20);
  const seeds = seedsOf(o.get('seeds') ?? '1-5');
  const kappas = nums(o.get('kappas') ?? '10,100,1000');
  const rhos = nums(o.get('rhos') ?? '0.5,0.6,0.7,0.8,0.9,0.95');
  const Cs = nums(o.get('Cs') ?? '0.5,0.7,1,2,4');
  const steps = Number(o.get('steps') ?? 1500);
  console.log(`\n### S.geo η_t = Cρ^t, d = ${d}, seeds ${o.get('seeds') ?? '1-5'}, budget ${steps} steps, W₀ = 0, float64\n`);
  console.log('Cell: seeds that reached 1e-10 / seeds, then the largest step count to 1e-10 (≤n), or the stall level (smallest error of the run, over the seeds).\n');
  console.log(`| ρ | C | ${kappas.map((k) => `κ = ${k}`).join(' | ')} |`);
  console.log(`|---|---|${kappas.map(() => '---').join('|')}|`);
  const rows: unknown[] = [];
  for (const rho of rhos) {
    for (const C of Cs) {
      const cells = kappas.map((kappa) => runCell(d, kappa, seeds, { kind: 'geo', C, scale: 1, rho }, steps));
      rows.push({ rho, C, cells: cells.map((c, i) => ({ kappa: kappas[i], ...c })) });
      console.log(`| ${rho} | ${C} | ${cells.map(fmtCell).join(' | ')} |`);
    }
  }
  out.geo = { d, seeds, steps, rows };
}

function plateauSweep(o: Map<string, string>): void {
  const d = Number(o.get('d') ?? 20);
  const seeds = seedsOf(o.get('seeds') ?? '1-5');
  const kappas = nums(o.get('kappas') ?? '10,100,1000');
  const factors = nums(o.get('factors') ?? '0.5,0.3,0.1');
  const patiences = nums(o.get('patience') ?? '1,2,3,5,10,20');
  const steps = Number(o.get('steps') ?? 3000);
  const eta0 = Number(o.get('eta0') ?? 1);
  const threshold = Number(o.get('threshold') ?? 1e-4);
  console.log(`\n### Plateau rule (η ← factor·η after \`patience\` steps without a ${threshold} relative improvement of f; η₀ = ${eta0}), d = ${d}, seeds ${o.get('seeds') ?? '1-5'}, budget ${steps}, float64\n`);
  console.log(`| factor | patience | ${kappas.map((k) => `κ = ${k}`).join(' | ')} |`);
  console.log(`|---|---|${kappas.map(() => '---').join('|')}|`);
  const rows: unknown[] = [];
  for (const factor of factors) {
    for (const patience of patiences) {
      const cells = kappas.map((kappa) => runCell(d, kappa, seeds, { kind: 'plateau', eta0, factor, patience, threshold }, steps));
      rows.push({ factor, patience, cells: cells.map((c, i) => ({ kappa: kappas[i], ...c })) });
      console.log(`| ${factor} | ${patience} | ${cells.map(fmtCell).join(' | ')} |`);
    }
  }
  out.plateau = { d, seeds, steps, eta0, threshold, rows };
}

function seedSweep(o: Map<string, string>): void {
  const d = Number(o.get('d') ?? 8);
  const seeds = seedsOf(o.get('seeds') ?? '1-100');
  const kappas = nums(o.get('kappas') ?? '2,10,30,100,1000');
  const rho = Number(o.get('rho') ?? 0.5);
  const Cs = nums(o.get('Cs') ?? '0.5');
  const steps = Number(o.get('steps') ?? 80);
  console.log(`\n### Many seeds: η_t = Cρ^t, ρ = ${rho}, d = ${d}, seeds ${o.get('seeds') ?? '1-100'}, budget ${steps} steps, float64\n`);
  console.log('| C | κ | reached 1e-10 | most steps | median smallest error | worst smallest error (seed) |');
  console.log('|---|---|---|---|---|---|');
  const rows: unknown[] = [];
  for (const C of Cs) {
    for (const kappa of kappas) {
      const c = runCell(d, kappa, seeds, { kind: 'geo', C, scale: 1, rho }, steps);
      const sorted = [...c.floors].sort((a, b) => a - b);
      const worst = Math.max(...c.floors);
      const worstSeed = seeds[c.floors.indexOf(worst)];
      rows.push({ C, kappa, ...c, floors: undefined, median: sorted[Math.floor(sorted.length / 2)], worst, worstSeed });
      console.log(`| ${C} | ${kappa} | ${c.reached}/${c.n} | ${c.maxSteps ?? '—'} | ${e1(sorted[Math.floor(sorted.length / 2)]!)} | ${e1(worst)} (${worstSeed}) |`);
    }
  }
  out.seeds = { d, rho, steps, seeds: [seeds[0], seeds[seeds.length - 1]], rows };
}

function growth(o: Map<string, string>): void {
  const d = Number(o.get('d') ?? 20);
  const seed = Number(o.get('seed') ?? 1);
  const kappas = nums(o.get('kappas') ?? '10,100,1000');
  const rhos = nums(o.get('rhos') ?? '0.5,0.6,0.7,0.8,0.9,0.95');
  const Cs = nums(o.get('Cs') ?? '0.5,1');
  console.log(`\n### Growth of off-aligned perturbations per step, d = ${d}, seed ${seed}\n`);
  console.log('T_ε: steps until η_t ≤ 1e-10. lin[0,T_ε): (max over pairs ‖∏M_t‖)^(1/T_ε) along the exact trajectory; gm|μ|: geometric mean of the active eigenvalue.');
  console.log('obs: float64, least-squares per-step factor of ‖offdiag(VᵀW_tV)‖_F/‖Σ⁻¹‖_F over [t₁, t₂] (from 1e-14 until it exceeds 1e-2·η_t); lin[t₁,t₂]: the linearised noise response over the same steps.');
  console.log('t_sat: first t with off-aligned ≥ 0.1·η_t (float64). float64 error: smallest over T_ε + 200 steps.\n');
  console.log('hits: sequences i that land exactly on 1/λᵢ within T_ε (msign is not differentiable there; pairs through them are left out of lin and gm|μ|).\n');
  console.log('| κ | ρ | C | T_ε | hits | lin [0,T_ε) | gm\\|μ\\| | obs [t₁,t₂] | lin [t₁,t₂] | t_sat | float64 error |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  const rows: unknown[] = [];
  for (const kappa of kappas) {
    const lambdas = iclLambdas(d, kappa, seed);
    for (const rho of rhos) {
      for (const C of Cs) {
        const T = stepsToEta(C, rho, TARGET);
        const g = linearisedGrowth(scalarTrajectory(lambdas, C, rho, T, 80));
        const run = observeOffAligned(impl, { d, kappa, seed, schedule: { kind: 'geo', C, scale: 1, rho }, steps: T + 200 });
        const obs = observedGrowth(run);
        const lin = obs ? perStepOver(g.noiseGainCurve, obs.from, Math.min(obs.to, T)) : null;
        const tSat = run.offAligned.findIndex((v, t) => t < run.eta.length && v >= 0.1 * run.eta[t]!);
        const floor = Math.min(...run.errors);
        rows.push({ kappa, rho, C, T, exactHits: g.exactHits, pairs: g.pairs, linPerStep: g.perStep, geoMeanMu: g.geoMeanMu, worstPair: g.worstPair, obs, linWindow: lin, tSat: tSat < 0 ? null : tSat, floor });
        console.log(`| ${kappa} | ${rho} | ${C} | ${T} | ${g.exactHits.length ? g.exactHits.map((i) => `λ${i === 0 ? '_max' : i === d - 1 ? '_min' : `_${i + 1}`}`).join(', ') : '—'} | ${f2(g.perStep)} | ${f2(g.geoMeanMu)} | ${obs ? `${f2(obs.perStep)} [${obs.from},${obs.to}]` : '—'} | ${f2(lin)} | ${tSat < 0 ? '—' : tSat} | ${e1(floor)} |`);
      }
    }
  }
  out.growth = { d, seed, rows };
}

function fd(): void {
  console.log('\n### The off-aligned block Jacobian against central differences of the implementation’s step in decimal(40), h = 1e-20\n');
  const lambdas = [37, 9.5, 3, 1.3];
  const rho = '0.9';
  const C = 1;
  const T = 40;
  const tr = scalarTrajectory(lambdas, C, 0.9, T, 80);
  const F = exactField(60);
  let worst = 0;
  let n = 0;
  for (const t of [0, 3, 17, 33]) {
    const w = lambdas.map((_, i) => {
      let x = F.zero;
      let eta = F.of(C);
      for (let s = 0; s < t; s++) {
        x = F.sub(x, F.mul(eta, F.of(tr.sign[s]![i]!)));
        eta = F.mul(eta, F.of(rho));
      }
      return F.toString(x);
    });
    let eta = F.of(C);
    for (let s = 0; s < t; s++) eta = F.mul(eta, F.of(rho));
    for (let i = 0; i < lambdas.length; i++) {
      for (let j = i + 1; j < lambdas.length; j++) {
        const a = finiteDifferenceBlock(impl, lambdas, w, F.toString(eta), i, j);
        const b = blockJacobian(lambdas[i]!, lambdas[j]!, tr.delta[t]![i]!, tr.delta[t]![j]!, tr.sign[t]![i]!, tr.sign[t]![j]!);
        const scale = Math.max(...b.map(Math.abs));
        for (let k = 0; k < 4; k++) worst = Math.max(worst, Math.abs(a[k]! - b[k]!) / scale);
        n++;
      }
    }
  }
  console.log(`λ = ${lambdas.join(', ')}, η_t = ${C}·${rho}^t, t ∈ {0, 3, 17, 33}, all ${n} blocks: largest difference ${worst.toExponential(1)} (relative to the block's largest entry)`);
  out.fd = { lambdas, rho, C, blocks: n, worstRelative: worst };
}

function precision(o: Map<string, string>): void {
  const cases = [
    { d: 8, kappa: 100, seed: 1, C: 1, rho: 0.95, steps: 500 },
    { d: 8, kappa: 1000, seed: 1, C: 1, rho: 0.95, steps: 500 },
    { d: 8, kappa: 1000, seed: 52, C: 1.5, rho: 0.5, steps: 80 },
    { d: 8, kappa: 1000, seed: 60, C: 3, rho: 0.5, steps: 80 },
    { d: 20, kappa: 1000, seed: 1, C: 0.5, rho: 0.9, steps: 300 },
  ];
  void o;
  console.log('\n### The same runs in float64 and in double-double (≈32 digits), generic path\n');
  console.log('| d | κ | seed | C | ρ | steps | float64: steps to 1e-10 / smallest error | double-double: steps to 1e-10 / smallest error | dd time |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  const rows: unknown[] = [];
  for (const c of cases) {
    const a = rerunInField(impl, float64, c);
    const t0 = performance.now();
    const b = rerunInField(impl, doubleDouble, c);
    const ms = performance.now() - t0;
    const fa = itersTo(a, TARGET);
    const fb = itersTo(b, TARGET);
    rows.push({ ...c, float64: { steps: fa, min: Math.min(...a) }, doubleDouble: { steps: fb, min: Math.min(...b) } });
    console.log(`| ${c.d} | ${c.kappa} | ${c.seed} | ${c.C} | ${c.rho} | ${c.steps} | ${fa ?? '—'} / ${e1(Math.min(...a))} | ${fb ?? '—'} / ${e1(Math.min(...b))} | ${(ms / 1000).toFixed(1)} s |`);
  }
  out.precision = rows;
}

const { cmd, o } = args();
const started = performance.now();
switch (cmd) {
  case 'geo':
    geoSweep(o);
    break;
  case 'plateau':
    plateauSweep(o);
    break;
  case 'seeds':
    seedSweep(o);
    break;
  case 'growth':
    growth(o);
    break;
  case 'fd':
    fd();
    break;
  case 'precision':
    precision(o);
    break;
  default:
    console.log('usage: npx tsx scripts/fig2-sweep.ts geo|plateau|seeds|growth|fd|precision [--d N] [--seeds a-b] … [--json FILE] (see the header of this file)');
    process.exit(cmd === 'help' ? 0 : 2);
}
const wall = (performance.now() - started) / 1000;
console.log(`\nwall time ${wall.toFixed(1)} s`);
const json = o.get('json');
if (json) writeFileSync(json, JSON.stringify({ cmd, options: Object.fromEntries(o), wallSeconds: wall, ...out }, null, 1));
