import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../report/atomic.ts';
import { renderHtml } from '../report/html.ts';
import type { Report } from '../report/report.ts';
import { figuresSection } from '../reproduce/html.ts';
import { cpuUsage } from 'node:process';
import { EXPERIMENTS, runExperiment, writeIndex, type ExperimentName } from '../reproduce/index.ts';

function refreshReportPage(reportDir: string, figuresDir: string): string | undefined {
  const json = join(reportDir, 'claims.json');
  if (!existsSync(json)) return undefined;
  try {
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    writeFileAtomic(join(reportDir, 'index.html'), renderHtml(report, figuresSection(figuresDir)));
    return join(reportDir, 'index.html');
  } catch {
    return undefined; // a foreign or old claims.json: leave its page alone
  }
}

const USAGE = 'usage: muon-claims reproduce fig1|fig2|fig3|table1|all [--out DIR]   (default DIR: reports/figures)';

/**
 * `muon-claims reproduce <name>|all [--out DIR]`: runs the experiment(s), writes DIR/<name>.svg, DIR/<name>.json and
 * DIR/index.html, prints the settings, the measured numbers, the verdict of each A.Fig/A.Tab1 assertion and the time.
 * Exit code 0 also when an assertion is violated (a claim that does not reproduce is a finding, printed and stored in
 * the JSON; gating is the claims engine's job); 2 on bad usage.
 */
export async function reproduceCommand(args: readonly string[]): Promise<number> {
  let out = 'reports/figures';
  const names: ExperimentName[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--out') {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) {
        console.error(`muon-claims reproduce: --out needs a directory\n${USAGE}`);
        return 2;
      }
      out = v;
    } else if (a === 'all') names.push(...EXPERIMENTS);
    else if ((EXPERIMENTS as readonly string[]).includes(a)) names.push(a as ExperimentName);
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else {
      console.error(`muon-claims reproduce: unknown experiment or option '${a}' (allowed: ${EXPERIMENTS.join(', ')}, all, --out DIR)\n${USAGE}`);
      return 2;
    }
  }
  if (names.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const started = performance.now();
  const cpu0 = cpuUsage();
  let violated = 0;
  for (const name of [...new Set(names)]) {
    const r = runExperiment(name, out);
    console.log(`\n== ${name}: ${(r.elapsedMs / 1000).toFixed(1)} s — wrote ${r.svgPath}, ${r.jsonPath}`);
    for (const l of r.summary) console.log(`  ${l}`);
    for (const a of r.assertions) {
      if (!a.holds) violated++;
      console.log(`  ${a.holds ? 'holds   ' : 'VIOLATED'} ${a.claim}: ${a.name} [${a.tolerance ?? ''}]`);
    }
  }
  const index = writeIndex(out);
  const cpu = cpuUsage(cpu0);
  console.log(`\nwrote ${index}`);
  // A claims report beside the figures (reports/claims.json) gets its index.html re-rendered with the figures in it.
  const refreshed = refreshReportPage(dirname(resolve(out)), resolve(out));
  if (refreshed) console.log(`added the figures to ${refreshed}`);
  console.log(`${names.length} experiment(s), ${violated} assertion(s) violated (findings, see the JSON); elapsed ${((performance.now() - started) / 1000).toFixed(1)} s, CPU ${(cpu.user / 1e6).toFixed(1)} s user + ${(cpu.system / 1e6).toFixed(1)} s system`);
  return 0;
}
