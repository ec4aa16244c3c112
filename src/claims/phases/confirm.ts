import { doubleDouble } from '../../arith/double-double.ts';
import { climb, type ClimbAttempt, type Rung, type RungName } from '../../arith/ladder.ts';
import type { Impl } from '../../impl/impl.ts';
import { decimal } from '../kit/fields.ts';
import type { Bound, CaseOutcome, CheckContext, Claim, RungField, Weakening } from '../types.ts';
import { caseStatus, errorText, failedBounds, slackOf } from './collect.ts';

/*
 * Phase 4 — confirm: a float counterexample is re-checked in higher-precision arithmetic before it may count as a
 * violation. 'confirmed': it fails there too; 'float artifact': it holds there; 'unavailable': the claim has no exact
 * path (a float failure then stays inconclusive, never holds); 'inconclusive': the re-check could not decide (it
 * threw, or its own case was inconclusive).
 *
 * The re-check climbs the confirmation ladder (src/arith/ladder.ts's climb), each rung tried only when the one
 * below could not decide, the claim's ONE check run through the kit over each rung's field (Claim.checkIn):
 *
 *   double-double  ~31 digits (u = 2^-101), a few times the float run's cost;
 *   decimal(P)     P = 50 digits (LadderOptions.precision) — only below a top rung of ≥ 2P digits (Q, 1000-digit
 *                  P-vs-2P fields, decimal(400)): under a decimal(40) or decimal(60) top it would cost as much;
 *   the top rung   the claim's declared confirm field (or its exact mode's field): what decided alone before.
 *
 * A lower rung decides a bound only beyond the rung's argued error — the bound's tolerance `tol`, which the claims
 * write as c·k.u so that it is the float error analysis at the rung's unit roundoff (marginDecision's rule):
 * 'violated' when lhs > rhs + tol (the kit's failing bound), 'holds' when lhs + tol ≤ rhs for every bound, open
 * otherwise (CaseOutcome.open). A bound without a tolerance is compared as stated (its author argues its rounding
 * away, as in the float check). The top rung decides as the confirm field always did (lhs ≤ rhs + tol: holds). A rung
 * whose run throws, is inconclusive, or (below the top) runs in no less precision than the top, is skipped.
 *
 * A claim that declares no confirm field and no exact mode is never climbed: its check is not known to run in another
 * field (some are float measurements), so a float failure stays 'unavailable' as before. A float64 confirm field
 * (A.GD: a re-run) has no rung below it.
 *
 * Near-tight cases (nearTight below): the same ladder confirms, up to a budget, the float cases that hold with a slack
 * within a stated distance of 1, so that a bound the float check passes only within its rounding is decided too.
 */

export interface Confirmation {
  readonly verdict: 'confirmed' | 'float artifact' | 'unavailable' | 'inconclusive';
  readonly outcome?: CaseOutcome;
  readonly note?: string;
  /** The field that decided ('Q', 'decimal(40)', …), when the claim declares it. */
  readonly field?: string;
  /** The ladder's rung that decided ('double-double', 'decimal', 'rational', 'float64'), when the ladder ran. */
  readonly rung?: RungName;
  /** Every rung tried, in order, with its error bound and time. */
  readonly attempts?: readonly ClimbAttempt[];
}

/** The middle rung's digits (run only below a top rung of ≥ 2P digits). */
export const LADDER_PRECISION = 50;

/** Double-double (~31 digits) as a field of the claim kit: a rounded field, tolerances formed with its u = 2^-101. */
export const doubleDoubleField: RungField = { name: 'double-double', decides: 'rounded', make: () => doubleDouble };

interface PlannedRung {
  readonly rung: RungName;
  readonly field: RungField;
  readonly precision: number;
  readonly top: boolean;
}

function rungOf(F: { readonly kind: string; readonly precision: number }): RungName {
  if (F.kind === 'float64') return 'float64';
  if (F.kind === 'double-double') return 'double-double';
  return Number.isFinite(F.precision) ? 'decimal' : 'rational';
}

/** The rungs a claim's confirmation climbs: double-double, decimal(P), its confirm field — those below the top only when cheaper. */
export function ladderRungs<C>(claim: Claim<C>, precision = LADDER_PRECISION): readonly PlannedRung[] {
  const top = claim.confirmSpec;
  if (!top) return [];
  const topField = top.make();
  const topPrecision = topField.precision;
  const lower: PlannedRung[] = [];
  if (topPrecision > doubleDouble.precision) lower.push({ rung: 'double-double', field: doubleDoubleField, precision: doubleDouble.precision, top: false });
  if (2 * precision <= topPrecision) lower.push({ rung: 'decimal', field: decimal(precision), precision, top: false });
  return [...lower, { rung: rungOf(topField), field: top, precision: topPrecision, top: true }];
}

type Decision = 'violated' | 'holds';

/** One rung's decision on a case from the check's outcome in the rung's field. */
export function rungDecision(outcome: CaseOutcome, top: boolean): { decision: Decision | undefined; note?: string } {
  const failed = failedBounds(outcome);
  // A NaN never holds in the kit, but it decides nothing here: the rung's run broke down (as ladder.ts's 'not finite')
  const broken = failed.find((b) => Number.isNaN(b.lhs) || Number.isNaN(b.rhs));
  if (broken) return { decision: undefined, note: `${broken.name}: a value is not a number` };
  if (failed.length > 0) return { decision: 'violated' };
  if (outcome.inconclusive !== undefined) return { decision: undefined, note: outcome.inconclusive };
  if (outcome.outsideHypotheses !== undefined) return { decision: undefined, note: `outside the hypotheses: ${outcome.outsideHypotheses}` };
  if (outcome.bounds.length === 0) return { decision: undefined, note: 'the check returned no bound' };
  if (!top && (outcome.open?.length ?? 0) > 0) return { decision: undefined, note: `within the argued error: ${outcome.open!.join(', ')}` };
  return { decision: 'holds' };
}

/** The ladder on one case: each rung's check outcome and decision, climbing until one decides. */
export function climbCase<C>(claim: Claim<C>, value: C, impl: Impl, weaken?: Weakening, precision = LADDER_PRECISION, skip: ReadonlySet<string> = new Set()): { readonly decision: Decision | undefined; readonly rung?: RungName; readonly field?: string; readonly outcome?: CaseOutcome; readonly attempts: readonly ClimbAttempt[]; readonly note?: string } {
  const ctx: CheckContext = { mode: 'exact', impl, ...(weaken ? { weaken } : {}) };
  const outcomes = new Map<string, CaseOutcome>();
  const owns = new Map<string, number>();
  const rungs: Rung<Decision>[] = ladderRungs(claim, precision).filter((p) => p.top || !skip.has(p.field.name)).map((p) => ({
    rung: p.rung,
    field: p.field.name,
    precision: p.precision,
    run: () => {
      const outcome = claim.checkIn!(value, p.field, ctx);
      outcomes.set(p.field.name, outcome);
      const d = rungDecision(outcome, p.top);
      // the rung's argued error, as a number: the largest tolerance is not recorded per bound, so the rung's u stands
      // for it (0 where the field decides exactly)
      const maxError = p.field.decides === 'exactly' ? 0 : 0.5 * 10 ** (1 - p.precision);
      // a check that takes its runs in its own arithmetic (the MF and aligned families re-run in decimal at P and 2P,
      // P = the field's digits) says so in its exactness record: the attempt names it, so the rung is not overstated
      // (double-double has no exactness record of its own: any record there is the check's own decimal runs)
      const e = outcome.exactness;
      const own = e && p.field.decides === 'rounded' && (p.rung === 'double-double' || e.precision !== p.precision) ? `the check ran its own arithmetic at ${e.precision} digits` : undefined;
      if (own) owns.set(p.field.name, e!.precision);
      const note = [d.note, own].filter((x) => x !== undefined).join('; ');
      return { decision: d.decision, maxError, ...(note !== '' ? { note } : {}) };
    },
  }));
  const r = climb(rungs);
  const last = r.attempts.at(-1);
  const outcome = r.field !== undefined ? outcomes.get(r.field) : last ? outcomes.get(last.field) : undefined;
  // the deciding rung's field, named with the digits the check itself ran at when it ran its own arithmetic
  const own = r.field !== undefined ? owns.get(r.field) : undefined;
  const field = r.field !== undefined && own !== undefined ? `${r.field} (the check's own runs at ${own} digits)` : r.field;
  return { decision: r.decision, ...(r.rung ? { rung: r.rung, field: field! } : {}), ...(outcome ? { outcome } : {}), attempts: r.attempts, ...(last?.note !== undefined && !r.rung ? { note: last.note } : {}) };
}

export function confirm<C>(claim: Claim<C>, value: C, impl: Impl, weaken?: Weakening): Confirmation {
  if (claim.checkIn && claim.confirmSpec) {
    const r = climbCase(claim, value, impl, weaken);
    const base = { ...(r.outcome ? { outcome: r.outcome } : {}), field: r.field ?? claim.confirmSpec.name, attempts: r.attempts };
    if (r.decision === 'violated') return { verdict: 'confirmed', ...base, rung: r.rung! };
    if (r.decision === 'holds') return { verdict: 'float artifact', ...base, rung: r.rung! };
    const threw = r.attempts.at(-1)?.note?.startsWith('threw: ');
    return { verdict: 'inconclusive', ...base, ...(r.note !== undefined ? { note: threw ? `exact re-check ${r.note}` : r.note } : {}) };
  }
  const ctx: CheckContext = { mode: 'exact', impl, ...(weaken ? { weaken } : {}) };
  const field = claim.confirmField ? { field: claim.confirmField } : {};
  let outcome: CaseOutcome;
  try {
    if (claim.confirm) outcome = claim.confirm(value, ctx);
    else if (claim.modes.includes('exact')) outcome = claim.check(value, ctx);
    else return { verdict: 'unavailable', note: `${claim.id} has no exact path; a float failure stays inconclusive` };
  } catch (e) {
    return { verdict: 'inconclusive', note: `exact re-check threw: ${errorText(e)}`, ...field };
  }
  const s = caseStatus(outcome);
  if (s === 'violated') return { verdict: 'confirmed', outcome, ...field };
  if (s === 'holds') return { verdict: 'float artifact', outcome, ...field };
  return { verdict: 'inconclusive', outcome, ...(outcome.inconclusive !== undefined ? { note: outcome.inconclusive } : {}), ...field };
}

// ---- near-tight cases ----------------------------------------------------------------------------------------------

/**
 * The default distance of a near-tight case: a float case is confirmed when some bound holds with slack lhs/rhs ≥
 * 1 − 1e-6. Why 1e-6: a float case can hide a true violation only when its margin is within the float error of the
 * bound's two sides, i.e. slack ≥ 1 − (2e + tol)/rhs with e ≤ tol the argued error; the catalogue's float tolerances
 * are at most ~1e-9 relative to their rhs (64(mn)²u, T·u with T ≤ 10⁴, 8(mn + p²)u·‖G‖ …), so 1e-6 covers them with a
 * factor ≥ 300, while a slack below 1 − 1e-6 is 4.5e9 units of roundoff away from the bound: no float64 run the
 * catalogue argues can be that far off. (A bound whose tolerance is larger relative to its rhs — late steps of a
 * geometric η_t — is covered only within 1e-6; its own tolerance argument covers the rest.)
 */
export const NEAR_TIGHT_DISTANCE = 1e-6;
/** The default number of near-tight cases confirmed per claim and mode (the closest to 1 first). */
export const NEAR_TIGHT_BUDGET = 8;
/**
 * The default cap of a mode's near-tight confirmation, in ms of this process's CPU time (wall time where there is no
 * process clock): no further case is started after it. CPU time, so that how many cases fit does not depend on the
 * machine's load. 8 cases × 3 rungs of a check that costs ≲ 50 ms of CPU per run (the scalar, SignGD and paper-B
 * checks) fit well within it; a claim whose rungs cost more (A.L9's P-vs-2P decimal runs, ~0.25 s each) is cut to the
 * cases that fit, so that the 8 claims of the default profile with near-tight cases add at most ~16 s of CPU to
 * `npm test` (measured: docs/findings/confirmation-ladder.md).
 */
export const NEAR_TIGHT_MS = 2000;

/** ms of CPU time of this process (process.cpuUsage), or wall time where there is none. */
const clock = (): number => {
  const p = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
  if (p?.cpuUsage) {
    const u = p.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  return performance.now();
};

export interface NearTightOptions {
  /** Confirm float cases with a holding bound of slack ≥ 1 − distance (0: none). */
  readonly distance?: number;
  /** At most this many cases per claim and mode, the highest slack first. */
  readonly budget?: number;
  /** No further case is started after this many ms of CPU time (default NEAR_TIGHT_MS). */
  readonly maxMs?: number;
  /**
   * A near-tight case the ladder finds violated becomes the mode's counterexample (default false: it is reported in
   * the summary only). Why not by default: a claim's float tolerance also covers the rounding of its float64 INPUTS
   * (a competitor Q rounded to float64 is not exactly semi-orthogonal, B.msign), which the higher rungs inherit
   * unchanged while the tolerance, written as c·k.u, shrinks with the rung's u — so a near-tight case "violated" in
   * double-double is often a case outside the exact hypotheses. The summary names it for the claim's author to judge.
   */
  readonly violates?: boolean;
}

/** What near-tight confirmation did in one mode. */
export interface NearTightSummary {
  readonly distance: number;
  readonly budget: number;
  /** The cap (ms of CPU time) after which no further case is started. */
  readonly maxMs: number;
  /** True when the cap (or the claim's time limit) stopped it before the budget or the candidates ran out. */
  readonly capped?: boolean;
  /** Distinct float cases (random and searched) with a holding bound of slack ≥ 1 − distance. */
  readonly candidates: number;
  /** Those run through the ladder (≤ budget; fewer when the time cap or the claim's time limit came first). */
  readonly confirmed: number;
  /** Decisions: holds beyond every rung's error, violated, or undecided by every rung. */
  readonly holds: number;
  readonly violated: number;
  readonly undecided: number;
  /** The rung that decided each confirmed case, counted ('double-double', 'decimal', 'rational', …). */
  readonly rungs: Readonly<Partial<Record<RungName, number>>>;
  /** The highest slack among the confirmed cases. */
  readonly maxSlack?: number;
  /** The first near-tight case the ladder found violated (a violation the float check passed). */
  readonly firstViolated?: { readonly value: unknown; readonly slack: number; readonly rung: RungName; readonly field: string; readonly failedBounds: readonly Bound[] };
  readonly timeMs: number;
}

interface Candidate<C> {
  readonly value: C;
  readonly slack: number;
  readonly key: string;
}

/** The highest slack of a holding bound in a case (−∞ when none holds with a finite positive rhs). */
function caseSlack(o: CaseOutcome): number {
  let s = -Infinity;
  for (const b of o.bounds) if (b.holds && b.rhs > 0 && Number.isFinite(slackOf(b))) s = Math.max(s, slackOf(b));
  return s;
}

/**
 * Watches the float check of a mode for near-tight cases: `claim` is the claim with its check wrapped (hand it to the
 * generate and target phases); `confirmAll` then runs the ladder on the highest-slack ones, within the budget.
 */
export function nearTight<C>(base: Claim<C>, o: NearTightOptions = {}): { readonly claim: Claim<C>; confirmAll(impl: Impl, deadline: number, weaken?: Weakening): NearTightSummary | undefined } {
  const distance = o.distance ?? NEAR_TIGHT_DISTANCE;
  const budget = o.budget ?? NEAR_TIGHT_BUDGET;
  const maxMs = o.maxMs ?? NEAR_TIGHT_MS;
  const kept = new Map<string, Candidate<C>>();
  const seen = new Set<string>();
  const active = distance > 0 && budget > 0 && base.checkIn !== undefined && base.confirmSpec !== undefined && !base.probabilistic;
  const check = (c: C, ctx: CheckContext): CaseOutcome => {
    const outcome = base.check(c, ctx);
    if (ctx.mode !== 'float' || failedBounds(outcome).length > 0 || outcome.inconclusive !== undefined) return outcome;
    const slack = caseSlack(outcome);
    if (!(slack >= 1 - distance)) return outcome;
    const key = JSON.stringify(c) ?? '';
    if (seen.has(key)) return outcome;
    seen.add(key);
    kept.set(key, { value: c, slack, key });
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: pruning only bounds the memory; a case pruned here is below `budget` higher slacks already kept, so the final choice is the same
    if (kept.size > 4 * budget) {
      // keep the highest slacks only (stable sort: ties keep their order, as without pruning)
      const top = [...kept.values()].sort((a, b) => b.slack - a.slack).slice(0, budget);
      kept.clear();
      for (const t of top) kept.set(t.key, t);
    }
    return outcome;
  };
  const claim: Claim<C> = active ? { ...base, check } : base;
  return {
    claim,
    confirmAll(impl, deadline, weaken) {
      if (!active) return undefined;
      const start = Date.now();
      const cpuStart = clock();
      const chosen = [...kept.values()].sort((a, b) => b.slack - a.slack).slice(0, budget);
      const rungs: Partial<Record<RungName, number>> = {};
      let holds = 0;
      let violated = 0;
      let undecided = 0;
      let firstViolated: NearTightSummary['firstViolated'];
      // a lower rung that broke down on one case (threw, or gave a NaN: a check that does not run in that field) is not
      // tried again on this claim's other near-tight cases
      const broken = new Set<string>();
      let capped = false;
      for (const c of chosen) {
        if (Date.now() > deadline || clock() - cpuStart > maxMs) {
          capped = true;
          break;
        }
        const r = climbCase(base, c.value, impl, weaken, LADDER_PRECISION, broken);
        for (const a of r.attempts) if (a.note !== undefined && (a.note.startsWith('threw: ') || a.note.includes('a value is not a number'))) broken.add(a.field);
        if (r.rung) rungs[r.rung] = (rungs[r.rung] ?? 0) + 1;
        if (r.decision === 'holds') holds++;
        else if (r.decision === 'violated') {
          violated++;
          firstViolated ??= { value: c.value, slack: c.slack, rung: r.rung!, field: r.field!, failedBounds: r.outcome ? failedBounds(r.outcome) : [] };
        } else undecided++;
      }
      const confirmed = holds + violated + undecided;
      return {
        distance,
        budget,
        maxMs,
        ...(capped ? { capped } : {}),
        candidates: seen.size,
        confirmed,
        holds,
        violated,
        undecided,
        rungs,
        ...(confirmed > 0 ? { maxSlack: chosen[0]!.slack } : {}),
        ...(firstViolated ? { firstViolated } : {}),
        timeMs: Date.now() - start,
      };
    },
  };
}
