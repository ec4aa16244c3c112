import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { acquireOutputLock, OutputError, validateOutputDir, writeFileAtomic } from '../report/atomic.ts';
import { renderHtml } from '../report/html.ts';
import type { Report } from '../report/report.ts';
import { figuresSection } from '../reproduce/html.ts';
import { cpuUsage } from 'node:process';
import { REPRODUCE } from './commands.ts';
import { helpText, parseCommand, plural, str, UsageError } from './options.ts';
import { EXPERIMENTS, runExperiment, writeIndex, type ExperimentName } from '../reproduce/index.ts';

function refreshReportPage(reportDir: string, figuresDir: string): string | undefined {
  const json = join(reportDir, 'claims.json');
  if (!existsSync(json)) return undefined;
  try {
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    // The page is part of the report set: rewritten under its lock (waiting a little for a writer of the set).
    const unlock = acquireOutputLock(reportDir, 30_000);
    try {
      writeFileAtomic(join(reportDir, 'index.html'), renderHtml(report, figuresSection(figuresDir)));
    } finally {
      unlock();
    }
    return join(reportDir, 'index.html');
  } catch {
    return undefined; // a foreign or old claims.json: leave its page alone
  }
}

/**
 * `muon-claims reproduce <name>|all [--out DIR]`: runs the experiment(s), writes DIR/<name>.svg, DIR/<name>.json and
 * DIR/index.html, prints the settings, the measured numbers, the verdict of each A.Fig/A.Tab1 assertion and the time.
 * Exit code 0 also when an assertion is violated (a claim that does not reproduce is a finding, printed and stored in
 * the JSON; gating is the claims engine's job); 2 on bad usage.
 */
export async function reproduceCommand(args: readonly string[]): Promise<number> {
  let out: string;
  const names: ExperimentName[] = [];
  try {
    const p = parseCommand(REPRODUCE, args);
    if (p === 'help') {
      console.log(helpText(REPRODUCE));
      return 0;
    }
    out = str(p, 'out') ?? 'reports/figures';
    for (const a of p.positionals) {
      if (a === 'all') names.push(...EXPERIMENTS);
      else if ((EXPERIMENTS as readonly string[]).includes(a)) names.push(a as ExperimentName);
      else throw new UsageError(`unknown experiment '${a}' (allowed: ${EXPERIMENTS.join(', ')}, all)`);
    }
    if (names.length === 0) throw new UsageError(`needs an experiment: ${EXPERIMENTS.join(', ')} or all\nusage: muon-claims ${REPRODUCE.usage}`);
    validateOutputDir(out);
  } catch (e) {
    if (e instanceof UsageError || e instanceof OutputError) {
      console.error(`muon-claims reproduce: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const started = performance.now();
  const cpu0 = cpuUsage();
  let violated = 0;
  const todo = [...new Set(names)];
  for (const [k, name] of todo.entries()) {
    // Progress: each experiment takes from seconds to minutes and prints nothing while it runs.
    console.log(`\n[${k + 1}/${todo.length}] ${name}: running… (elapsed ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const r = runExperiment(name, out);
    console.log(`[${k + 1}/${todo.length}] ${name}: done in ${(r.elapsedMs / 1000).toFixed(1)} s — wrote ${r.svgPath}, ${r.pngPath}, ${r.jsonPath}`);
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
  console.log(`${plural(todo.length, 'experiment')}, ${plural(violated, 'assertion')} violated (findings, see the JSON); elapsed ${((performance.now() - started) / 1000).toFixed(1)} s, CPU ${(cpu.user / 1e6).toFixed(1)} s user + ${(cpu.system / 1e6).toFixed(1)} s system`);
  return 0;
}
