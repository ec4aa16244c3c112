/*
 * A.T1b's "α sufficiently small", measured: failures of (8) per cell (d, r, k) and α/√λ_max, over n runs per cell
 * drawn from the claim's own distribution of everything else (κ log-uniform in [1, 1e6] with both ends, the spectrum
 * pattern, ρ ∈ [2/3, 0.97) with one run in twenty above 0.9, ε/λ_max log-uniform in [1e-6, 1], the seeds of M*, O
 * and the C_t stream), float64, the claim's own run and bound ((8) at T_ε: ‖U_TU_Tᵀ − M*‖ ≤ ε, no float tolerance,
 * as A.T1b.ts checks it; only the trace's intermediate norms are skipped). The same n draws are run at every α of
 * the grid (a paired design: a cell's rows differ only in α).
 *
 *   nice -n 10 npx tsx scripts/t1b-alpha-sweep.ts --d 20 [--cells 1:1,3:5,…|auto] [--alphas 1e-6,…] [--n 100]
 *        [--seed 1] [--scale max|min] [--kappa claim|<κ>] [--out file.jsonl]
 *
 * --cells r:k pairs (auto: r ∈ {1, 3, ⌊d/2⌋}, k ∈ {r, d − 1}, and (3, 5) — the cell — when d > 5);
 * --scale min: the grid is α/√λ_min instead of α/√λ_max (α = a·√λ_r, λ_r the smallest non-zero eigenvalue);
 * --kappa <κ>: every run at that κ instead of the claim's draw. Each run is one JSON line on --out (appended);
 * the table (scripts/t1b-alpha-table.ts) reads them. Prints one line per cell and α with failures/n and the 95 %
 * Clopper–Pearson interval.
 */
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { inside, runSpec, stepsFor, type T1bCase } from '../src/claims/catalogue/A.T1b.ts';
import { mfInstance, runMuonField } from '../src/cases/mf.ts';
import { float64 } from '../src/arith/float64.ts';
import * as gen from '../src/generators/index.ts';
import { reference } from '../src/impl/impl.ts';
import { clopperPearson } from './t1b-stats.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const d = Number(args.get('d') ?? 20);
const n = Number(args.get('n') ?? 100);
const seed = Number(args.get('seed') ?? 1);
const scale = (args.get('scale') ?? 'max') as 'max' | 'min';
const kappaArg = args.get('kappa') ?? 'claim';
const alphas = (args.get('alphas') ?? '1e-6,1e-5,1e-4,1e-3,1e-2,0.1,0.3,1,3').split(',').map(Number);
const out = args.get('out');
const half = Math.floor(d / 2);
const auto = (): [number, number][] => {
  const cells: [number, number][] = [];
  for (const r of [...new Set([1, 3, half])].filter((x) => x >= 1 && x < d)) for (const k of [...new Set([r, d - 1])]) cells.push([r, k]);
  if (d > 5 && !cells.some(([r, k]) => r === 3 && k === 5)) cells.push([3, 5]);
  return cells.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
};
const cells: [number, number][] = (args.get('cells') ?? 'auto') === 'auto' ? auto() : args.get('cells')!.split(',').map((s) => s.split(':').map(Number) as [number, number]);
for (const [r, k] of cells) if (!(r >= 1 && r <= k && k < d)) throw new RangeError(`cell r:k = ${r}:${k} is not r ≤ k < d = ${d}`);

// The claim's distribution of everything but d, k, r and α (A.T1b.ts `inside`), drawn without fast-check's bias as
// the engine draws a probabilistic claim's cases.
const draws = fc.noBias(
  fc.record({
    kappa: kappaArg === 'claim' ? gen.kappa({ min: 1, max: inside.kappaMax }) : fc.constant(Number(kappaArg)),
    pattern: gen.spectrumPattern,
    seed: gen.seed,
    rho: inside.rho,
    cSeed: gen.seed,
    eps: inside.eps,
  }),
);

const started = Date.now();
console.log(`A.T1b α sweep: d = ${d}, cells r:k ${cells.map((c) => c.join(':')).join(' ')}, n = ${n} per cell, seed ${seed}, grid α/√λ_${scale} ∈ {${alphas.join(', ')}}, κ ${kappaArg}`);
for (const [r, k] of cells) {
  const base = fc.sample(draws, { seed: seed * 1000 + d * 10 + r * 100003 + k * 7919, numRuns: n });
  const fails = alphas.map(() => 0);
  const cellStarted = Date.now();
  for (const b of base) {
    const inst = mfInstance(b.seed, d, k, r, b.kappa, b.pattern);
    const lamR = inst.lambdas[inst.lambdas.length - 1]!;
    alphas.forEach((g, j) => {
      const a = scale === 'max' ? g : g * Math.sqrt(lamR / inst.lambdas[0]!);
      const c: T1bCase = { ...inst, rho: b.rho, cSeed: b.cSeed, a, eps: b.eps };
      // The claim's bound (8) at T_ε in float64 (no tolerance there): the claim's own run (runSpec), with the spectral
      // norm taken at t = 0 and T only — the trace's other ~11 norms do not enter the bound.
      const t0 = performance.now();
      const spec = { ...runSpec(c), spectralEvery: stepsFor(c) };
      const run = runMuonField(reference, float64, inst, spec);
      const ms = performance.now() - t0;
      const lhs = run.spectral[run.spectral.length - 1]!;
      const rhs = c.eps * run.lambdaMax;
      const completed = run.status === 'completed' && run.spectralSteps?.[run.spectralSteps.length - 1] === spec.steps;
      const fail = !completed || !(lhs <= rhs);
      if (fail) fails[j]!++;
      if (out) {
        const row = { d, k, r, kappa: inst.kappa, pattern: inst.pattern, seed: b.seed, rho: b.rho, cSeed: b.cSeed, eps: b.eps, a, grid: g, scale, T: spec.steps, lambdaMax: inst.lambdas[0], lambdaR: lamR, ratio: lhs / rhs, holds: !fail, ...(completed ? {} : { inconclusive: `run ${run.status}` }), ms: Math.round(ms), sweepSeed: seed };
        appendFileSync(out, `${JSON.stringify(row)}\n`);
      }
    });
  }
  for (let j = 0; j < alphas.length; j++) {
    const ci = clopperPearson(fails[j]!, n);
    console.log(`d=${d} r=${r} k=${k} α/√λ_${scale}=${alphas[j]}: ${fails[j]}/${n} fail, rate ${(fails[j]! / n).toFixed(3)} [${ci.lo.toFixed(4)}, ${ci.hi.toFixed(4)}]`);
  }
  console.log(`  cell ${r}:${k}: ${((Date.now() - cellStarted) / 1000).toFixed(1)} s`);
}
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
