import type { ClimbAttempt, RungName } from '../arith/ladder.ts';
import type { ClaimResult, Counterexample, ModeResult, NearTightSummary } from '../claims/engine.ts';
import type { Reason } from '../claims/judge.ts';
import type { Bound, Domain, Mode, Profile, Verdict } from '../claims/types.ts';
import type { BinomialTest } from '../claims/binomial.ts';
import type { TransferCell } from '../claims/transfer.ts';

/*
 * The claims.json schema ("muon-claims/claims-report"), as its own types: what a report promises its readers,
 * independent of the engine's internal ClaimResult (toReportClaim maps one onto the other, field by field). The
 * published JSON Schema is schemas/claims-report.schema.json; test/report/schema.test.ts validates real reports
 * against it. A number that can be ±∞ or NaN (slack, a bound's sides, a p-value) is written as the string
 * "Infinity", "-Infinity" or "NaN" (src/report/json.ts), never as null.
 */

export interface ReportBound {
  readonly name: string;
  readonly lhs: number;
  readonly rhs: number;
  readonly holds: boolean;
  readonly tolerance?: string;
  readonly at?: number;
}

export interface ReportSlack {
  readonly bound: string;
  /** max over the cases of lhs/rhs: 1 is tight, > 1 only on a violating case. */
  readonly max: number;
  readonly lhs: number;
  readonly rhs: number;
  readonly witness: unknown;
  readonly tolerance?: string;
  /** The target phase's search found this witness (not a random case). */
  readonly searched?: boolean;
}

export interface ReportCounterexample {
  readonly mode: Mode;
  readonly seed: number;
  readonly path?: string;
  readonly numShrinks: number;
  readonly value: unknown;
  readonly failedBounds: readonly ReportBound[];
  readonly error?: string;
  readonly confirmation: {
    readonly verdict: 'confirmed' | 'float artifact' | 'unavailable' | 'inconclusive';
    readonly note?: string;
    readonly field?: string;
    /** The confirmation ladder's rung that decided (src/claims/phases/confirm.ts), when the ladder ran. */
    readonly rung?: RungName;
    /** Every rung tried, in order: its field, digits, whether it decided, its error bound, time and note. */
    readonly attempts?: readonly ReportRungAttempt[];
  };
  readonly erratum?: string;
  readonly trace?: unknown;
}

export interface ReportRungAttempt {
  readonly rung: RungName;
  readonly field: string;
  /** Digits of the rung's arithmetic (absent for Q: exact). */
  readonly precision?: number;
  readonly decided: boolean;
  /** The rung's argued error, as its unit roundoff (0: exact; absent: none, the rung threw). */
  readonly maxError?: number;
  readonly ms: number;
  readonly note?: string;
}

/** Near-tight confirmation in one float mode (src/claims/phases/confirm.ts NearTightSummary). */
export interface ReportNearTight {
  readonly distance: number;
  readonly budget: number;
  readonly maxMs: number;
  readonly capped?: boolean;
  readonly candidates: number;
  readonly confirmed: number;
  readonly holds: number;
  readonly violated: number;
  readonly undecided: number;
  readonly rungs: Readonly<Partial<Record<RungName, number>>>;
  readonly maxSlack?: number;
  readonly firstViolated?: { readonly value: unknown; readonly slack: number; readonly rung: RungName; readonly field: string; readonly failedBounds: readonly ReportBound[] };
  readonly timeMs: number;
}

export interface ReportMode {
  readonly mode: Mode;
  readonly verdict: Verdict;
  readonly reason: Reason;
  readonly seed: number;
  readonly requestedCases: number;
  readonly cases: number;
  readonly interrupted: boolean;
  readonly inconclusiveCases: number;
  readonly firstInconclusive?: { readonly value: unknown; readonly reason: string };
  readonly skipped: number;
  readonly firstSkipped?: { readonly value: unknown; readonly reason: string };
  readonly slack: readonly ReportSlack[];
  readonly bins: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly branches: Readonly<Record<string, number>>;
  readonly exactness?: { readonly proven: number; readonly unproven: number; readonly maxErrorEstimate: string };
  readonly counterexample?: ReportCounterexample;
  readonly binomial?: BinomialTest;
  /** The target phase: evaluations, and per bound the ratio before and after the search for the worst case. */
  readonly search?: { readonly evaluations: number; readonly bounds: readonly { readonly bound: string; readonly from: number; readonly to: number; readonly evaluations: number }[]; readonly foundViolation?: boolean };
  /** Near-tight float cases confirmed through the ladder: how many, decided how, by which rung. */
  readonly nearTight?: ReportNearTight;
  readonly timeMs: number;
}

export interface ReportProbe {
  readonly id: string;
  readonly drops: string;
  readonly hypothesis?: string;
  readonly found: boolean;
  readonly summary: string;
  readonly witness?: unknown;
  readonly bound?: ReportBound;
  readonly tried?: number;
  readonly broke?: number;
  readonly exact?: boolean;
  readonly error?: string;
  readonly timeMs: number;
}

export interface ReportRegression {
  readonly mode: Mode;
  readonly note: string;
  readonly expect: 'holds' | 'violated';
  readonly status: 'holds' | 'violated' | 'inconclusive';
  readonly failedBounds: readonly ReportBound[];
  readonly error?: string;
  readonly value: unknown;
  readonly erratum?: string;
}

export interface ReportHypothesis {
  readonly name: string;
  readonly text: string;
  readonly domain: Domain;
  readonly necessary?: boolean;
}

export interface ReportClaim {
  readonly id: string;
  readonly title: string;
  readonly provenance: 'quoted' | 'reconstructed' | 'open' | 'literature';
  readonly source: { readonly paper: string; readonly where: string; readonly equations: readonly string[] };
  readonly statement: string;
  readonly hypotheses: readonly ReportHypothesis[];
  /** The implementation checked: 'reference' or a planted bug's id. */
  readonly impl: string;
  readonly profile: Profile;
  readonly seed: number;
  readonly verdict: Verdict;
  readonly reason: Reason;
  readonly modes: readonly ReportMode[];
  readonly probes: readonly ReportProbe[];
  readonly regressions: readonly ReportRegression[];
  readonly probabilistic?: { readonly maxFailureRate: number; readonly alpha: number };
  readonly mayBeInconclusive?: string;
  /** Why the claim declares no search space for the target phase. */
  readonly noSearch?: string;
  readonly binSpace?: Readonly<Record<string, readonly string[]>>;
  /** Bins only the deep profile is meant to reach, per axis, with the reason (not asked of quick and default runs). */
  readonly deepOnly?: Readonly<Record<string, { readonly bins: readonly string[]; readonly why: string }>>;
  readonly deepOnlyBranches?: { readonly branches: readonly string[]; readonly why: string };
  readonly unreached: { readonly bins: Readonly<Record<string, readonly string[]>>; readonly branches: readonly string[] };
  readonly timeMs: number;
}

const bound = (b: Bound): ReportBound => ({ name: b.name, lhs: b.lhs, rhs: b.rhs, holds: b.holds, ...(b.tolerance !== undefined ? { tolerance: b.tolerance } : {}), ...(b.at !== undefined ? { at: b.at } : {}) });

const attempt = (a: ClimbAttempt): ReportRungAttempt => ({
  rung: a.rung,
  field: a.field,
  ...(Number.isFinite(a.precision) ? { precision: a.precision } : {}),
  decided: a.decided,
  ...(Number.isFinite(a.maxError) ? { maxError: a.maxError } : {}),
  ms: a.ms,
  ...(a.note !== undefined ? { note: a.note } : {}),
});

function nearTight(n: NearTightSummary): ReportNearTight {
  const v = n.firstViolated;
  return {
    distance: n.distance,
    budget: n.budget,
    maxMs: n.maxMs,
    ...(n.capped ? { capped: true } : {}),
    candidates: n.candidates,
    confirmed: n.confirmed,
    holds: n.holds,
    violated: n.violated,
    undecided: n.undecided,
    rungs: n.rungs,
    ...(n.maxSlack !== undefined ? { maxSlack: n.maxSlack } : {}),
    ...(v ? { firstViolated: { value: v.value, slack: v.slack, rung: v.rung, field: v.field, failedBounds: v.failedBounds.map(bound) } } : {}),
    timeMs: n.timeMs,
  };
}

function counterexample(c: Counterexample): ReportCounterexample {
  const conf = c.confirmation;
  return {
    mode: c.mode,
    seed: c.seed,
    ...(c.path !== undefined ? { path: c.path } : {}),
    numShrinks: c.numShrinks,
    value: c.value,
    failedBounds: c.failedBounds.map(bound),
    ...(c.error !== undefined ? { error: c.error } : {}),
    confirmation: {
      verdict: conf.verdict,
      ...(conf.note !== undefined ? { note: conf.note } : {}),
      ...(conf.field !== undefined ? { field: conf.field } : {}),
      ...(conf.rung !== undefined ? { rung: conf.rung } : {}),
      ...(conf.attempts !== undefined ? { attempts: conf.attempts.map(attempt) } : {}),
    },
    ...(c.erratum !== undefined ? { erratum: c.erratum } : {}),
    // An engine counterexample keeps the trace in its outcome; a report's (when a merged report is rebuilt) in `trace`.
    ...((c.outcome?.trace ?? (c as unknown as ReportCounterexample).trace) !== undefined ? { trace: c.outcome?.trace ?? (c as unknown as ReportCounterexample).trace } : {}),
  };
}

function mode(m: ModeResult): ReportMode {
  return {
    mode: m.mode,
    verdict: m.verdict,
    reason: m.reason,
    seed: m.seed,
    requestedCases: m.requestedCases,
    cases: m.cases,
    interrupted: m.interrupted,
    inconclusiveCases: m.inconclusiveCases,
    ...(m.firstInconclusive ? { firstInconclusive: m.firstInconclusive } : {}),
    skipped: m.skipped,
    ...(m.firstSkipped ? { firstSkipped: m.firstSkipped } : {}),
    slack: m.slack.map((s) => ({ bound: s.bound, max: s.max, lhs: s.lhs, rhs: s.rhs, witness: s.witness, ...(s.tolerance !== undefined ? { tolerance: s.tolerance } : {}), ...(s.searched ? { searched: true } : {}) })),
    bins: m.bins,
    branches: m.branches,
    ...(m.exactness ? { exactness: m.exactness } : {}),
    ...(m.counterexample ? { counterexample: counterexample(m.counterexample) } : {}),
    ...(m.binomial ? { binomial: m.binomial } : {}),
    ...(m.search ? { search: m.search } : {}),
    ...(m.nearTight ? { nearTight: nearTight(m.nearTight) } : {}),
    timeMs: m.timeMs,
  };
}

/** The report's view of one engine result: every field named, nothing passed through by accident. */
export function toReportClaim(r: ClaimResult): ReportClaim {
  return {
    id: r.id,
    title: r.title,
    provenance: r.provenance,
    source: { paper: r.source.paper, where: r.source.where, equations: r.source.equations },
    statement: r.statement,
    hypotheses: r.hypotheses.map((h) => ({ name: h.name, text: h.text, domain: h.domain, ...(h.necessary ? { necessary: true } : {}) })),
    impl: r.impl,
    profile: r.profile,
    seed: r.seed,
    verdict: r.verdict,
    reason: r.reason,
    modes: r.modes.map(mode),
    probes: r.probes.map((p) => ({
      id: p.id,
      drops: p.drops,
      ...(p.hypothesis !== undefined ? { hypothesis: p.hypothesis } : {}),
      found: p.found,
      summary: p.summary,
      ...(p.witness !== undefined ? { witness: p.witness } : {}),
      ...(p.bound ? { bound: bound(p.bound) } : {}),
      ...(p.tried !== undefined ? { tried: p.tried } : {}),
      ...(p.broke !== undefined ? { broke: p.broke } : {}),
      ...(p.exact !== undefined ? { exact: p.exact } : {}),
      ...(p.error !== undefined ? { error: p.error } : {}),
      timeMs: p.timeMs,
    })),
    regressions: r.regressions.map(regression),
    ...(r.probabilistic ? { probabilistic: { maxFailureRate: r.probabilistic.maxFailureRate, alpha: r.probabilistic.alpha } } : {}),
    ...(r.mayBeInconclusive !== undefined ? { mayBeInconclusive: r.mayBeInconclusive } : {}),
    ...(r.noSearch !== undefined ? { noSearch: r.noSearch } : {}),
    ...(r.binSpace ? { binSpace: r.binSpace } : {}),
    ...(r.deepOnly ? { deepOnly: r.deepOnly } : {}),
    ...(r.deepOnlyBranches ? { deepOnlyBranches: r.deepOnlyBranches } : {}),
    unreached: r.unreached,
    timeMs: r.timeMs,
  };
}

/** A practical-Muon variant as the report names it (src/impl/variants.ts). */
export interface ReportVariant {
  readonly id: string;
  readonly title: string;
  readonly what: string;
  readonly precision: 'float64' | 'bf16';
}

/** One cell of the transfer matrix: a claim's float check under a variant (src/claims/transfer.ts). */
export interface ReportTransferCell {
  readonly claim: string;
  readonly variant: string;
  /** 'violated': a confirmed counterexample on which the reference msign holds — a finding about practical Muon. */
  readonly status: 'holds' | 'violated' | 'inconclusive' | 'not applicable' | 'deep only';
  /** Why the claim is not applicable to the variant. */
  readonly notApplicable?: string;
  /** Why the cell runs in the deep profile only (its cost): not run at this profile. */
  readonly deepOnly?: string;
  /** The applicability test: calls of the Impl's msign and of impl.optimizers.muon on the cases tried. */
  readonly calls?: { readonly msign: number; readonly muon: number; readonly tried: number };
  /** The engine's reason for the cell's verdict. */
  readonly reason?: Reason;
  /** The cell's float run: cases, slack, counterexample (shrunk, confirmed in the variant's terms). */
  readonly float?: ReportMode;
  /** The regressions pinned with this variant, replayed first. */
  readonly regressions?: readonly ReportRegression[];
  /** How the reference msign (float64) fares on the cell's counterexample. */
  readonly referenceOnCounterexample?: string;
  readonly timeMs: number;
}

export interface ReportTransfer {
  readonly variants: readonly ReportVariant[];
  /** The cases per cell, in words (src/claims/transfer.ts TRANSFER_CASES). */
  readonly budget: string;
  /** What a failing cell means (and does not). */
  readonly meaning: string;
  readonly summary: { readonly cells: number; readonly holds: number; readonly violated: number; readonly inconclusive: number; readonly notApplicable: number; readonly deepOnly: number };
  /** Claim by claim, variant by variant. */
  readonly cells: readonly ReportTransferCell[];
  /** Counterexample files of the cells, by "<claim>@<variant>" (relative to the report's folder). */
  readonly counterexampleFiles: Readonly<Record<string, readonly string[]>>;
}

const regression = (g: ClaimResult['regressions'][number]): ReportRegression => ({
  mode: g.mode,
  note: g.note,
  expect: g.expect,
  status: g.status,
  failedBounds: g.failedBounds.map(bound),
  ...(g.error !== undefined ? { error: g.error } : {}),
  value: g.value,
  ...(g.erratum !== undefined ? { erratum: g.erratum } : {}),
});

/** The report's view of one transfer cell. A cell's verdict is never a known erratum (cells match no errata). */
export function toReportCell(c: TransferCell): ReportTransferCell {
  const a = c.applicability;
  const r = c.result;
  const float = r?.modes.find((m) => m.mode === 'float');
  const status: ReportTransferCell['status'] = c.status === 'violated (known erratum)' ? 'violated' : c.status;
  return {
    claim: c.claim,
    variant: c.variant,
    status,
    ...(a === undefined ? {} : a.applicable ? { calls: { msign: a.calls.msign, muon: a.calls.muon, tried: a.tried } } : { notApplicable: a.why }),
    ...(c.deepOnly !== undefined ? { deepOnly: c.deepOnly } : {}),
    ...(r ? { reason: r.reason } : {}),
    ...(float ? { float: mode(float) } : {}),
    ...(r && r.regressions.length > 0 ? { regressions: r.regressions.map(regression) } : {}),
    ...(c.referenceOnCounterexample !== undefined ? { referenceOnCounterexample: c.referenceOnCounterexample } : {}),
    timeMs: c.timeMs,
  };
}

export function summarizeCells(cells: readonly ReportTransferCell[]): ReportTransfer['summary'] {
  const n = (s: ReportTransferCell['status']): number => cells.filter((c) => c.status === s).length;
  return { cells: cells.length, holds: n('holds'), violated: n('violated'), inconclusive: n('inconclusive'), notApplicable: n('not applicable'), deepOnly: n('deep only') };
}
