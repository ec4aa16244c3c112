/*
 * The tables of docs/findings/T1b-alpha.md from the runs of t1b-alpha-sweep.ts (float64) and the re-runs of
 * t1b-confirm.ts (double-double / decimal): per d, per α/√λ_max and per cell r:k, the failures of (8) — float64,
 * and confirmed in high precision — with the 95 % Clopper–Pearson interval of the confirmed rate; pooled over the
 * cells; and the largest α at which the claim holds at the 0.99 rate.
 *
 *   npx tsx scripts/t1b-alpha-table.ts --runs d5.jsonl,d10.jsonl,… --confirmations c5.jsonl,… [--scale max]
 *
 * A float failure without a re-run counts as unconfirmed ("?" in the table): a row holds only if it holds with them
 * counted as failures, fails only on confirmed failures, and is "open" in between.
 * "Holds at the 0.99 rate" at (d, α): no cell's confirmed rate is significantly above 1 % (its CP lower bound ≤ 1 %)
 * and the pooled confirmed rate is ≤ 1 %; "demonstrated" when the pooled CP upper bound is ≤ 1 % too. The largest α
 * reported is the largest grid value at which this holds together with every smaller grid value.
 */
import { existsSync, readFileSync } from 'node:fs';
import { clopperPearson } from './t1b-stats.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const read = (files: string | undefined): Record<string, unknown>[] =>
  (files ?? '').split(',').filter((f) => f && existsSync(f)).flatMap((f) => readFileSync(f, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>));
const scale = args.get('scale') ?? 'max';
const runs = read(args.get('runs')).filter((r) => (r.scale ?? 'max') === scale);
const confs = read(args.get('confirmations'));
const keyOf = (r: Record<string, unknown>): string => ['d', 'k', 'r', 'kappa', 'pattern', 'seed', 'rho', 'cSeed', 'eps', 'a'].map((k) => String(r[k])).join('|');
const conf = new Map(confs.map((c) => [keyOf(c), c.confirmed as boolean]));

interface Cell { n: number; fl: number; conf: number; unknown: number }
const cells = new Map<string, Cell>(); // d|r:k|grid
for (const r of runs) {
  const key = `${r.d}|${r.r}:${r.k}|${r.grid}`;
  const c = cells.get(key) ?? { n: 0, fl: 0, conf: 0, unknown: 0 };
  c.n++;
  if (!r.holds) {
    c.fl++;
    const v = conf.get(keyOf(r));
    if (v === undefined) c.unknown++;
    else if (v) c.conf++;
  }
  cells.set(key, c);
}
const ds = [...new Set(runs.map((r) => r.d as number))].sort((a, b) => a - b);
const pct = (x: number): string => `${(100 * x).toFixed(x < 0.1 ? 2 : 1)} %`;
const summary: string[] = [];
for (const d of ds) {
  const rk = [...new Set(runs.filter((r) => r.d === d).map((r) => `${r.r}:${r.k}`))].sort((a, b) => { const [ra, ka] = a.split(':').map(Number); const [rb, kb] = b.split(':').map(Number); return ra! - rb! || ka! - kb!; });
  const grid = [...new Set(runs.filter((r) => r.d === d).map((r) => r.grid as number))].sort((a, b) => a - b);
  console.log(`\n### d = ${d}\n`);
  console.log(`confirmed/float failures of n runs per cell r:k (? = float failures not re-run); pooled: confirmed rate [95 % CI]\n`);
  console.log(`| α/√λ_${scale} | ${rk.map((c) => `r:k = ${c}`).join(' | ')} | pooled | 0.99 rate |`);
  console.log(`|---|${rk.map(() => '---').join('|')}|---|---|`);
  let largest: number | undefined;
  let largestShown: number | undefined;
  let broken = false;
  let firstRejected: number | undefined;
  for (const g of grid) {
    let N = 0;
    let C = 0;
    let U = 0;
    let cellAbove = false;
    const row = rk.map((c) => {
      const x = cells.get(`${d}|${c}|${g}`);
      if (!x) return '—';
      N += x.n;
      C += x.conf;
      U += x.unknown;
      if (clopperPearson(x.conf, x.n).lo > 0.01) cellAbove = true;
      return `${x.conf}/${x.fl}${x.unknown ? ` (${x.unknown}?)` : ''} of ${x.n}`;
    });
    const ci = clopperPearson(C, N);
    // Unconfirmed float failures: the verdict must hold whether they are real or artifacts.
    const upperAbove = rk.some((c) => { const x = cells.get(`${d}|${c}|${g}`); return x !== undefined && clopperPearson(x.conf + x.unknown, x.n).lo > 0.01; });
    const failsNow = cellAbove || C / N > 0.01;
    const okUpper = !upperAbove && (C + U) / N <= 0.01;
    const open = !failsNow && !okUpper;
    const ok = !failsNow && okUpper;
    const shown = ok && clopperPearson(C + U, N).hi <= 0.01;
    if (failsNow && firstRejected === undefined && (cellAbove || ci.lo > 0.01)) firstRejected = g;
    if (!ok) broken = true;
    if (!broken) {
      largest = g;
      if (shown) largestShown = g;
    }
    const verdict = ok ? (shown ? 'holds (CI < 1 %)' : 'holds') : open ? `open (${U} float failures not re-run)` : cellAbove ? 'fails (a cell > 1 %)' : 'fails (pooled > 1 %)';
    console.log(`| ${g} | ${row.join(' | ')} | ${C}/${N}${U ? ` (+${U}?)` : ''} = ${pct(C / N)} [${pct(ci.lo)}, ${pct(ci.hi)}] | ${verdict} |`);
  }
  summary.push(`| ${d} | ${largest ?? 'none'} | ${largestShown ?? 'none'} | ${firstRejected ?? 'none on the grid'} |`);
}
console.log(`\n### The largest α/√λ_${scale} at the 0.99 rate\n`);
console.log(`| d | largest α holding (and every smaller) | … with pooled 95 % CI below 1 % | first α with a rate significantly above 1 % |`);
console.log(`|---|---|---|---|`);
for (const s of summary) console.log(s);
