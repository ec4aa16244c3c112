/*
 * A.L7's measured amplification: draws of the claim's own generator, each checked as the claim checks it (float64):
 * failing runs (the gate Δ(α/10) ≤ Δ(α)/10^0.8 over t ≤ T₀), and K = max_{t ≤ T₀}‖U_t − Ũ_t‖/α summarised (median,
 * 99 %, 99.5 %, max). Float64 only: a failing run is not re-run in high precision here.
 *
 *   npx tsx scripts/lemma7-gap.ts [--n 600] [--seed 3] [--profile default|deep]
 */
import fc from 'fast-check';
import claim from '../src/claims/catalogue/A.L7.ts';
import { reference } from '../src/impl/impl.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const n = Number(args.get('n') ?? 600);
const seed = Number(args.get('seed') ?? 3);
const profile = args.get('profile') === 'deep' ? 'deep' : 'default';

let failures = 0;
const K: number[] = [];
for (const c of fc.sample(claim.arbitrary('float', profile), { seed, numRuns: n })) {
  const o = claim.check(c, { mode: 'float', impl: reference });
  const tr = o.trace as { amplification: number[]; slope: number };
  K.push(tr.amplification[0]!);
  if (o.bounds.some((b) => !b.holds)) {
    failures++;
    console.log('failing', JSON.stringify({ d: c.d, r: c.r, kappa: c.kappa, rho: c.rho, a: c.a, seed: c.seed, cSeed: c.cSeed }), JSON.stringify(tr));
  }
}
K.sort((a, b) => a - b);
const q = (p: number): string => K[Math.min(n - 1, Math.floor(p * n))]!.toPrecision(3);
console.log(`${failures} of ${n} runs fail the gate; K = Δ(α)/α: median ${q(0.5)}, 99 % ${q(0.99)}, 99.5 % ${q(0.995)}, max ${K[n - 1]!.toPrecision(3)}`);
