/*
 * A.T1b's probability, as the theorem states it: one instance M* (d, r, κ, spectrum, eigenvectors: fixed), k, ρ, ε
 * fixed, and only the theorem's randomness drawn — O Haar on O^{d×k} and the C_t stream — n times, at each α/√λ_max
 * of a grid (the same n draws of (O, C_t) at every α). Float64, the claim's run and bound ((8) at T_ε); prints the
 * failures, the 95 % Clopper–Pearson interval, and every failing draw as one JSON line (--out), ready for
 * t1b-confirm.ts (its `seed` is M*'s, `oSeed` the frame's).
 *
 *   nice -n 10 npx tsx scripts/t1b-instance-rate.ts --d 50 --k 25 --r 25 --kappa 1e6 --pattern geometric --seed 567614327
 *        --rho 0.7365 --eps 1.7e-6 [--alphas 1e-6,1e-5,1e-4] [--n 200] [--draws 1] [--out file.jsonl]
 */
import { appendFileSync } from 'node:fs';
import { runSpec, stepsFor, type T1bCase } from '../src/claims/catalogue/A.T1b.ts';
import { frameDraws, mfInstance, runMuonField } from '../src/cases/mf.ts';
import { float64 } from '../src/arith/float64.ts';
import { reference } from '../src/impl/impl.ts';
import type { SpectrumPattern } from '../src/random/spectrum.ts';
import { clopperPearson } from './t1b-stats.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const num = (k: string, dflt?: number): number => Number(args.get(k) ?? dflt);
const d = num('d');
const k = num('k');
const r = num('r');
const kappa = num('kappa');
const pattern = (args.get('pattern') ?? 'geometric') as SpectrumPattern;
const seed = num('seed');
const rho = num('rho');
const eps = num('eps');
const n = num('n', 200);
const draws = num('draws', 1);
const alphas = (args.get('alphas') ?? '1e-6,1e-5,1e-4').split(',').map(Number);
const out = args.get('out');

const inst = mfInstance(seed, d, k, r, kappa, pattern); // M* (and an O we replace)
const frames = frameDraws(`t1b-instance-rate ${draws}`, n, d, k);
const fails = alphas.map(() => 0);
const started = Date.now();
console.log(`A.T1b at one instance: d = ${d}, k = ${k}, r = ${r}, κ = ${inst.kappa}, ${pattern}, M* seed ${seed}, ρ = ${rho}, ε/λ_max = ${eps}, T = ${stepsFor({ rho, eps })}; n = ${n} draws of (O, C_t), stream ${draws}`);
for (const { oSeed, cSeed, O } of frames) {
  alphas.forEach((a, j) => {
    const c: T1bCase = { ...inst, O, rho, cSeed, a, eps };
    const spec = { ...runSpec(c), spectralEvery: stepsFor(c) };
    const run = runMuonField(reference, float64, c, spec);
    const ratio = run.spectral[run.spectral.length - 1]! / (eps * run.lambdaMax);
    if (!(run.status === 'completed' && ratio <= 1)) {
      fails[j]!++;
      if (out) appendFileSync(out, `${JSON.stringify({ d, k, r, kappa: inst.kappa, pattern, seed, oSeed, rho, cSeed, eps, a, grid: a, ratio, holds: false })}\n`);
    }
  });
}
alphas.forEach((a, j) => {
  const ci = clopperPearson(fails[j]!, n);
  console.log(`α/√λ_max = ${a}: ${fails[j]}/${n} fail (float64), rate ${(fails[j]! / n).toFixed(3)}, 95 % CI [${ci.lo.toFixed(4)}, ${ci.hi.toFixed(4)}]`);
});
console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
