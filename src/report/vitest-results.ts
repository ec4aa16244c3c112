import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClaimResult } from '../claims/engine.ts';
import { claims as registry } from '../claims/registry.ts';
import type { Profile } from '../claims/types.ts';
import { MODES } from '../claims/types.ts';
import { writeFileAtomic } from './atomic.ts';
import { decodeJson, encodeJson } from '../util/json.ts';
import { buildReport, type IncompleteReason } from './report.ts';
import { writeReports } from './write.ts';

/*
 * The vitest front end writes the same reports as the CLI: each property file's worker drops its ClaimResult into
 * this run's own results folder (reports/.vitest-results/<pid>-<time>/), and the global teardown
 * (properties/global-setup.ts) joins them into this run's report folder:
 *   - a shard (vitest --shard=i/n) → reports/shard-i-of-n/ (run.shard set; `muon-claims merge` joins them);
 *   - a run of every claim → reports/;
 *   - a run of some claims (one property file, a filter) → reports/partial/,
 * so that no run replaces another kind of run's report, and the set is swapped in whole, under the folder's lock.
 */

export const REPORTS_DIR = fileURLToPath(new URL('../../reports/', import.meta.url));
const RESULTS_ROOT = join(REPORTS_DIR, '.vitest-results');

/** A fresh folder for one vitest run's results (one per run, so that two runs at once cannot mix theirs). */
export function newVitestResultsDir(): string {
  const dir = join(RESULTS_ROOT, `${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function saveVitestResult(r: ClaimResult, dir: string): void {
  // Only reference runs: planted-bug runs of the same claims must not overwrite the real verdicts.
  if (r.impl !== 'reference') return;
  writeFileAtomic(join(dir, `${r.id.replaceAll('/', '-')}.json`), encodeJson(r, 0)); // ±∞ survive the trip (json.ts)
}

/** The folder a vitest run's report goes to (see above). */
export function vitestReportDir(ids: readonly string[], shard?: { index: number; count: number }, root = REPORTS_DIR.replace(/\/$/, '')): string {
  if (shard && shard.count > 1) return join(root, `shard-${shard.index}-of-${shard.count}`);
  return registry.every((c) => ids.includes(c.id)) ? root : join(root, 'partial');
}

export function writeVitestReport(started: Date, profile: Profile, seed: number, RESULTS_DIR: string, shard?: { index: number; count: number }): string | undefined {
  if (!existsSync(RESULTS_DIR)) return undefined;
  const results = readdirSync(RESULTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => decodeJson(readFileSync(join(RESULTS_DIR, f), 'utf8')) as ClaimResult);
  try {
    if (results.length === 0) return undefined;
    const order = registry.map((c) => c.id);
    results.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    const cut = results.filter((r) => r.modes.some((m) => m.interrupted)).map((r) => r.id);
    const missing = order.filter((id) => !results.some((r) => r.id === id));
    const reasons: IncompleteReason[] = [...(cut.length ? [{ code: 'cut-short' as const, claims: cut, byTimeLimit: true }] : []), ...(missing.length ? [{ code: 'not-run' as const, claims: missing }] : [])];
    const report = buildReport(results, { profile, seed, modes: MODES, ...(shard && shard.count > 1 ? { shard } : {}), frontEnd: 'vitest' }, started, reasons);
    const out = vitestReportDir(results.map((r) => r.id), shard);
    // Another writer of the same folder (a CLI check, a concurrent run) finishes first; its set is replaced whole.
    writeReports(out, report, { waitMs: 120_000 });
    return out;
  } finally {
    rmSync(RESULTS_DIR, { recursive: true, force: true });
  }
}
