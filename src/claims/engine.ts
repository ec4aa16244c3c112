import fc from 'fast-check';
import { binomialTest, type BinomialTest } from './binomial.ts';
import { matchErratum, type Erratum } from './errata.ts';
import { reference, type Impl } from '../impl/impl.ts';
import type { RegressionCase } from './regressions.ts';
import type { Bound, CaseOutcome, CheckContext, Claim, Mode, Profile, ProbeOutcome, Verdict } from './types.ts';

/*
 * The engine: runs one claim under a seed and a profile with fast-check, and returns a plain-data ClaimResult that
 * the vitest properties assert on and the reports render. Order of work per claim:
 *   1. replay the pinned regressions (fixtures/regressions/<id>.json) — values, not seeds;
 *   2. per mode, fc.check over the claim's arbitrary: slack per bound, bins, branches, inconclusive cases; the first
 *      failing case is shrunk and kept with its seed and path; a float counterexample is re-checked in exact mode;
 *      probabilistic claims count failures and apply the binomial test instead of stopping at the first;
 *   3. the necessity probes;
 *   4. the verdict: violated (or known erratum) > inconclusive > holds. A run cut short is never "holds".
 */

export const DEFAULT_SEED = 20260123;

/** Per-claim time limit by profile (ms). The default keeps `npm test` within its 3 minutes on 2 cores. */
export const TIME_LIMIT_MS: Readonly<Record<Profile, number>> = { quick: 15_000, default: 60_000, deep: 3_600_000 };

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
  /** Called after each mode, probe and regression batch, for progress lines. */
  readonly onProgress?: (message: string) => void;
}

export interface SlackEntry {
  readonly bound: string;
  /** max over cases of lhs/rhs (1 = tight; > 1 only on a violating case). */
  readonly max: number;
  readonly lhs: number;
  readonly rhs: number;
  /** The case that reached it (the claim's case value). */
  readonly witness: unknown;
  readonly tolerance?: string;
}

export interface Confirmation {
  /** 'confirmed': the exact re-check fails too; 'float artifact': it holds; 'unavailable': no exact path. */
  readonly verdict: 'confirmed' | 'float artifact' | 'unavailable' | 'inconclusive';
  readonly outcome?: CaseOutcome;
  readonly note?: string;
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
  readonly reason: string;
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
  readonly timeMs: number;
}

export interface ProbeResult extends ProbeOutcome {
  readonly id: string;
  readonly drops: string;
  readonly error?: string;
  readonly timeMs: number;
}

export interface RegressionResult {
  readonly mode: Mode;
  readonly note: string;
  readonly expect: 'holds' | 'violated';
  readonly status: 'holds' | 'violated' | 'inconclusive';
  readonly failedBounds: readonly Bound[];
  readonly error?: string;
  readonly value: unknown;
  readonly erratum?: string;
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
  readonly reason: string;
  readonly modes: readonly ModeResult[];
  readonly probes: readonly ProbeResult[];
  readonly regressions: readonly RegressionResult[];
  readonly probabilistic?: Claim['probabilistic'];
  readonly mayBeInconclusive?: string;
  /** The bins the claim's generator is meant to reach, per axis, in their natural order (for the coverage charts). */
  readonly binSpace?: Claim['binSpace'];
  /** Coverage: bins of binSpace and branches of branchSpace that no case reached. */
  readonly unreached: { readonly bins: Readonly<Record<string, readonly string[]>>; readonly branches: readonly string[] };
  readonly timeMs: number;
}

/** FNV-1a of `${seed}:${id}:${mode}`: each claim and mode gets its own stream, stable across runs. */
export function seedFor(seed: number, id: string, mode: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${id}:${mode}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h & 0x7fffffff;
}

export function slackOf(b: Pick<Bound, 'lhs' | 'rhs'>): number {
  if (b.rhs === 0) return b.lhs <= 0 ? 0 : Infinity;
  return b.lhs / b.rhs;
}

const failedBounds = (o: CaseOutcome): Bound[] => o.bounds.filter((b) => !b.holds);

function caseStatus(o: CaseOutcome): 'holds' | 'violated' | 'inconclusive' {
  if (failedBounds(o).length > 0) return 'violated';
  if (o.inconclusive !== undefined) return 'inconclusive';
  // A case with no bound confirms nothing.
  return o.bounds.length > 0 ? 'holds' : 'inconclusive';
}

const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

function fromJSON<C>(claim: Claim<C>, v: unknown): C {
  return claim.fromJSON ? claim.fromJSON(v) : (v as C);
}

/** The exact re-check of a float failure. */
export function confirmInExact<C>(claim: Claim<C>, value: C, impl: Impl): Confirmation {
  const ctx: CheckContext = { mode: 'exact', impl };
  let outcome: CaseOutcome;
  try {
    if (claim.confirm) outcome = claim.confirm(value, ctx);
    else if (claim.modes.includes('exact')) outcome = claim.check(value, ctx);
    else return { verdict: 'unavailable', note: `${claim.id} has no exact path; a float failure stays inconclusive` };
  } catch (e) {
    return { verdict: 'inconclusive', note: `exact re-check threw: ${errorText(e)}` };
  }
  const s = caseStatus(outcome);
  if (s === 'violated') return { verdict: 'confirmed', outcome };
  if (s === 'holds') return { verdict: 'float artifact', outcome };
  return { verdict: 'inconclusive', outcome, note: outcome.inconclusive };
}

class Collector {
  cases = 0;
  skipped = 0;
  firstSkipped?: { value: unknown; reason: string };
  inconclusive = 0;
  firstInconclusive?: { value: unknown; reason: string };
  readonly slack = new Map<string, SlackEntry>();
  readonly bins: Record<string, Record<string, number>> = {};
  readonly branches: Record<string, number> = {};
  proven = 0;
  unproven = 0;
  maxError = '0';
  failures = 0;
  /** The smallest failing case (by the length of its JSON): a probabilistic claim's witness, cheapest to confirm. */
  smallestFailure?: { value: unknown; outcome: CaseOutcome; size: number };

  record(value: unknown, o: CaseOutcome): void {
    if (o.outsideHypotheses !== undefined && o.bounds.every((b) => b.holds)) {
      this.skipped++;
      this.firstSkipped ??= { value, reason: o.outsideHypotheses };
      return;
    }
    this.cases++;
    for (const b of o.bounds) {
      const s = slackOf(b);
      const prev = this.slack.get(b.name);
      if (!prev || s > prev.max || (Number.isNaN(s) && !Number.isNaN(prev.max))) {
        this.slack.set(b.name, { bound: b.name, max: s, lhs: b.lhs, rhs: b.rhs, witness: value, ...(b.tolerance ? { tolerance: b.tolerance } : {}) });
      }
    }
    for (const [axis, bin] of Object.entries(o.bins ?? {})) {
      const m = (this.bins[axis] ??= {});
      m[bin] = (m[bin] ?? 0) + 1;
    }
    for (const br of o.branches ?? []) this.branches[br] = (this.branches[br] ?? 0) + 1;
    if (o.exactness) {
      if (o.exactness.exact) this.proven++;
      else {
        this.unproven++;
        if (Number(o.exactness.errorEstimate) > Number(this.maxError)) this.maxError = o.exactness.errorEstimate;
      }
    }
    const s = caseStatus(o);
    if (s === 'inconclusive') {
      this.inconclusive++;
      this.firstInconclusive ??= { value, reason: o.inconclusive ?? 'the check returned no bound' };
    }
    if (s === 'violated') {
      this.failures++;
      const size = JSON.stringify(value)?.length ?? 0;
      if (!this.smallestFailure || size < this.smallestFailure.size) this.smallestFailure = { value, outcome: o, size };
    }
  }
}

function runMode<C>(claim: Claim<C>, mode: Mode, o: Required<Pick<EngineOptions, 'profile' | 'seed'>> & EngineOptions, impl: Impl, deadline: number, errata: readonly Erratum[]): ModeResult {
  const started = Date.now();
  const seed = seedFor(o.seed, claim.id, mode);
  const requested = o.numRuns ?? claim.cases[o.profile][mode] ?? 0;
  const ctx: CheckContext = { mode, impl };
  const col = new Collector();
  const probabilistic = claim.probabilistic;
  let failedOnce = false;

  let stopped = false;
  let lastBeat = Date.now();
  const predicate = (c: C): boolean => {
    if (stopped || (!failedOnce && o.shouldStop?.())) {
      stopped = true;
      return true;
    }
    if (failedOnce) {
      // Shrinking: fast-check asks about smaller candidates; they do not count as cases.
      return caseStatus(claim.check(c, ctx)) !== 'violated';
    }
    let outcome: CaseOutcome;
    try {
      outcome = claim.check(c, ctx);
    } catch (e) {
      failedOnce = true;
      throw e;
    }
    col.record(c, outcome);
    if (o.onProgress && Date.now() - lastBeat > 5_000) {
      lastBeat = Date.now();
      o.onProgress(`${claim.id} [${mode}]: ${col.cases} of ${requested} cases…`);
    }
    const s = caseStatus(outcome);
    if (s === 'violated' && !probabilistic) {
      failedOnce = true;
      return false;
    }
    return true;
  };

  const timeLeft = Math.max(1, deadline - Date.now());
  const details =
    requested > 0
      ? // A probabilistic claim's failure rate is a rate under the claim's own distribution (Haar O, uniform C_t):
        // fast-check's bias toward small and edge values would repeat and skew draws, so it is switched off there.
          fc.check(fc.property(probabilistic ? fc.noBias(claim.arbitrary(mode, o.profile)) : claim.arbitrary(mode, o.profile), predicate), {
          seed,
          numRuns: requested,
          plugins: [fc.interruptAfterTimeLimit(timeLeft)],
        })
      : undefined;
  const interrupted = requested > 0 && (stopped || (details?.interrupted ?? false)) && col.cases < requested;

  let counterexample: Counterexample | undefined;
  if (details?.failed && details.counterexample) {
    const value = (details.counterexample as unknown as [C])[0];
    let outcome: CaseOutcome | undefined;
    let error: string | undefined;
    try {
      outcome = claim.check(value, ctx);
    } catch (e) {
      error = errorText(e);
    }
    if (!outcome && !error) error = details.errorInstance ? errorText(details.errorInstance) : 'the check failed without an outcome';
    const fails = outcome ? failedBounds(outcome) : [];
    const confirmation: Confirmation = error
      ? { verdict: 'confirmed', note: 'the check threw: a defect either way' }
      : mode === 'float'
        ? confirmInExact(claim, value, impl)
        : { verdict: 'confirmed', note: 'found in exact mode' };
    const erratum = matchErratum(errata, claim.id, fails);
    counterexample = {
      claim: claim.id,
      mode,
      seed,
      ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}),
      numShrinks: details.numShrinks,
      value: value as unknown,
      ...(outcome ? { outcome } : {}),
      ...(error ? { error } : {}),
      failedBounds: fails,
      confirmation,
      ...(erratum ? { erratum: erratum.id } : {}),
    };
  }
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
            ? confirmInExact(claim, value, impl)
            : { verdict: 'inconclusive', note: 'not re-checked: the failure rate is within the claim' },
    };
  }

  let verdict: Verdict;
  let reason: string;
  if (requested === 0) {
    verdict = 'inconclusive';
    reason = `no cases requested in profile ${o.profile}`;
  } else if (binomial) {
    if (binomial.rejected) {
      const rejects = `${binomial.failures} failures in ${binomial.n} runs reject "failure rate ≤ ${binomial.bound}" (p = ${binomial.pValue.toExponential(2)} < α = ${binomial.alpha})`;
      const c = counterexample?.confirmation.verdict;
      // The count is of float runs: if the witness fails in exact mode too the failures are real.
      verdict = c === 'confirmed' || counterexample?.error ? 'violated' : 'inconclusive';
      reason = verdict === 'violated' ? rejects : `${rejects}, but the witness ${c === 'float artifact' ? 'is a float artifact' : 'could not be confirmed'} in exact mode`;
    } else if (interrupted) {
      verdict = 'inconclusive';
      reason = `cut short by the time limit after ${col.cases} of ${requested} runs (${col.failures} failures)`;
    } else {
      verdict = 'holds';
      reason = `${binomial.failures} failures in ${binomial.n} runs: "failure rate ≤ ${binomial.bound}" not rejected (p = ${binomial.pValue.toExponential(2)}; ${Number.isFinite(binomial.criticalFailures) ? `${binomial.criticalFailures} failures would reject` : 'no count would reject'})`;
    }
  } else if (counterexample) {
    const c = counterexample.confirmation.verdict;
    if (c === 'confirmed') {
      verdict = counterexample.erratum ? 'violated (known erratum)' : 'violated';
      reason = counterexample.error
        ? `the check threw on a case: ${counterexample.error}`
        : `${counterexample.failedBounds.map((b) => `${b.name}: ${fmt(b.lhs)} > ${fmt(b.rhs)}`).join('; ')}${mode === 'float' ? ' (confirmed in exact mode)' : ''}${counterexample.erratum ? ` — erratum ${counterexample.erratum}` : ''}`;
    } else {
      verdict = 'inconclusive';
      reason = c === 'float artifact' ? 'a float failure that vanishes in exact mode (float artifact)' : `a float failure that could not be confirmed: ${counterexample.confirmation.note ?? c}`;
    }
  } else if (interrupted) {
    verdict = 'inconclusive';
    reason = `cut short (${stopped ? 'stopped' : 'time limit'}) after ${col.cases} of ${requested} cases`;
  } else if (col.inconclusive > 0) {
    verdict = 'inconclusive';
    reason = `${col.inconclusive} of ${col.cases} cases inconclusive (first: ${col.firstInconclusive?.reason})`;
  } else {
    verdict = 'holds';
    reason = `${col.cases} cases${col.skipped ? ` (${col.skipped} outside the hypotheses skipped: ${col.firstSkipped?.reason})` : ''}`;
  }

  return {
    mode,
    verdict,
    reason,
    seed,
    requestedCases: requested,
    cases: col.cases,
    interrupted,
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
    timeMs: Date.now() - started,
  };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(6)).toString() : String(x);
}

function replayRegressions<C>(claim: Claim<C>, cases: readonly RegressionCase[], impl: Impl, errata: readonly Erratum[]): RegressionResult[] {
  return cases.map((r) => {
    const ctx: CheckContext = { mode: r.mode, impl };
    const base = { mode: r.mode, note: r.note, expect: r.expect, value: r.value };
    try {
      const outcome = claim.check(fromJSON(claim, r.value), ctx);
      const fails = failedBounds(outcome);
      const erratum = fails.length > 0 ? matchErratum(errata, claim.id, fails) : undefined;
      return { ...base, status: caseStatus(outcome), failedBounds: fails, ...(erratum ? { erratum: erratum.id } : {}) };
    } catch (e) {
      return { ...base, status: 'violated' as const, failedBounds: [], error: errorText(e) };
    }
  });
}

function runProbes<C>(claim: Claim<C>, o: Required<Pick<EngineOptions, 'profile' | 'seed'>>, impl: Impl): ProbeResult[] {
  return claim.probes.map((p) => {
    const started = Date.now();
    try {
      const out = p.run({ seed: seedFor(o.seed, claim.id, `probe:${p.id}`), profile: o.profile, impl });
      return { id: p.id, drops: p.drops, ...out, timeMs: Date.now() - started };
    } catch (e) {
      return { id: p.id, drops: p.drops, found: false, summary: `the probe threw: ${errorText(e)}`, error: errorText(e), timeMs: Date.now() - started };
    }
  });
}

const RANK: Record<Verdict, number> = { holds: 0, inconclusive: 1, 'violated (known erratum)': 2, violated: 3 };

/** Runs one claim: regressions, then each mode, then the probes. Never throws on a failing claim. */
export function runClaim<C>(claim: Claim<C>, options: EngineOptions = {}): ClaimResult {
  const started = Date.now();
  const o = { ...options, profile: options.profile ?? 'default', seed: options.seed ?? DEFAULT_SEED };
  const impl = options.impl ?? reference;
  const errata = options.errata ?? [];
  const deadline = started + (options.timeLimitMs ?? TIME_LIMIT_MS[o.profile]);
  const modes = claim.modes.filter((m) => !options.modes || options.modes.includes(m));

  const regressions = replayRegressions(claim, options.regressions ?? [], impl, errata);
  if (regressions.length > 0) o.onProgress?.(`${claim.id}: replayed ${regressions.length} pinned case(s)`);
  const modeResults: ModeResult[] = [];
  for (const mode of modes) {
    const r = runMode(claim, mode, o, impl, deadline, errata);
    modeResults.push(r);
    o.onProgress?.(`${claim.id} [${mode}]: ${r.verdict} — ${r.reason}`);
  }
  const probes = options.probes === false || options.shouldStop?.() ? [] : runProbes(claim, o, impl);

  // The verdict: the worst over modes and regressions.
  let verdict: Verdict = 'holds';
  let reason = modeResults.map((m) => `${m.mode}: ${m.reason}`).join('; ') || 'no mode selected';
  const raise = (v: Verdict, why: string): void => {
    if (RANK[v] > RANK[verdict]) {
      verdict = v;
      reason = why;
    }
  };
  if (modeResults.length === 0) raise('inconclusive', 'no mode selected');
  for (const m of modeResults) raise(m.verdict, `${m.mode}: ${m.reason}`);
  for (const r of regressions) {
    if (r.status === 'violated') raise(r.erratum ? 'violated (known erratum)' : 'violated', `pinned case "${r.note}" (${r.mode}) fails: ${r.error ?? r.failedBounds.map((b) => `${b.name}: ${fmt(b.lhs)} > ${fmt(b.rhs)}`).join('; ')}`);
    else if (r.expect === 'violated') raise('inconclusive', `pinned counterexample "${r.note}" (${r.mode}) no longer fails (${r.status})`);
  }

  const unreachedBins: Record<string, string[]> = {};
  for (const [axis, bins] of Object.entries(claim.binSpace ?? {})) {
    const missing = bins.filter((b) => !modeResults.some((m) => (m.bins[axis]?.[b] ?? 0) > 0));
    if (missing.length > 0) unreachedBins[axis] = missing;
  }
  const unreachedBranches = (claim.branchSpace ?? []).filter((b) => !modeResults.some((m) => (m.branches[b] ?? 0) > 0));

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
    ...(claim.binSpace ? { binSpace: claim.binSpace } : {}),
    unreached: { bins: unreachedBins, branches: unreachedBranches },
    timeMs: Date.now() - started,
  };
}
