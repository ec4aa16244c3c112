import type { ClaimResult } from '../claims/engine.ts';
import { summarizeCells, toReportClaim, type ReportClaim, type ReportCounterexample, type ReportTransfer, type ReportTransferCell } from './schema.ts';

export type { ReportClaim } from './schema.ts';
import type { Mode, Profile, Verdict } from '../claims/types.ts';
import { versions } from './versions.ts';

/*
 * The report: what `muon-claims check` and the vitest run write to reports/ (claims.json is its serialisation).
 * Schema "muon-claims/claims-report", version 1 — documented field by field in the README ("Reading a report").
 * Fields under `timing` and every `timeMs` are the only ones that differ between two runs with the same seed and
 * profile.
 */

export const REPORT_SCHEMA = 'muon-claims/claims-report';
export const REPORT_SCHEMA_VERSION = 1;
export const COUNTEREXAMPLE_SCHEMA = 'muon-claims/counterexample';

export interface RunInfo {
  readonly profile: Profile;
  readonly seed: number;
  /** The modes selected (--mode), or both. */
  readonly modes: readonly Mode[];
  /** --shard i/n: this report covers the claims whose index ≡ i − 1 (mod n). */
  readonly shard?: { readonly index: number; readonly count: number };
  /** 'cli' or 'vitest'. */
  readonly frontEnd: 'cli' | 'vitest';
  /** --claims FILE: the user's module of claims the run took (its replay commands name it). */
  readonly claimsFile?: string;
}

export interface Summary {
  readonly claims: number;
  readonly holds: number;
  readonly violated: number;
  readonly knownErrata: number;
  readonly inconclusive: number;
  readonly probes: number;
  readonly probesFound: number;
}

export interface Report {
  readonly schema: typeof REPORT_SCHEMA;
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /** False when the run was cut short (time limit, SIGINT) or a claim could not run; `incompleteReasons` says why. */
  readonly complete: boolean;
  readonly incomplete?: string;
  /** Why the report is incomplete, as data (`incomplete` is the same in words). */
  readonly incompleteReasons?: readonly IncompleteReason[];
  readonly tool: { readonly name: 'muon-claims'; readonly version: string };
  readonly node: string;
  readonly dependencies: Readonly<Record<string, string>>;
  readonly run: RunInfo;
  readonly summary: Summary;
  readonly claims: readonly ReportClaim[];
  /** Counterexample files written beside the report, by claim id (relative to the report's folder). */
  readonly counterexampleFiles: Readonly<Record<string, readonly string[]>>;
  /** The practical-Muon transfer matrix (claims × variants), when the run computed it (check without --no-transfer). */
  readonly transfer?: ReportTransfer;
  readonly timing: { readonly startedAt: string; readonly durationMs: number };
}

export function summarize(claims: readonly ReportClaim[]): Summary {
  const count = (v: Verdict): number => claims.filter((c) => c.verdict === v).length;
  const probes = claims.flatMap((c) => c.probes);
  return {
    claims: claims.length,
    holds: count('holds'),
    violated: count('violated'),
    knownErrata: count('violated (known erratum)'),
    inconclusive: count('inconclusive'),
    probes: probes.length,
    probesFound: probes.filter((p) => p.found).length,
  };
}

/** FNV-1a of the value's JSON, 8 hex digits: the <hash> of counterexamples/<claim-id>-<hash>.json. */
export function valueHash(value: unknown): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(value) ?? 'undefined') {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** counterexamples/<claim-id>-<hash>.json; a transfer cell's: counterexamples/<claim-id>@<variant>-<hash>.json. */
export function counterexampleFileName(claim: string, value: unknown, variant?: string): string {
  return `${claim.replaceAll('/', '-')}${variant !== undefined ? `@${variant}` : ''}-${valueHash(value)}.json`;
}

export interface CounterexampleFile {
  readonly schema: typeof COUNTEREXAMPLE_SCHEMA;
  readonly schemaVersion: 1;
  readonly claim: string;
  readonly title: string;
  readonly provenance: string;
  readonly profile: Profile;
  /** The engine's seed (--seed) and fast-check's seed and path for this mode. */
  readonly runSeed: number;
  readonly mode: Mode;
  readonly seed: number;
  readonly path?: string;
  readonly numShrinks: number;
  /** The shrunk case: what `replay` runs and `pin` stores. */
  readonly value: unknown;
  readonly failedBounds: ReportCounterexample['failedBounds'];
  readonly error?: string;
  /** Verdict of the case in the mode it was found in, and of its exact re-check. */
  readonly verdicts: { readonly [mode: string]: string };
  readonly erratum?: string;
  /** The check's trace around the failure (e.g. the trajectory window), when it gives one. */
  readonly trace?: unknown;
  readonly replay: string;
  /** Set when the case comes from fixtures/regressions/ (its note there). */
  readonly pinned?: string;
  /**
   * The practical-Muon variant it was found under (a transfer-matrix cell): replay and pin run it with that variant,
   * and its confirmation is in the variant's terms (verdicts.confirmation). A finding about practical Muon, not an
   * erratum of the paper.
   */
  readonly variant?: string;
}

export function counterexampleFile(result: ReportClaim, ce: ReportCounterexample, fileName: string, dir: string, pinned?: string, claimsFile?: string, variant?: string): CounterexampleFile {
  const verdicts: Record<string, string> = { [ce.mode]: ce.error ? `error: ${ce.error}` : 'violated' };
  const confirmed = ce.confirmation.verdict === 'confirmed' ? 'violated (confirmed)' : ce.confirmation.verdict;
  // A variant's float failure is confirmed in the variant's terms (a bf16 re-run, its NS at higher precision): not "exact".
  if (ce.mode === 'float') verdicts[variant !== undefined ? 'confirmation' : 'exact'] = confirmed;
  return {
    schema: COUNTEREXAMPLE_SCHEMA,
    schemaVersion: 1,
    claim: result.id,
    title: result.title,
    provenance: result.provenance,
    profile: result.profile,
    runSeed: result.seed,
    mode: ce.mode,
    seed: ce.seed,
    ...(ce.path !== undefined ? { path: ce.path } : {}),
    numShrinks: ce.numShrinks,
    value: ce.value,
    failedBounds: ce.failedBounds,
    ...(ce.error ? { error: ce.error } : {}),
    verdicts,
    ...(ce.erratum ? { erratum: ce.erratum } : {}),
    ...(ce.trace !== undefined ? { trace: ce.trace } : {}),
    // A user's own claim replays only with its module: the command names it.
    replay: `npx muon-claims replay ${dir}/counterexamples/${fileName}${claimsFile ? ` --claims ${claimsFile}` : ''}`,
    ...(pinned !== undefined ? { pinned } : {}),
    ...(variant !== undefined ? { variant } : {}),
  };
}

/**
 * Every counterexample a claim's result carries: the shrunk one of each mode, and each pinned regression case that
 * fails (an erratum's witness, or a pinned bug that is back), so that each gets a file that `replay` can run.
 */
export function counterexamplesOf(c: Pick<ReportClaim, 'modes' | 'regressions' | 'seed'>): { ce: ReportCounterexample; pinned?: string }[] {
  const out: { ce: ReportCounterexample; pinned?: string }[] = c.modes.flatMap((m) => (m.counterexample ? [{ ce: m.counterexample }] : []));
  for (const g of c.regressions) {
    if (g.status !== 'violated') continue;
    out.push({
      pinned: g.note,
      ce: {
        mode: g.mode,
        seed: c.seed,
        numShrinks: 0,
        value: g.value,
        ...(g.error ? { error: g.error } : {}),
        failedBounds: g.failedBounds,
        confirmation: { verdict: g.mode === 'exact' ? 'confirmed' : 'unavailable', note: 'a pinned case (fixtures/regressions)' },
        ...(g.erratum ? { erratum: g.erratum } : {}),
      },
    });
  }
  return out;
}

/** A transfer cell's counterexamples: its shrunk one and each pinned case of the variant that fails. */
export function cellCounterexamples(cell: ReportTransferCell, seed: number): { ce: ReportCounterexample; pinned?: string }[] {
  return counterexamplesOf({ modes: cell.float ? [cell.float] : [], regressions: cell.regressions ?? [], seed });
}

/** The transfer matrix as buildReport takes it: everything but the files, which it names. */
export type TransferInput = Omit<ReportTransfer, 'summary' | 'counterexampleFiles'>;

/** The report of a run: the engine's results (or a merged report's claims) in the report's own schema. */
/** Why a report is incomplete: a code and its data (`merge` reads the codes; describeIncomplete says it in words). */
export type IncompleteReason =
  | { readonly code: 'signal'; readonly detail: string }
  | { readonly code: 'claim-error'; readonly detail: string }
  | { readonly code: 'cut-short'; readonly claims: readonly string[]; readonly byTimeLimit: boolean }
  | { readonly code: 'not-run'; readonly claims: readonly string[] }
  | { readonly code: 'shards-missing'; readonly shards: readonly string[] }
  | { readonly code: 'part'; readonly dir: string; readonly reason: IncompleteReason };

export function describeIncomplete(r: IncompleteReason): string {
  switch (r.code) {
    case 'signal':
      return r.detail;
    case 'claim-error':
      return `a claim could not run: ${r.detail}`;
    case 'cut-short':
      return `cut short${r.byTimeLimit ? ' by the time limit' : ''}: ${r.claims.join(', ')}`;
    case 'not-run':
      return `not run: ${r.claims.join(', ')}`;
    case 'shards-missing':
      return `shards missing: ${r.shards.join(', ')}`;
    case 'part':
      return `${r.dir}: ${describeIncomplete(r.reason)}`;
  }
}

export function buildReport(results: readonly (ClaimResult | ReportClaim)[], run: RunInfo, started: Date, incompleteReasons: readonly IncompleteReason[] = [], transfer?: TransferInput): Report {
  const incomplete = incompleteReasons.length ? incompleteReasons.map(describeIncomplete).join('; ') : undefined;
  const claims = results.map((r) => toReportClaim(r as ClaimResult));
  const v = versions();
  const counterexampleFiles: Record<string, string[]> = {};
  for (const c of claims) {
    const files = [...new Set(counterexamplesOf(c).map(({ ce }) => counterexampleFileName(c.id, ce.value)))];
    if (files.length > 0) counterexampleFiles[c.id] = files;
  }
  return {
    schema: REPORT_SCHEMA,
    schemaVersion: REPORT_SCHEMA_VERSION,
    complete: incomplete === undefined,
    ...(incomplete !== undefined ? { incomplete, incompleteReasons } : {}),
    tool: { name: 'muon-claims', version: v.tool },
    node: v.node,
    dependencies: v.dependencies,
    run,
    summary: summarize(claims),
    claims,
    counterexampleFiles,
    ...(transfer ? { transfer: transferOf(transfer, run.seed) } : {}),
    timing: { startedAt: started.toISOString(), durationMs: Date.now() - started.getTime() },
  };
}

function transferOf(t: TransferInput, seed: number): ReportTransfer {
  const files: Record<string, string[]> = {};
  for (const c of t.cells) {
    const names = [...new Set(cellCounterexamples(c, seed).map(({ ce }) => counterexampleFileName(c.claim, ce.value, c.variant)))];
    if (names.length > 0) files[`${c.claim}@${c.variant}`] = names;
  }
  return { variants: t.variants, budget: t.budget, meaning: t.meaning, summary: summarizeCells(t.cells), cells: t.cells, counterexampleFiles: files };
}

/**
 * The report without its timing fields (timeMs, timing, and a confirmation-ladder attempt's ms): what two runs with
 * the same seed and profile must agree on.
 */
export function withoutTiming(report: Report): unknown {
  return JSON.parse(JSON.stringify(report, (k, v) => (k === 'timeMs' || k === 'timing' || k === 'ms' ? undefined : v)));
}
