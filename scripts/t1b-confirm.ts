/*
 * Re-runs the failing float64 runs of the A.T1b sweeps in high precision: double-double (≈ 31 digits, the generic
 * backend over src/arith/double-double.ts) and, with --precision P, decimal at P and 2P digits (runMuonHighPrecision,
 * the claim's confirm route: the 2P value, |P − 2P| as its error). A run is confirmed when ‖U_TU_Tᵀ − M*‖ > ε in high
 * precision too (beyond the P-vs-2P difference), a float artifact when it holds there.
 *
 *   nice -n 10 npx tsx scripts/t1b-confirm.ts --in sweep.jsonl [--out confirmations.jsonl] [--max-grid 0.1] [--min-grid 0]
 *        [--d 5,10,20] [--precision 20] [--limit N] [--every K]
 *
 * Reads the rows of t1b-alpha-sweep.ts or t1b-gate-sweep.ts (one JSON object per line; failing rows only are taken,
 * those with grid ≤ max-grid and d in the list; --every K takes every K-th of them), skips those already in --out,
 * and appends one line per run: the case's parameters, float/dd/decimal ratios ‖·‖/ε and the times.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { runSpec, type T1bCase } from '../src/claims/catalogue/A.T1b.ts';
import { mfInstance, runMuonField, runMuonHighPrecision, runMuonIn } from '../src/cases/mf.ts';
import { doubleDouble } from '../src/arith/double-double.ts';
import { float64 } from '../src/arith/float64.ts';
import { reference } from '../src/impl/impl.ts';
import { haar } from '../src/random/matrices.ts';
import { rng } from '../src/random/rng.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const inFile = args.get('in')!;
const out = args.get('out');
const maxGrid = Number(args.get('max-grid') ?? Infinity);
const minGrid = Number(args.get('min-grid') ?? 0);
const ds = args.get('d')?.split(',').map(Number);
const P = Number(args.get('precision') ?? 0);
const limit = Number(args.get('limit') ?? Infinity);
const every = Number(args.get('every') ?? 1);

interface Row {
  d: number; k: number; r: number; kappa: number; pattern: string; seed: number; rho: number; cSeed: number; eps: number; a: number;
  grid?: number; holds?: boolean; ratio?: number | null;
  /** t1b-instance-rate.ts: the frame O = haar(rng(oSeed), d, k) instead of the instance's own. */
  oSeed?: number;
}
const keyOf = (r: Row): string => [r.d, r.k, r.r, r.kappa, r.pattern, r.seed, r.rho, r.cSeed, r.eps, r.a, ...(r.oSeed === undefined ? [] : [r.oSeed])].join('|');
const done = new Set<string>(out && existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n').filter(Boolean).map((l) => keyOf(JSON.parse(l) as Row)) : []);
const rows = readFileSync(inFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Row)
  .filter((r) => r.holds !== true && (r.grid ?? r.a) <= maxGrid && (r.grid ?? r.a) >= minGrid && (!ds || ds.includes(r.d)))
  .filter((_, i) => i % every === 0)
  .filter((r) => !done.has(keyOf(r)))
  .slice(0, limit);
console.log(`t1b-confirm: ${rows.length} failing runs of ${inFile} to re-run (double-double${P ? `, decimal ${P}/${2 * P}` : ''})`);
let confirmed = 0;
for (const r of rows) {
  const base = mfInstance(r.seed, r.d, r.k, r.r, r.kappa, r.pattern as T1bCase['pattern']);
  const inst = r.oSeed === undefined ? base : { ...base, O: haar(rng(r.oSeed), r.d, r.k) };
  const c: T1bCase = { ...inst, rho: r.rho, cSeed: r.cSeed, a: r.a, eps: r.eps };
  // Only ‖U_TU_Tᵀ − M*‖ is needed: the spectral norm at t = 0 and T only.
  const spec = { ...runSpec(c), spectralEvery: runSpec(c).steps };
  const ratio = (x: { spectral: readonly number[]; lambdaMax: number }): number => x.spectral[x.spectral.length - 1]! / (r.eps * x.lambdaMax);
  const t0 = Date.now();
  const fl = runMuonField(reference, float64, inst, spec);
  const t1 = Date.now();
  const dd = runMuonIn(reference, doubleDouble, inst, spec);
  const t2 = Date.now();
  const hp = P ? runMuonHighPrecision(reference, inst, spec, P) : undefined;
  const t3 = Date.now();
  const ddRatio = ratio(dd);
  const decRatio = hp ? ratio(hp) : undefined;
  const decError = hp ? hp.errorEstimate / (r.eps * hp.lambdaMax) : undefined;
  // Confirmed: fails in double-double, and (when run) in decimal beyond its P-vs-2P difference.
  const isConfirmed = dd.status === 'completed' && ddRatio > 1 && (decRatio === undefined || decRatio - decError! > 1);
  if (isConfirmed) confirmed++;
  const row = { d: r.d, k: r.k, r: r.r, kappa: r.kappa, pattern: r.pattern, seed: r.seed, ...(r.oSeed === undefined ? {} : { oSeed: r.oSeed }), rho: r.rho, cSeed: r.cSeed, eps: r.eps, a: r.a, grid: r.grid ?? r.a, T: spec.steps, floatRatio: ratio(fl), ddRatio, ...(hp ? { decimal: P, decRatio, decError } : {}), confirmed: isConfirmed, msFloat: t1 - t0, msDd: t2 - t1, ...(hp ? { msDecimal: t3 - t2 } : {}) };
  console.log(JSON.stringify(row));
  if (out) appendFileSync(out, `${JSON.stringify(row)}\n`);
}
console.log(`t1b-confirm: ${confirmed} of ${rows.length} confirmed`);
