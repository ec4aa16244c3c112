#!/usr/bin/env node
/*
 * Per claim and bound: the tightness class of the committed slack baseline, and the empirical constant (worst lhs/rhs)
 * before and after the target phase's search, from a check's claims.json:
 *   node bin/muon-claims.mjs check --out /tmp/run && node scripts/search-table.mjs /tmp/run/claims.json
 * Markdown on stdout. A claim without a search space prints its stated reason (noSearch).
 */
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/search-table.mjs CLAIMS_JSON');
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const baseline = JSON.parse(readFileSync(new URL('../fixtures/slack-baseline.json', import.meta.url), 'utf8'));
const fmt = (x) => (typeof x === 'number' && Number.isFinite(x) ? x.toPrecision(4) : String(x));
console.log('| claim | mode | bound | class | before search | after search | evaluations |');
console.log('|---|---|---|---|---|---|---|');
for (const c of report.claims) {
  const b = baseline.claims?.[c.id] ?? {};
  let any = false;
  for (const m of c.modes ?? []) {
    for (const t of m.search?.bounds ?? []) {
      any = true;
      const cls = b[m.mode]?.[t.bound]?.class ?? '—';
      console.log(`| ${c.id} | ${m.mode} | ${t.bound.replaceAll('|', '\\|')} | ${cls} | ${fmt(t.from)} | ${fmt(t.to)} | ${t.evaluations} |`);
    }
  }
  if (!any) console.log(`| ${c.id} | | ${c.noSearch ? `no search: ${c.noSearch.replaceAll('|', '\\|')}` : 'no search ran (stopped by a counterexample, or quick profile)'} | | | | |`);
}
