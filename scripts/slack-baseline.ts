/*
 * Builds fixtures/slack-baseline.json: each catalogue claim run in the default profile at several seeds (probes off),
 * and each bound classified tight / loose / identity from its worst slack per seed (src/claims/scope.ts says how and
 * why). Run it after a change that moves a claim's slack on purpose, and commit the file with the change:
 *   npm run baseline                  (seeds: the default seed and 1 … 7)
 *   npm run baseline -- --seeds 12    (the default seed and 1 … 11)
 *   npm run baseline -- --claim A.L2,B.NS5   (rebuild those claims' entries only, keep the rest)
 * Claims of provenance 'open' (the experiments) gate nothing and are left out.
 */
import { writeFileSync } from 'node:fs';
import { encodeJson } from '../src/util/json.ts';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, runClaim } from '../src/claims/engine.ts';
import { projectErrata, projectRegressions } from '../src/claims/fixtures.ts';
import { claims } from '../src/claims/registry.ts';
import { BASELINE_SCHEMA, classify, loadBaseline, randomPhaseWorst, type BoundBaseline, type SlackBaseline } from '../src/claims/scope.ts';
import type { Mode } from '../src/claims/types.ts';

const i = process.argv.indexOf('--seeds');
const n = i >= 0 ? Number(process.argv[i + 1]) : 8;
if (!Number.isInteger(n) || n < 2 || n > 50) {
  console.error('slack-baseline: --seeds must be an integer in [2, 50]');
  process.exit(2);
}
const only = process.argv.includes('--claim') ? process.argv[process.argv.indexOf('--claim') + 1]!.split(',') : undefined;
const seeds = [DEFAULT_SEED, ...Array.from({ length: n - 1 }, (_, k) => k + 1)];
const file = fileURLToPath(new URL('../fixtures/slack-baseline.json', import.meta.url));
const out: Record<string, Partial<Record<Mode, Record<string, BoundBaseline>>>> = {};
const started = Date.now();
for (const claim of claims) {
  if (claim.provenance === 'open' || (only && !only.includes(claim.id))) continue;
  const per: Record<string, { seeds: number[]; random: number[]; witness: unknown; best: number }> = {};
  for (const seed of seeds) {
    const r = runClaim(claim, { profile: 'default', seed, probes: false, errata: projectErrata(), regressions: projectRegressions(claim.id) });
    for (const m of r.modes) {
      if (m.counterexample || m.interrupted) continue; // a stopped run's worst slack is not the search's
      for (const s of m.slack) {
        const key = `${m.mode}\u0000${s.bound}`;
        const e = (per[key] ??= { seeds: [], random: [], witness: undefined, best: -Infinity });
        e.seeds.push(s.max);
        e.random.push(randomPhaseWorst(m, s.bound) ?? s.max); // the band is argued from the random phase (scope.ts)
        if (s.max > e.best) {
          e.best = s.max;
          e.witness = s.witness;
        }
      }
    }
  }
  const mine: Partial<Record<Mode, Record<string, BoundBaseline>>> = {};
  for (const [key, e] of Object.entries(per)) {
    if (e.seeds.length < seeds.length) continue; // not stated at every seed: no band can be argued
    const [mode, bound] = key.split('\u0000') as [Mode, string];
    (mine[mode] ??= {})[bound] = classify(e.seeds, e.witness, e.random);
  }
  out[claim.id] = mine;
  console.log(`${claim.id}: ${Object.values(mine).flatMap((b) => Object.entries(b!).map(([k, v]) => `${k} ${v.class}${v.class === 'loose' ? (v.gated ? ' (gated)' : ' (not gated)') : ''} ${v.worst.toPrecision(4)}`)).join('; ')}`);
}
// --claim rebuilds only those claims' entries and keeps the others' (same seeds and profile required).
const previous = only ? loadBaseline(file) : undefined;
if (previous && previous.seeds.join(',') !== seeds.join(',')) {
  console.error(`slack-baseline: ${file} was built with seeds ${previous.seeds.join(', ')}; rebuild it whole (no --claim) to change them`);
  process.exit(2);
}
const merged = { ...(previous?.claims ?? {}), ...out };
const ordered = Object.fromEntries(claims.map((c) => c.id).filter((id) => id in merged).map((id) => [id, merged[id]!]));
const baseline: SlackBaseline = { schema: BASELINE_SCHEMA, schemaVersion: 1, profile: 'default', seeds, claims: ordered };
writeFileSync(file, `${encodeJson(baseline, 1)}\n`);
console.log(`wrote ${file} (${seeds.length} seeds, ${((Date.now() - started) / 1000).toFixed(0)} s)`);
