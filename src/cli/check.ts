import { Worker } from 'node:worker_threads';
import type { ClaimResult } from '../claims/engine.ts';
import { DEFAULT_SEED } from '../claims/engine.ts';
import { FixtureError } from '../claims/errata.ts';
import { projectErrata, projectRegressions } from '../claims/fixtures.ts';
import { claims, unknownClaimMessage } from '../claims/registry.ts';
import type { RegressionCase } from '../claims/regressions.ts';
import { buildReport } from '../report/report.ts';
import { worstSlack, num } from '../report/format.ts';
import { writeReports } from '../report/write.ts';
import { parseCheckArgs, UsageError, type CheckArgs } from './args.ts';
import type { RunRequest } from './run-claims.ts';

/** The claims a check covers: --claim ids (validated) or all, then the shard's share (index ≡ i − 1 mod n). */
export function selectClaims(a: Pick<CheckArgs, 'claims' | 'shard'>): string[] {
  for (const id of a.claims) if (!claims.some((c) => c.id === id)) throw new UsageError(unknownClaimMessage(id));
  const ids = a.claims.length > 0 ? claims.map((c) => c.id).filter((id) => a.claims.includes(id)) : claims.map((c) => c.id);
  return a.shard ? ids.filter((_, i) => i % a.shard!.count === a.shard!.index - 1) : ids;
}

const MARK: Record<ClaimResult['verdict'], string> = { holds: '✔', violated: '✘', 'violated (known erratum)': '!', inconclusive: '?' };

export function verdictLine(r: ClaimResult): string {
  const w = worstSlack(r);
  const cases = r.modes.map((m) => `${m.mode} ${m.cases}`).join(', ');
  const probes = r.probes.length ? `, probes ${r.probes.filter((p) => p.found).length}/${r.probes.length}` : '';
  return `${MARK[r.verdict]} ${r.id.padEnd(8)} ${r.verdict.padEnd(24)} ${cases}${w ? `; worst slack ${num(w.value)} ${w.bound}` : ''}${probes} (${(r.timeMs / 1000).toFixed(1)} s)`;
}

/** `muon-claims check …`: 0 all hold (or known errata / inconclusive), 1 a violation, 2 bad usage, 130 SIGINT. */
export async function checkCommand(argv: readonly string[]): Promise<number> {
  let a: CheckArgs;
  let ids: string[];
  let regressions: Record<string, readonly RegressionCase[]>;
  let request: RunRequest;
  try {
    a = parseCheckArgs(argv);
    ids = selectClaims(a);
    // Fixtures are read (and refused if corrupt) before anything runs or is written.
    const errata = projectErrata();
    regressions = Object.fromEntries(ids.map((id) => [id, projectRegressions(id)]));
    request = { ids, profile: a.profile, seed: a.seed ?? DEFAULT_SEED, modes: a.modes, errata, regressions, ...(a.timeLimit ? { timeLimitMs: a.timeLimit * 1000 } : {}) };
  } catch (e) {
    if (e instanceof UsageError || e instanceof FixtureError) {
      console.error(`muon-claims check: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const started = new Date();
  console.log(`muon-claims check: ${ids.length} claim(s), profile ${a.profile}, seed ${request.seed}, modes ${a.modes.join('+')}${a.shard ? `, shard ${a.shard.index}/${a.shard.count}` : ''}`);

  const stop = new SharedArrayBuffer(4);
  const flag = new Int32Array(stop);
  const results: ClaimResult[] = [];
  let interruptedBy: string | undefined;
  let workerError: string | undefined;
  const worker = new Worker(new URL('./check-worker.mjs', import.meta.url), { workerData: { request, stop } });
  const onSigint = (): void => {
    if (interruptedBy === undefined) {
      interruptedBy = 'SIGINT';
      Atomics.store(flag, 0, 1);
      console.error('\nmuon-claims check: interrupted — finishing the current case and writing an incomplete report (Ctrl-C again to stop at once)');
    } else void worker.terminate();
  };
  process.on('SIGINT', onSigint);
  await new Promise<void>((resolve) => {
    worker.on('message', (m: { type: string; message?: string; result?: ClaimResult }) => {
      if (m.type === 'progress') console.log(`  … ${m.message}`);
      else if (m.type === 'result') {
        results.push(m.result!);
        console.log(verdictLine(m.result!));
      } else if (m.type === 'error') workerError = m.message;
    });
    worker.on('error', (e) => {
      workerError = e.stack ?? String(e);
    });
    worker.on('exit', () => resolve());
  });
  process.off('SIGINT', onSigint);

  const cut = results.filter((r) => r.modes.some((m) => m.interrupted)).map((r) => r.id);
  const missing = ids.filter((id) => !results.some((r) => r.id === id));
  const reasons = [
    ...(interruptedBy ? [`interrupted by ${interruptedBy}`] : []),
    ...(workerError ? [`a claim could not run: ${workerError.split('\n')[0]}`] : []),
    ...(cut.length ? [`cut short${interruptedBy ? '' : ' by the time limit'}: ${cut.join(', ')}`] : []),
    ...(missing.length ? [`not run: ${missing.join(', ')}`] : []),
  ];
  const report = buildReport(results, { profile: a.profile, seed: request.seed, modes: a.modes, ...(a.shard ? { shard: a.shard } : {}), frontEnd: 'cli' }, started, reasons.length ? reasons.join('; ') : undefined);
  writeReports(a.out, report);
  const s = report.summary;
  console.log(`\n${s.claims} claims: ${s.holds} hold, ${s.violated} violated, ${s.knownErrata} known errata, ${s.inconclusive} inconclusive; probes ${s.probesFound}/${s.probes} found`);
  if (!report.complete) console.log(`report INCOMPLETE: ${report.incomplete}`);
  console.log(`reports written to ${a.out}/ (claims.json, claims.md, index.html, junit.xml${Object.keys(report.counterexampleFiles).length ? ', counterexamples/' : ''})`);
  if (workerError) console.error(workerError);
  if (interruptedBy) return 130;
  return s.violated > 0 || workerError ? 1 : 0;
}
