/*
 * A claim run on its DEEP generator restricted to a region, with the default profile's machinery (no probes, no
 * search): how the deep-only corners of issue 11 were checked (their commit messages quote these calls).
 *   npx tsx scripts/deep-corner.ts A.T1a 12 'c => c.d > 20'
 *   npx tsx scripts/deep-corner.ts A.T3 8 "c => typeof c.C === 'string' || c.d > 6"   (let the exact cases through:
 *                                                        a filter no exact case passes makes fast-check loop)
 *   SEED=2 npx tsx scripts/deep-corner.ts B.msign 30 'c => Math.max(c.m, c.n) > 7'
 * Prints the verdict, the cases and bins reached per mode, each bound's worst slack, and a counterexample if any.
 */
// Runs a claim on its deep generator restricted by a filter, N cases: node … ID N 'c => c.d > 20'
import { runClaim } from '../src/claims/engine.ts';
import { claimById } from '../src/claims/registry.ts';
const [id, n, filt] = process.argv.slice(2);
const c = claimById(id!)!;
const f = eval(filt!);
const claim = { ...c, arbitrary: (m: any) => c.arbitrary(m, 'deep').filter(f), cases: { quick: c.cases.quick, default: Object.fromEntries(Object.keys(c.cases.default).map((k) => [k, Number(n)])), deep: c.cases.deep }, search: undefined } as any;
const t0 = Date.now();
const r = runClaim(claim, { profile: 'default', probes: false, seed: Number(process.env.SEED ?? 1) });
console.log(id, r.verdict, `${((Date.now() - t0) / 1000).toFixed(1)} s`);
for (const m of r.modes) { console.log(' ', m.mode, m.cases, 'cases', JSON.stringify(m.bins).slice(0, 300)); for (const s of m.slack) console.log('   ', s.bound, s.max.toPrecision(6)); if (m.counterexample) console.log('  CE', JSON.stringify(m.counterexample).slice(0, 600)); }
