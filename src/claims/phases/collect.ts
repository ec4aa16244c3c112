import type { Bound, CaseOutcome } from '../types.ts';

/*
 * What the generate phase keeps of the cases it runs: slack per bound (with its witness), coverage bins and proof
 * branches, exactness, the inconclusive and skipped cases, and the failures (all of them for a probabilistic claim).
 */

export interface SlackEntry {
  readonly bound: string;
  /** max over cases of lhs/rhs (1 = tight; > 1 only on a violating case). */
  readonly max: number;
  readonly lhs: number;
  readonly rhs: number;
  /** The case that reached it (the claim's case value). */
  readonly witness: unknown;
  readonly tolerance?: string;
  /** True when the target phase's search found it (not a random case). */
  readonly searched?: boolean;
}

export function slackOf(b: Pick<Bound, 'lhs' | 'rhs'>): number {
  if (b.rhs === 0) return b.lhs <= 0 ? 0 : Infinity;
  return b.lhs / b.rhs;
}

export const failedBounds = (o: CaseOutcome): Bound[] => o.bounds.filter((b) => !b.holds);

/** One case's status: a failing bound violates; else an inconclusive reason or no bound at all is inconclusive. */
export function caseStatus(o: CaseOutcome): 'holds' | 'violated' | 'inconclusive' {
  if (failedBounds(o).length > 0) return 'violated';
  if (o.inconclusive !== undefined) return 'inconclusive';
  return o.bounds.length > 0 ? 'holds' : 'inconclusive';
}

export class Collector {
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

  /** A case of the target phase: its bounds may raise the slack entries; it is not one of the random cases. */
  recordSlack(value: unknown, o: CaseOutcome): void {
    for (const b of o.bounds) {
      const s = slackOf(b);
      const prev = this.slack.get(b.name);
      if (!prev || s > prev.max) this.slack.set(b.name, { bound: b.name, max: s, lhs: b.lhs, rhs: b.rhs, witness: value, ...(b.tolerance ? { tolerance: b.tolerance } : {}), searched: true });
    }
  }

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

export const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
