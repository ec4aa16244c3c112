import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ClaimResult } from '../claims/engine.ts';
import { DEFAULT_SEED } from '../claims/engine.ts';
import { FixtureError } from '../claims/errata.ts';
import { projectErrata, projectRegressions, regressionsDir, validateRegressionDir } from '../claims/fixtures.ts';
import { claimById as catalogueById } from '../claims/registry.ts';
import type { RegressionCase } from '../claims/regressions.ts';
import { PROFILES, MODES, type Mode, type Profile } from '../claims/types.ts';
import { buildReport, type IncompleteReason } from '../report/report.ts';
import { worstSlack, num } from '../report/format.ts';
import { acquireOutputLock, OutputError, validateOutputDir } from '../report/atomic.ts';
import { portablePath, writeReports } from '../report/write.ts';
import { failureBlocks, renderFailureText } from '../report/failure.ts';
import { toReportCell, toReportClaim, type ReportTransferCell } from '../report/schema.ts';
import { FINDING_NOT_ERRATUM, TRANSFER_CASES, variantById, variantIds, type TransferCell } from '../claims/transfer.ts';
import { cellShort, matrixText } from '../report/transfer.ts';
import { VARIANTS } from '../impl/variants.ts';
import { resolveClaimSet } from './claim-set.ts';
import { CHECK } from './commands.ts';
import { helpText, list, parseCommand, parseSeed, parseShard, parseTimeLimit, plural, str, UsageError } from './options.ts';
import type { RunRequest } from './run-claims.ts';
import { onStopSignal, receivedSignal, SIGNAL_EXIT, watchParents, type StopSignal } from './signals.ts';

export interface CheckArgs {
  readonly patterns: readonly string[];
  readonly profile: Profile;
  readonly seed: number;
  readonly modes: readonly Mode[];
  readonly shard?: { readonly index: number; readonly count: number };
  readonly out: string;
  /** Per-claim time limit in seconds (default: the profile's). */
  readonly timeLimit?: number;
  readonly claimsFile?: string;
  readonly withCatalogue: boolean;
  /** The transfer matrix's variant ids (default all); empty with --no-transfer. */
  readonly variants: readonly string[];
}

/** Parses `check`'s options; profile and seed default to MUON_PROFILE and MUON_SEED. 'help' for --help. */
export function parseCheckArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CheckArgs | 'help' {
  const p = parseCommand(CHECK, argv);
  if (p === 'help') return p;
  const profileText = str(p, 'profile') ?? (env.MUON_PROFILE || undefined);
  const from = str(p, 'profile') !== undefined ? '--profile' : 'MUON_PROFILE';
  if (profileText !== undefined && !(PROFILES as readonly string[]).includes(profileText)) throw new UsageError(`${from} must be one of ${PROFILES.join(', ')}, got '${profileText}'`);
  const seedText = str(p, 'seed');
  const seed = seedText !== undefined ? parseSeed(seedText) : env.MUON_SEED ? parseSeed(env.MUON_SEED, 'MUON_SEED') : DEFAULT_SEED;
  const modeText = str(p, 'mode') ?? 'both';
  if (!['float', 'exact', 'both'].includes(modeText)) throw new UsageError(`--mode must be float, exact or both, got '${modeText}'`);
  const shardText = str(p, 'shard');
  const tl = str(p, 'time-limit');
  const out = str(p, 'out') ?? 'reports';
  if (out.trim() === '') throw new UsageError("--out must name a directory, got ''");
  const claimsFile = str(p, 'claims');
  const variants = parseVariants(list(p, 'variants'), p.values['no-transfer'] === true);
  return {
    patterns: [...list(p, 'claim'), ...p.positionals],
    profile: (profileText ?? 'default') as Profile,
    seed,
    modes: modeText === 'both' ? MODES : [modeText as Mode],
    ...(shardText !== undefined ? { shard: parseShard(shardText) } : {}),
    out,
    ...(tl !== undefined ? { timeLimit: parseTimeLimit(tl) } : {}),
    ...(claimsFile !== undefined ? { claimsFile } : {}),
    withCatalogue: p.values['with-catalogue'] === true,
    variants,
  };
}

/** --variants ID,… (default every variant) or --no-transfer (none); an unknown id names the option and the allowed ids. */
export function parseVariants(given: readonly string[], noTransfer: boolean): string[] {
  if (noTransfer && given.length > 0) throw new UsageError('--variants and --no-transfer exclude each other (--no-transfer skips the transfer matrix)');
  if (noTransfer) return [];
  if (given.length === 0) return variantIds();
  const ids: string[] = [];
  for (const raw of given.flatMap((g) => g.split(','))) {
    const id = raw.trim();
    if (id === '') throw new UsageError(`--variants needs one or more variant ids, e.g. --variants ${variantIds().slice(0, 2).join(',')} (got an empty one in '${given.join(' ')}'); allowed: ${variantIds().join(', ')}`);
    if (!variantById(id)) throw new UsageError(`--variants: unknown variant id '${id}'; allowed: ${variantIds().join(', ')}`);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

const MARK: Record<ClaimResult['verdict'], string> = { holds: '✔', violated: '✘', 'violated (known erratum)': '!', inconclusive: '?' };

export function verdictLine(r: ClaimResult): string {
  const w = worstSlack(r);
  const cases = r.modes.map((m) => `${m.mode} ${plural(m.cases, 'case')}`).join(', ');
  const probes = r.probes.length ? `, ${plural(r.probes.filter((p) => p.found).length, 'probe')} of ${r.probes.length} found` : '';
  return `${MARK[r.verdict]} ${r.id.padEnd(8)} ${r.verdict.padEnd(24)} ${cases}${w ? `; worst slack ${num(w.value)} ${w.bound}` : ''}${probes} (${(r.timeMs / 1000).toFixed(1)} s)`;
}

/** The claims' one-line summary: "3 claims: 2 hold, 1 violated, …" with the plurals right. */
export function summaryLine(s: { claims: number; holds: number; violated: number; knownErrata: number; inconclusive: number; probes: number; probesFound: number }): string {
  return `${plural(s.claims, 'claim')}: ${s.holds} ${s.holds === 1 ? 'holds' : 'hold'}, ${s.violated} violated, ${plural(s.knownErrata, 'known erratum', 'known errata')}, ${s.inconclusive} inconclusive; ${s.probes === 0 ? 'no necessity probes' : `${s.probesFound} of ${plural(s.probes, 'necessity probe')} found ${s.probes === 1 ? 'its' : 'their'} counterexample`}`;
}

/**
 * `muon-claims check …`: 0 all hold (or known errata / inconclusive), 1 a violation, 2 bad usage or a bad input
 * file, 130 SIGINT, 143 SIGTERM, 129 SIGHUP or the launching process gone. Everything is validated before a claim
 * runs; a stop signal at any time (even while the CLI was loading) gives a report marked incomplete.
 */
export async function checkCommand(argv: readonly string[]): Promise<number> {
  // Subscribe first: from here on a signal is ours to handle (bin records any that came while loading).
  let interruptedBy: string | undefined;
  let stopSignal: StopSignal | undefined;
  let stopWorker: ((count: number) => void) | undefined;
  const stopFor = (s: StopSignal, why: string, count: number): void => {
    if (stopSignal === undefined) {
      stopSignal = s;
      interruptedBy = why;
    }
    stopWorker?.(count);
  };
  const unsubscribe = onStopSignal((s, count) => stopFor(s, `interrupted by ${s}`, count));
  const early = receivedSignal();
  if (early) stopFor(early, `interrupted by ${early}`, 1);
  try {
    return await runCheck(argv, () => interruptedBy, () => stopSignal, (f) => (stopWorker = f), stopFor);
  } finally {
    unsubscribe();
  }
}

async function runCheck(
  argv: readonly string[],
  interrupted: () => string | undefined,
  signal: () => StopSignal | undefined,
  setStopWorker: (f: (count: number) => void) => void,
  stopFor: (s: StopSignal, why: string, count: number) => void,
): Promise<number> {
  let a: CheckArgs;
  let ids: string[];
  let request: RunRequest;
  let releaseOut = (): void => {};
  try {
    const parsed = parseCheckArgs(argv);
    if (parsed === 'help') {
      console.log(helpText(CHECK));
      return 0;
    }
    a = parsed;
    const set = await resolveClaimSet({ patterns: a.patterns, claimsFile: a.claimsFile, withCatalogue: a.withCatalogue });
    const order = set.selected.map((c) => c.id);
    ids = a.shard ? order.filter((_, i) => i % a.shard!.count === a.shard!.index - 1) : order;
    // Fixtures are read (and refused if corrupt) before anything runs or is written.
    // Every input file (errata, each pinned-regression file) against its schema and the registry.
    const errata = projectErrata();
    const pinned = validateRegressionDir();
    // A user's own claims keep their pins with the user's code (muon-claims pin --claims writes them there).
    const ownDir = resolve('fixtures', 'regressions');
    const own = (id: string): RegressionCase[] => (a.claimsFile && !catalogueById(id) && ownDir !== resolve(regressionsDir()) ? projectRegressions(id, ownDir, set.byId) : []);
    const regressions = Object.fromEntries(ids.map((id) => [id, [...(pinned[id] ?? []), ...own(id)]]));
    // The output directory: a file or an unwritable directory is refused now, not after the run; the lock keeps a
    // second writer out of it until this run's set is swapped in.
    validateOutputDir(a.out);
    releaseOut = acquireOutputLock(a.out);
    request = {
      ids,
      profile: a.profile,
      seed: a.seed,
      modes: a.modes,
      errata,
      regressions,
      ...(a.timeLimit ? { timeLimitMs: a.timeLimit * 1000 } : {}),
      ...(a.claimsFile ? { claimsFile: resolve(a.claimsFile), withCatalogue: a.withCatalogue } : {}),
      // The variants are float algorithms: --mode exact skips the matrix.
      ...(a.variants.length > 0 && a.modes.includes('float') ? { variants: a.variants } : {}),
    };
  } catch (e) {
    if (e instanceof UsageError || e instanceof FixtureError || e instanceof OutputError) {
      console.error(`muon-claims check: ${e.message}`);
      return 2;
    }
    throw e;
  }
  try {
    return await runAndWrite(a, ids, request, interrupted, signal, setStopWorker, stopFor);
  } finally {
    releaseOut();
  }
}

async function runAndWrite(
  a: CheckArgs,
  ids: readonly string[],
  request: RunRequest,
  interrupted: () => string | undefined,
  signal: () => StopSignal | undefined,
  setStopWorker: (f: (count: number) => void) => void,
  stopFor: (s: StopSignal, why: string, count: number) => void,
): Promise<number> {
  const started = new Date();
  console.log(`muon-claims check: ${plural(ids.length, 'claim')}, profile ${a.profile}, seed ${request.seed}, modes ${a.modes.join('+')}${a.shard ? `, shard ${a.shard.index}/${a.shard.count}` : ''}`);

  if (a.variants.length > 0 && !request.variants) console.log('transfer matrix skipped: --mode exact (the practical-Muon variants are float algorithms)');
  const results: ClaimResult[] = [];
  const cells: ReportTransferCell[] = [];
  let workerError: string | undefined;
  if (interrupted() === undefined) {
    const stop = new SharedArrayBuffer(4);
    const flag = new Int32Array(stop);
    const worker = new Worker(new URL('./check-worker.mjs', import.meta.url), { workerData: { request, stop } });
    setStopWorker((count) => {
      if (count <= 1) {
        Atomics.store(flag, 0, 1);
        console.error(`\nmuon-claims check: ${interrupted()} — finishing the current case and writing an incomplete report (send it again to stop at once)`);
      } else void worker.terminate();
    });
    // A signal that came in between (or while loading) stops the worker before its first case.
    if (interrupted() !== undefined) Atomics.store(flag, 0, 1);
    // `npx muon-claims` runs node under `sh -c`: a signal to npx never reaches us, so watch the launcher instead.
    const unwatch = watchParents((sig, why) => stopFor(sig, why.startsWith('interrupted') ? why : `interrupted: ${why}`, 1));
    await new Promise<void>((resolveDone) => {
      worker.on('message', (m: { type: string; message?: string; result?: ClaimResult; cell?: TransferCell }) => {
        if (m.type === 'progress') console.log(`  … ${m.message}`);
        else if (m.type === 'cell') {
          const cell = toReportCell(m.cell!);
          if (cells.length === 0) console.log(`\npractical-Muon transfer matrix: ${plural(ids.length, 'claim')} × ${plural(request.variants!.length, 'variant')} (${request.variants!.join(', ')}); cases per cell: ${TRANSFER_CASES[a.profile].text}`);
          cells.push(cell);
          if (cell.status !== 'not applicable') console.log(`  ${cell.claim.padEnd(8)} × ${cell.variant.padEnd(14)} ${cellShort(cell, 60)}${cell.status === 'deep only' ? '' : ` (${(cell.timeMs / 1000).toFixed(1)} s)`}`);
        }
        else if (m.type === 'result') {
          results.push(m.result!);
          console.log(verdictLine(m.result!));
          // A failure prints its block: shrunk case, failing bound with lhs and rhs, verdicts, file, replay command.
          if (m.result!.verdict === 'violated') console.log(`${renderFailureText(failureBlocks(toReportClaim(m.result!), portablePath(a.out), a.claimsFile)).replace(/^/gm, '    ')}\n`);
        } else if (m.type === 'error') workerError = m.message;
      });
      worker.on('error', (e) => {
        workerError = e.stack ?? String(e);
      });
      worker.on('exit', () => resolveDone());
    });
    unwatch();
  }

  const interruptedBy = interrupted();
  const cut = results.filter((r) => r.modes.some((m) => m.interrupted)).map((r) => r.id);
  const missing = ids.filter((id) => !results.some((r) => r.id === id));
  const reasons: IncompleteReason[] = [
    ...(interruptedBy ? [{ code: 'signal' as const, detail: interruptedBy }] : []),
    ...(workerError ? [{ code: 'claim-error' as const, detail: workerError.split('\n')[0]! }] : []),
    ...(cut.length ? [{ code: 'cut-short' as const, claims: cut, byTimeLimit: !interruptedBy }] : []),
    ...(missing.length ? [{ code: 'not-run' as const, claims: missing }] : []),
  ];
  const transfer = request.variants
    ? {
        variants: request.variants.map((id) => {
          const v = VARIANTS.find((x) => x.id === id)!;
          return { id: v.id, title: v.title, what: v.what, precision: v.precision };
        }),
        budget: TRANSFER_CASES[a.profile].text,
        meaning: FINDING_NOT_ERRATUM,
        cells,
      }
    : undefined;
  const report = buildReport(results, { profile: a.profile, seed: request.seed, modes: a.modes, ...(a.shard ? { shard: a.shard } : {}), frontEnd: 'cli', ...(a.claimsFile ? { claimsFile: a.claimsFile } : {}) }, started, reasons, transfer);
  writeReports(a.out, report);
  const s = report.summary;
  if (report.transfer) console.log(`\n${matrixText(report.transfer, portablePath(a.out))}`);
  console.log(`\n${summaryLine(s)}`);
  if (!report.complete) console.log(`report INCOMPLETE: ${report.incomplete}`);
  console.log(`reports written to ${a.out}/ (claims.json, claims.md, index.html, junit.xml${Object.keys(report.counterexampleFiles).length ? ', counterexamples/' : ''})`);
  if (workerError) console.error(workerError);
  const sig = signal();
  if (sig) return SIGNAL_EXIT[sig];
  return s.violated > 0 || workerError ? 1 : 0;
}
