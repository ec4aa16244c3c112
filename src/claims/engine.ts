import { binomialTest, type BinomialTest } from './binomial.ts';
import { matchErratum, type Erratum } from './errata.ts';
import { reference, type Impl } from '../impl/impl.ts';
import { judgeClaim, judgeMode, type ModeFacts, type Reason } from './judge.ts';
import { failedBounds, errorText, type SlackEntry } from './phases/collect.ts';
import { confirm, nearTight, type Confirmation, type NearTightOptions, type NearTightSummary } from './phases/confirm.ts';
import { generate } from './phases/generate.ts';
import { runProbes, type ProbeResult } from './phases/probe.ts';
import { replay, type RegressionResult } from './phases/replay.ts';
import { seedFor } from './phases/seed.ts';
import { shrink } from './phases/shrink.ts';
import { target } from './phases/target.ts';
import type { RegressionCase } from './regressions.ts';
import type { Bound, CaseOutcome, CheckContext, Claim, Mode, Profile, Verdict, Weakening } from './types.ts';

export { seedFor } from './phases/seed.ts';
export { slackOf, type SlackEntry } from './phases/collect.ts';
export { confirm as confirmInExact, type Confirmation, type NearTightSummary } from './phases/confirm.ts';
export type { ProbeResult } from './phases/probe.ts';
export type { RegressionResult } from './phases/replay.ts';
export type { Reason } from './judge.ts';

/*
 * The engine: runs one claim under a seed and a profile, in named phases that each return plain data, and returns a
 * plain-data ClaimResult that the vitest properties assert on and the reports render:
 *   replay   (phases/replay.ts)   the pinned regressions of fixtures/regressions/<id>.json, by value;
 *   generate (phases/generate.ts) per mode, the random cases with fast-check: slack, bins, branches, failures;
 *   [target]                      room for a search that climbs each bound's slack from the best cases found;
 *   shrink   (phases/shrink.ts)   the first failing case, replayed from its path and shrunk;
 *   confirm  (phases/confirm.ts)  a float counterexample re-checked in exact arithmetic;
 *   probe    (phases/probe.ts)    the necessity probes;
 *   judge    (judge.ts)           the verdict and its structured reason, a pure function of the facts above.
 */

export const DEFAULT_SEED = 20260123;

/** Per-claim time limit by profile (ms). The default keeps `npm test` within its 3 minutes on 2 cores. */
export const TIME_LIMIT_MS: Readonly<Record<Profile, number>> = { quick: 15_000, default: 60_000, deep: 3_600_000 };

/** What the engine reports while it runs (the CLI prints it through src/report/reasons.ts's describeProgress). */
export type ProgressEvent =
  | { readonly kind: 'replayed'; readonly claim: string; readonly count: number }
  | { readonly kind: 'cases'; readonly claim: string; readonly mode: Mode; readonly cases: number; readonly requested: number }
  | { readonly kind: 'mode'; readonly claim: string; readonly mode: Mode; readonly verdict: Verdict; readonly reason: Reason };

export interface EngineOptions {
  readonly profile?: Profile;
  readonly seed?: number;
  /** Restrict to these modes (default: all the claim runs in). */
  readonly modes?: readonly Mode[];
  /** The algorithms under test (default: the reference; ./plants.ts gives broken ones). */
  readonly impl?: Impl;
  /** Override the per-claim time limit. */
  readonly timeLimitMs?: number;
  /** Override the number of cases per mode. */
  readonly numRuns?: number;
  /** Run the necessity probes (default true). */
  readonly probes?: boolean;
  readonly regressions?: readonly RegressionCase[];
  readonly errata?: readonly Erratum[];
  /**
   * Polled before each case: once it returns true the remaining cases are skipped and the claim ends inconclusive
   * (the CLI sets it on SIGINT, from the main thread, while a worker runs the claims).
   */
  readonly shouldStop?: () => boolean;
  /** A planted weakening of the check (tests of the scope gates only; see Weakening in types.ts). */
  readonly weaken?: Weakening;
  /** Called after each mode, probe and regression batch, for progress lines. */
  readonly onProgress?: (event: ProgressEvent) => void;
  /**
   * The practical-Muon variant this run is a cell of (src/impl/variants.ts, its Impl passed as `impl`; see
   * ./transfer.ts): only the regressions pinned with this variant id replay, and none pinned without one. Without it
   * the regressions pinned with a variant are left out.
   */
  readonly variant?: string;
  /** Replaces the confirm phase of a float counterexample (a variant's own confirmation, ./phases/transfer-confirm.ts). */
  readonly confirmFloat?: <C>(claim: Claim<C>, value: C, impl: Impl, weaken?: Weakening) => Confirmation;
  /**
   * Near-tight confirmation (./phases/confirm.ts): the float cases that hold with a slack ≥ 1 − distance (default
   * 1e-6, argued there) are confirmed through the ladder too, up to `budget` per claim and mode (default 8), the
   * closest to 1 first; `{ distance: 0 }` turns it off. Not with confirmFloat (a variant confirms its own way). A
   * near-tight case the ladder finds violated is reported (ModeResult.nearTight.firstViolated); it becomes the mode's
   * counterexample only with `violates: true`.
   */
  readonly nearTight?: NearTightOptions;
}

export interface Counterexample {
  readonly claim: string;
  readonly mode: Mode;
  /** fast-check seed and path: `fc.check(..., { seed, path, endOnFailure: true })` replays the shrunk case. */
  readonly seed: number;
  readonly path?: string;
  readonly numShrinks: number;
  /** The shrunk case as plain data: what `pin` stores and `replay` re-runs. */
  readonly value: unknown;
  readonly outcome?: CaseOutcome;
  /** Set when the check threw instead of returning. */
  readonly error?: string;
  readonly failedBounds: readonly Bound[];
  readonly confirmation: Confirmation;
  /** The erratum it matches, if any. */
  readonly erratum?: string;
}

export interface ModeResult {
  readonly mode: Mode;
  readonly verdict: Verdict;
  readonly reason: Reason;
  readonly seed: number;
  readonly requestedCases: number;
  readonly cases: number;
  readonly interrupted: boolean;
  readonly inconclusiveCases: number;
  readonly firstInconclusive?: { readonly value: unknown; readonly reason: string };
  /** Cases that fell outside the hypotheses (CaseOutcome.outsideHypotheses): not counted in `cases`. */
  readonly skipped: number;
  readonly firstSkipped?: { readonly value: unknown; readonly reason: string };
  readonly slack: readonly SlackEntry[];
  readonly bins: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly branches: Readonly<Record<string, number>>;
  readonly exactness?: { readonly proven: number; readonly unproven: number; readonly maxErrorEstimate: string };
  readonly counterexample?: Counterexample;
  readonly binomial?: BinomialTest;
  /** The target phase: evaluations, and per bound the ratio before and after the search. */
  readonly search?: { readonly evaluations: number; readonly bounds: readonly { readonly bound: string; readonly from: number; readonly to: number; readonly evaluations: number }[]; readonly foundViolation?: boolean };
  /** Near-tight confirmation in float mode: how many cases, decided how, by which rung. */
  readonly nearTight?: NearTightSummary;
  readonly timeMs: number;
}

export interface ClaimResult {
  readonly id: string;
  readonly title: string;
  readonly provenance: Claim['provenance'];
  readonly source: Claim['source'];
  readonly statement: string;
  readonly hypotheses: Claim['hypotheses'];
  readonly impl: string;
  readonly profile: Profile;
  readonly seed: number;
  readonly verdict: Verdict;
  readonly reason: Reason;
  readonly modes: readonly ModeResult[];
  readonly probes: readonly ProbeResult[];
  readonly regressions: readonly RegressionResult[];
  readonly probabilistic?: Claim['probabilistic'];
  readonly mayBeInconclusive?: string;
  /** Why the claim declares no search space (kit noSearch). */
  readonly noSearch?: string;
  /** The bins the claim's generator is meant to reach, per axis, in their natural order (for the coverage charts). */
  readonly binSpace?: Claim['binSpace'];
  /** Bins only the deep profile is meant to reach, with the reason. */
  readonly deepOnly?: Claim['deepOnly'];
  readonly deepOnlyBranches?: Claim['deepOnlyBranches'];
  /** Coverage: bins of binSpace and branches of branchSpace that no case reached. */
  readonly unreached: { readonly bins: Readonly<Record<string, readonly string[]>>; readonly branches: readonly string[] };
  readonly timeMs: number;
}


/** Phases generate → shrink → confirm → judge for one mode. */
function runMode<C>(claim: Claim<C>, mode: Mode, o: Required<Pick<EngineOptions, 'profile' | 'seed'>> & EngineOptions, impl: Impl, deadline: number, errata: readonly Erratum[]): ModeResult {
  const seed = seedFor(o.seed, claim.id, mode);
  const requested = o.numRuns ?? claim.cases[o.profile][mode] ?? 0;
  const ctx: CheckContext = { mode, impl, ...(o.weaken ? { weaken: o.weaken } : {}) };
  // Near-tight cases of the float check are noted as generate and target run it, and confirmed after the confirm phase.
  const near = mode === 'float' && !o.confirmFloat ? nearTight(claim, o.nearTight) : undefined;
  const watched = near?.claim ?? claim;
  const g = generate(watched, { mode, profile: o.profile, seed, requested, deadline, ctx, ...(o.weaken?.kind === 'drop-bin' ? { dropBin: o.weaken } : {}), ...(o.shouldStop ? { shouldStop: o.shouldStop } : {}), ...(o.onProgress ? { onProgress: o.onProgress } : {}) });
  const col = g.collector;
  // Phase 2b: the search for the worst case, from the best random cases (a claim that declares its parameters).
  const t = !g.failure && !g.cutShort && !claim.probabilistic ? target(watched, col, { profile: o.profile, ctx, deadline, ...(o.shouldStop ? { shouldStop: o.shouldStop } : {}) }) : undefined;
  const failure = g.failure ?? t?.failure;

  let counterexample: Counterexample | undefined;
  if (failure) {
    const s = shrink(claim, failure, { seed, profile: o.profile, ctx, deadline, requested });
    let outcome: CaseOutcome | undefined;
    let error: string | undefined;
    try {
      outcome = claim.check(s.value, ctx);
    } catch (e) {
      error = errorText(e);
    }
    const fails = outcome ? failedBounds(outcome) : [];
    const confirmation: Confirmation = error
      ? { verdict: 'confirmed', note: 'the check threw: a defect either way' }
      : mode === 'float'
        ? (o.confirmFloat ?? confirm)(claim, s.value, impl, o.weaken)
        : { verdict: 'confirmed', note: 'found in exact mode' };
    const erratum = matchErratum(errata, claim.id, fails);
    counterexample = {
      claim: claim.id,
      mode,
      seed,
      ...(s.path ? { path: s.path } : {}),
      numShrinks: s.numShrinks,
      value: s.value as unknown,
      ...(outcome ? { outcome } : {}),
      ...(error ? { error } : {}),
      failedBounds: fails,
      confirmation,
      ...(erratum ? { erratum: erratum.id } : {}),
    };
  }
  const nearTightSummary = near?.confirmAll(impl, deadline, o.weaken);
  const nv = nearTightSummary?.firstViolated;
  const nvErratum = nv ? matchErratum(errata, claim.id, nv.failedBounds) : undefined;
  if (!counterexample && nv && o.nearTight?.violates) {
    // A float case that held within its rounding but that the ladder finds violated beyond its rung's error: a
    // confirmed counterexample the float check missed (not shrunk). Only when asked (see NearTightOptions.violates).
    counterexample = {
      claim: claim.id,
      mode,
      seed,
      numShrinks: 0,
      value: nv.value,
      failedBounds: nv.failedBounds,
      confirmation: { verdict: 'confirmed', rung: nv.rung, field: nv.field, note: `a near-tight float case (slack ${nv.slack}) that holds in float64 but fails in ${nv.field}` },
      ...(nvErratum ? { erratum: nvErratum.id } : {}),
    };
  }
  const probabilistic = claim.probabilistic;
  const binomial = probabilistic ? binomialTest(col.cases, col.failures, probabilistic.maxFailureRate, probabilistic.alpha) : undefined;
  if (!counterexample && probabilistic && col.smallestFailure) {
    // A rate claim's single failing run is no violation: the witness is confirmed in exact mode only when the
    // binomial test rejects (the exact re-run of an MF trajectory costs seconds).
    const value = col.smallestFailure.value as C;
    counterexample = {
      claim: claim.id,
      mode,
      seed,
      numShrinks: 0,
      value,
      outcome: col.smallestFailure.outcome,
      failedBounds: failedBounds(col.smallestFailure.outcome),
      confirmation:
        mode === 'exact'
          ? { verdict: 'confirmed', note: 'found in exact mode' }
          : binomial?.rejected
            ? (o.confirmFloat ?? confirm)(claim, value, impl, o.weaken)
            : { verdict: 'inconclusive', note: 'not re-checked: the failure rate is within the claim' },
    };
  }

  const facts: ModeFacts = {
    mode,
    profile: o.profile,
    requested,
    cases: col.cases,
    ...(g.cutShort ? { cutShort: g.cutShort } : {}),
    inconclusiveCases: col.inconclusive,
    ...(col.firstInconclusive ? { firstInconclusive: col.firstInconclusive.reason } : {}),
    skipped: col.skipped,
    ...(col.firstSkipped ? { firstSkipped: col.firstSkipped.reason } : {}),
    failures: col.failures,
    ...(counterexample
      ? {
          counterexample: {
            failedBounds: counterexample.failedBounds,
            ...(counterexample.error !== undefined ? { error: counterexample.error } : {}),
            confirmation: counterexample.confirmation.verdict,
            ...(counterexample.confirmation.note !== undefined ? { confirmationNote: counterexample.confirmation.note } : {}),
            // the deciding rung's field ('double-double', 'decimal(50)', 'Q'): the ladder always names both
            ...(counterexample.confirmation.rung !== undefined ? { confirmationRung: counterexample.confirmation.field ?? counterexample.confirmation.rung } : {}),
            ...(counterexample.erratum ? { erratum: counterexample.erratum } : {}),
          },
        }
      : {}),
    ...(binomial ? { binomial } : {}),
  };
  const { verdict, reason } = judgeMode(facts);

  return {
    mode,
    verdict,
    reason,
    seed,
    requestedCases: requested,
    cases: col.cases,
    interrupted: g.cutShort !== undefined,
    inconclusiveCases: col.inconclusive,
    ...(col.firstInconclusive ? { firstInconclusive: col.firstInconclusive } : {}),
    skipped: col.skipped,
    ...(col.firstSkipped ? { firstSkipped: col.firstSkipped } : {}),
    slack: [...col.slack.values()],
    bins: col.bins,
    branches: col.branches,
    ...(col.proven + col.unproven > 0 ? { exactness: { proven: col.proven, unproven: col.unproven, maxErrorEstimate: col.maxError } } : {}),
    ...(counterexample ? { counterexample } : {}),
    ...(binomial ? { binomial } : {}),
    ...(t && t.evaluations > 0 ? { search: { evaluations: t.evaluations, bounds: t.bounds, ...(t.failure ? { foundViolation: true } : {}) } } : {}),
    ...(nearTightSummary ? { nearTight: nearTightSummary } : {}),
    timeMs: Date.now() - g.startedAt,
  };
}

/** Runs one claim: replay, then each mode (generate → shrink → confirm), then the probes, then the judge. Never throws on a failing claim. */
export function runClaim<C>(claim: Claim<C>, options: EngineOptions = {}): ClaimResult {
  const started = Date.now();
  const o = { ...options, profile: options.profile ?? 'default', seed: options.seed ?? DEFAULT_SEED };
  const impl = options.impl ?? reference;
  // Stryker disable next-line ArrayDeclaration: an entry that is not an Erratum matches no claim's bound
  const errata = options.errata ?? [];
  const deadline = started + (options.timeLimitMs ?? TIME_LIMIT_MS[o.profile]);
  const modes = claim.modes.filter((m) => !options.modes || options.modes.includes(m));

  const regressions = replay(claim, (options.regressions ?? []).filter((r) => r.variant === options.variant), impl, errata);
  if (regressions.length > 0) o.onProgress?.({ kind: 'replayed', claim: claim.id, count: regressions.length });
  const modeResults: ModeResult[] = [];
  for (const mode of modes) {
    const r = runMode(claim, mode, o, impl, deadline, errata);
    modeResults.push(r);
    o.onProgress?.({ kind: 'mode', claim: claim.id, mode, verdict: r.verdict, reason: r.reason });
  }
  const probes = options.probes === false || options.shouldStop?.() ? [] : runProbes(claim, o.seed, o.profile, impl);
  const { verdict, reason } = judgeClaim(modeResults, regressions);

  // Coverage: the declared bins no case reached — less, outside the deep profile, those declared deep-only.
  const unreachedBins: Record<string, string[]> = {};
  for (const [axis, bins] of Object.entries(claim.binSpace ?? {})) {
    // Stryker disable next-line ArrayDeclaration: a non-empty placeholder list excuses only a bin of that very name, which no claim declares
    const deepOnly = o.profile === 'deep' ? [] : (claim.deepOnly?.[axis]?.bins ?? []);
    const missing = bins.filter((b) => !deepOnly.includes(b) && !modeResults.some((m) => (m.bins[axis]?.[b] ?? 0) > 0));
    if (missing.length > 0) unreachedBins[axis] = missing;
  }
  // Stryker disable next-line ArrayDeclaration: a non-empty placeholder list excuses only a branch of that very name, which no claim declares
  const deepOnlyBranches = o.profile === 'deep' ? [] : (claim.deepOnlyBranches?.branches ?? []);
  const unreachedBranches = (claim.branchSpace ?? []).filter((b) => !deepOnlyBranches.includes(b) && !modeResults.some((m) => (m.branches[b] ?? 0) > 0));

  return {
    id: claim.id,
    title: claim.title,
    provenance: claim.provenance,
    source: claim.source,
    statement: claim.statement,
    hypotheses: claim.hypotheses,
    impl: impl.name,
    profile: o.profile,
    seed: o.seed,
    verdict,
    reason,
    modes: modeResults,
    probes,
    regressions,
    ...(claim.probabilistic ? { probabilistic: claim.probabilistic } : {}),
    ...(claim.mayBeInconclusive ? { mayBeInconclusive: claim.mayBeInconclusive } : {}),
    ...(claim.noSearch ? { noSearch: claim.noSearch } : {}),
    ...(claim.binSpace ? { binSpace: claim.binSpace } : {}),
    ...(claim.deepOnly ? { deepOnly: claim.deepOnly } : {}),
    ...(claim.deepOnlyBranches ? { deepOnlyBranches: claim.deepOnlyBranches } : {}),
    unreached: { bins: unreachedBins, branches: unreachedBranches },
    timeMs: Date.now() - started,
  };
}
