import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportClaim } from '../report/schema.ts';
import { claims as registry } from '../claims/registry.ts';
import { REPORT_SCHEMA, REPORT_SCHEMA_VERSION, buildReport, type Report, type IncompleteReason, type TransferInput } from '../report/report.ts';
import { OutputError, validateOutputDir } from '../report/atomic.ts';
import { writeReports } from '../report/write.ts';
import { MERGE } from './commands.ts';
import { helpText, parseCommand, plural, str, UsageError } from './options.ts';

/**
 * `muon-claims merge DIR… [--out DIR]`: joins the claims.json of sharded runs (check --shard i/n --out DIR) into one
 * report. The shards must share profile and seed; a claim present twice or a missing shard makes it an error or an
 * incomplete report respectively.
 */
export async function mergeCommand(args: readonly string[]): Promise<number> {
  let dirs: string[];
  let out: string;
  try {
    const p = parseCommand(MERGE, args);
    if (p === 'help') {
      console.log(helpText(MERGE));
      return 0;
    }
    dirs = [...p.positionals];
    out = str(p, 'out') ?? 'reports';
    if (dirs.length === 0) throw new UsageError(`needs one or more shard directories\nusage: muon-claims ${MERGE.usage}`);
    validateOutputDir(out);
  } catch (e) {
    if (e instanceof UsageError || e instanceof OutputError) {
      console.error(`muon-claims merge: ${e.message}`);
      return 2;
    }
    throw e;
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
  const byId = new Map<string, ReportClaim>();
  for (const [i, r] of reports.entries()) {
    for (const c of r.claims) {
      if (byId.has(c.id)) {
        console.error(`muon-claims merge: claim ${c.id} appears in more than one report (again in ${dirs[i]})`);
        return 2;
      }
      byId.set(c.id, c);
    }
  }
  // Catalogue claims in registry order, then any others (a user's --claims) in the order the shards list them.
  const rank = (id: string): number => (order.includes(id) ? order.indexOf(id) : order.length + [...byId.keys()].indexOf(id));
  const merged = [...byId.values()].sort((a, b) => rank(a.id) - rank(b.id));
  // Each part's own reasons (as data), less those that the merge answers itself: claims not run and shards missing,
  // which another part may supply.
  const recomputed = (r: IncompleteReason): boolean => r.code === 'not-run' || r.code === 'shards-missing';
  const problems: IncompleteReason[] = reports.flatMap((r, i) => (r.complete ? [] : (r.incompleteReasons ?? [])).filter((x) => !recomputed(x)).map((reason) => ({ code: 'part' as const, dir: dirs[i]!, reason })));
  // A run of only a user's claims (--claims without --with-catalogue) does not owe the catalogue.
  const notRun = [...byId.keys()].some((id) => order.includes(id)) ? order.filter((id) => !byId.has(id)) : [];
  if (notRun.length) problems.push({ code: 'not-run', claims: notRun });
  const count = first.shard?.count;
  if (count !== undefined) {
    const have = new Set(reports.map((r) => r.run.shard?.index));
    const lacking = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !have.has(k));
    if (lacking.length) problems.push({ code: 'shards-missing', shards: lacking.map((k) => `${k}/${count}`) });
  }
  const started = new Date(Math.min(...reports.map((r) => Date.parse(r.timing.startedAt))));
  // The transfer matrix: each shard ran the cells of its own claims; the variants are the union, in first-seen order.
  const parts = reports.flatMap((r) => (r.transfer ? [r.transfer] : []));
  const transfer: TransferInput | undefined = parts.length
    ? {
        variants: [...new Map(parts.flatMap((t) => t.variants).map((v) => [v.id, v])).values()],
        budget: parts[0]!.budget,
        meaning: parts[0]!.meaning,
        cells: parts.flatMap((t) => t.cells).sort((a, b) => rank(a.claim) - rank(b.claim)),
      }
    : undefined;
  const report = buildReport(merged, { profile: first.profile, seed: first.seed, modes: first.modes, frontEnd: first.frontEnd }, started, problems, transfer);
  try {
    writeReports(out, report);
  } catch (e) {
    if (e instanceof OutputError) {
      console.error(`muon-claims merge: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const s = report.summary;
  console.log(`merged ${plural(reports.length, 'report')}: ${plural(s.claims, 'claim')}, ${s.holds} ${s.holds === 1 ? 'holds' : 'hold'}, ${s.violated} violated, ${s.knownErrata} known errata, ${s.inconclusive} inconclusive${report.complete ? '' : ` — INCOMPLETE: ${report.incomplete}`}; written to ${out}/`);
  return s.violated > 0 ? 1 : 0;
}
