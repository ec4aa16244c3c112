import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimResult } from '../claims/engine.ts';
import { claims as registry } from '../claims/registry.ts';
import { REPORT_SCHEMA, REPORT_SCHEMA_VERSION, buildReport, type Report } from '../report/report.ts';
import { writeReports } from '../report/write.ts';

/**
 * `muon-claims merge DIR… [--out DIR]`: joins the claims.json of sharded runs (check --shard i/n --out DIR) into one
 * report. The shards must share profile and seed; a claim present twice or a missing shard makes it an error or an
 * incomplete report respectively.
 */
export async function mergeCommand(args: readonly string[]): Promise<number> {
  const dirs: string[] = [];
  let out = 'reports';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') {
      const v = args[++i];
      if (v === undefined) {
        console.error('muon-claims merge: --out needs a directory');
        return 2;
      }
      out = v;
    } else if (args[i]!.startsWith('--')) {
      console.error(`muon-claims merge: unknown option '${args[i]}' (allowed: --out)`);
      return 2;
    } else dirs.push(args[i]!);
  }
  if (dirs.length === 0) {
    console.error('usage: muon-claims merge DIR… [--out DIR]');
    return 2;
  }
  const reports: Report[] = [];
  for (const d of dirs) {
    const file = join(d, 'claims.json');
    let r: Report;
    try {
      r = JSON.parse(readFileSync(file, 'utf8')) as Report;
    } catch (e) {
      console.error(`muon-claims merge: ${file}: cannot be read as JSON (${(e as Error).message})`);
      return 2;
    }
    if (r.schema !== REPORT_SCHEMA || r.schemaVersion !== REPORT_SCHEMA_VERSION) {
      console.error(`muon-claims merge: ${file}: "schema" must be ${REPORT_SCHEMA} version ${REPORT_SCHEMA_VERSION}, got ${String(r.schema)} ${String(r.schemaVersion)}`);
      return 2;
    }
    reports.push(r);
  }
  const first = reports[0]!.run;
  for (const [i, r] of reports.entries()) {
    if (r.run.profile !== first.profile || r.run.seed !== first.seed) {
      console.error(`muon-claims merge: ${dirs[i]} ran profile ${r.run.profile} seed ${r.run.seed}, but ${dirs[0]} ran profile ${first.profile} seed ${first.seed}`);
      return 2;
    }
  }
  const order = registry.map((c) => c.id);
  const byId = new Map<string, ClaimResult>();
  for (const [i, r] of reports.entries()) {
    for (const c of r.claims) {
      if (byId.has(c.id)) {
        console.error(`muon-claims merge: claim ${c.id} appears in more than one report (again in ${dirs[i]})`);
        return 2;
      }
      byId.set(c.id, c);
    }
  }
  const merged = [...byId.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  // Each part's own reasons, less those that the merge answers itself (claims or shards another part supplies).
  const recomputed = (reason: string): boolean => reason.startsWith('not run:') || reason.startsWith('shards missing');
  const problems = reports.flatMap((r, i) => (r.complete ? [] : (r.incomplete ?? '').split('; ').filter((x) => x && !recomputed(x)).map((x) => `${dirs[i]}: ${x}`)));
  const notRun = order.filter((id) => !byId.has(id));
  if (notRun.length) problems.push(`not run: ${notRun.join(', ')}`);
  const count = first.shard?.count;
  if (count !== undefined) {
    const have = new Set(reports.map((r) => r.run.shard?.index));
    const lacking = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !have.has(k));
    if (lacking.length) problems.push(`shards missing: ${lacking.map((k) => `${k}/${count}`).join(', ')}`);
  }
  const started = new Date(Math.min(...reports.map((r) => Date.parse(r.timing.startedAt))));
  const report = buildReport(merged, { profile: first.profile, seed: first.seed, modes: first.modes, frontEnd: first.frontEnd }, started, problems.length ? problems.join('; ') : undefined);
  writeReports(out, report);
  const s = report.summary;
  console.log(`merged ${reports.length} report(s): ${s.claims} claims, ${s.holds} hold, ${s.violated} violated, ${s.knownErrata} known errata, ${s.inconclusive} inconclusive${report.complete ? '' : ` — INCOMPLETE: ${report.incomplete}`}; written to ${out}/`);
  return s.violated > 0 ? 1 : 0;
}
