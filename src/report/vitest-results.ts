import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClaimResult } from '../claims/engine.ts';
import { claims as registry } from '../claims/registry.ts';
import type { Profile } from '../claims/types.ts';
import { MODES } from '../claims/types.ts';
import { writeFileAtomic } from './atomic.ts';
import { buildReport } from './report.ts';
import { writeReports } from './write.ts';

/*
 * The vitest front end writes the same reports as the CLI: each property file's worker drops its ClaimResult into
 * reports/.vitest-results/, and the global teardown (properties/global-setup.ts) joins them into reports/.
 */

export const REPORTS_DIR = fileURLToPath(new URL('../../reports/', import.meta.url));
/** A fresh folder for one vitest run's results (one per run, so that two runs at once cannot mix theirs). */
export function newVitestResultsDir(): string {
  const dir = join(REPORTS_DIR, '.vitest-results', `${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function saveVitestResult(r: ClaimResult, dir: string): void {
  // Only reference runs: planted-bug runs of the same claims must not overwrite the real verdicts.
  if (r.impl !== 'reference') return;
  writeFileAtomic(join(dir, `${r.id.replaceAll('/', '-')}.json`), JSON.stringify(r));
}

export function writeVitestReport(started: Date, profile: Profile, seed: number, RESULTS_DIR: string): string | undefined {
  if (!existsSync(RESULTS_DIR)) return undefined;
  const results = readdirSync(RESULTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(RESULTS_DIR, f), 'utf8')) as ClaimResult);
  if (results.length === 0) {
    rmSync(RESULTS_DIR, { recursive: true, force: true });
    return undefined;
  }
  const order = registry.map((c) => c.id);
  results.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const cut = results.filter((r) => r.modes.some((m) => m.interrupted)).map((r) => r.id);
  const missing = order.filter((id) => !results.some((r) => r.id === id));
  const reasons = [...(cut.length ? [`cut short by the time limit: ${cut.join(', ')}`] : []), ...(missing.length ? [`not run: ${missing.join(', ')}`] : [])];
  const report = buildReport(results, { profile, seed, modes: MODES, frontEnd: 'vitest' }, started, reasons.length ? reasons.join('; ') : undefined);
  writeReports(REPORTS_DIR.replace(/\/$/, ''), report);
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  return REPORTS_DIR;
}
