#!/usr/bin/env node
// Compares two claims.json reports claim by claim: verdict, cases per mode, worst slack per bound, probes found.
// Used to show that a refactoring changes no verdict: node scripts/compare-verdicts.mjs OLD/claims.json NEW/claims.json
import { readFileSync } from 'node:fs';

const [a, b] = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')));
const only = process.env.ONLY ? new Set(process.env.ONLY.split(',')) : undefined;
const byId = (r) => new Map(r.claims.map((c) => [c.id, c]));
const A = byId(a);
const B = byId(b);
let differences = 0;
const say = (id, what) => {
  differences++;
  console.log(`${id}: ${what}`);
};
const num = (x) => (x === null ? 'null' : typeof x === 'object' && x && 'value' in x ? x.value : x);
for (const [id, x] of A) {
  if (only && !only.has(id)) continue;
  const y = B.get(id);
  if (!y) {
    if (!only) say(id, 'missing from the second report');
    continue;
  }
  if (x.verdict !== y.verdict) say(id, `verdict ${x.verdict} → ${y.verdict}`);
  for (const m of x.modes) {
    const n = y.modes.find((z) => z.mode === m.mode);
    if (!n) {
      say(id, `mode ${m.mode} missing`);
      continue;
    }
    if (m.cases !== n.cases) say(id, `[${m.mode}] cases ${m.cases} → ${n.cases}`);
    if (m.skipped !== n.skipped) say(id, `[${m.mode}] skipped ${m.skipped} → ${n.skipped}`);
    if (m.inconclusiveCases !== n.inconclusiveCases) say(id, `[${m.mode}] inconclusive cases ${m.inconclusiveCases} → ${n.inconclusiveCases}`);
    for (const s of m.slack) {
      const t = n.slack.find((z) => z.bound === s.bound);
      if (!t) say(id, `[${m.mode}] bound "${s.bound}" missing`);
      else if (String(num(s.max)) !== String(num(t.max))) say(id, `[${m.mode}] slack "${s.bound}" ${num(s.max)} → ${num(t.max)}`);
    }
    for (const t of n.slack) if (!m.slack.some((s) => s.bound === t.bound)) say(id, `[${m.mode}] new bound "${t.bound}"`);
  }
  for (const p of x.probes) {
    const q = y.probes.find((z) => z.id === p.id);
    if (!q) say(id, `probe ${p.id} missing`);
    else if (p.found !== q.found || p.broke !== q.broke || p.tried !== q.tried) say(id, `probe ${p.id}: found ${p.found} (${p.broke}/${p.tried}) → ${q.found} (${q.broke}/${q.tried})`);
  }
}
console.log(differences === 0 ? 'no difference in verdicts, cases, slack or probes' : `${differences} difference(s)`);
process.exit(differences === 0 ? 0 : 1);
