/*
 * A.T1b's gated claim at a fixed d: n runs drawn from the claim's own generator (A.T1b.ts `cases`, the default
 * profile's ranges: k and r as the claim draws them for this d, κ ≤ 1e6, ρ, ε, α/√λ_max log-uniform in [1e-6, 1e-4])
 * with d fixed — or with α fixed (--alpha) — float64, the claim's own check, without fast-check's bias (as the engine
 * draws a probabilistic claim). Prints failures/n, the 95 % Clopper–Pearson interval, the claim's binomial test, and
 * every failing run (one JSON line each, also appended to --out).
 *
 *   nice -n 10 npx tsx scripts/t1b-gate-sweep.ts --d 20 [--n 500] [--seed 1] [--alpha 1e-4] [--out file.jsonl]
 */
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import claim, { cases, inside, stepsFor } from '../src/claims/catalogue/A.T1b.ts';
import { binomialTest } from '../src/claims/binomial.ts';
import { mfParams } from '../src/cases/mf.ts';
import { reference } from '../src/impl/impl.ts';
import { clopperPearson } from './t1b-stats.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const d = Number(args.get('d') ?? 20);
const n = Number(args.get('n') ?? 500);
const seed = Number(args.get('seed') ?? 1);
const alpha = args.get('alpha');
const out = args.get('out');

const arb = cases({ ...inside, d: fc.constant(d), ...(alpha ? { a: fc.constant(Number(alpha)) } : {}) });
const started = Date.now();
let failures = 0;
let inconclusive = 0;
let steps = 0;
console.log(`A.T1b gate: d = ${d}, n = ${n}, seed ${seed}, α/√λ_max ${alpha ?? 'log-uniform in [1e-6, 1e-4] (the claim)'}`);
for (const c of fc.sample(fc.noBias(arb), { seed, numRuns: n })) {
  const o = claim.check(c, { mode: 'float', impl: reference });
  steps += stepsFor(c);
  const b = o.bounds[0];
  if (o.inconclusive) inconclusive++;
  if (o.inconclusive || !b || !b.holds) {
    failures++;
    const row = { ...mfParams(c), T: stepsFor(c), ratio: b ? b.lhs / b.rhs : null, ...(o.inconclusive ? { inconclusive: o.inconclusive } : {}), gateSeed: seed };
    console.log(`  fail: ${JSON.stringify(row)}`);
    if (out) appendFileSync(out, `${JSON.stringify(row)}\n`);
  }
}
const ci = clopperPearson(failures, n);
const t = binomialTest(n, failures, claim.probabilistic!.maxFailureRate, claim.probabilistic!.alpha);
console.log(
  `d = ${d}: ${failures}/${n} runs broke (8)${inconclusive ? ` (${inconclusive} inconclusive)` : ''}, rate ${(failures / n).toFixed(4)}, 95 % CI [${ci.lo.toFixed(4)}, ${ci.hi.toFixed(4)}]; "failure rate ≤ 0.01" ${t.rejected ? 'REJECTED' : 'not rejected'} at 1e-6 (p = ${t.pValue.toExponential(2)}, ${t.criticalFailures} would reject); ${steps} steps, ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
