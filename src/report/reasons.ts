import type { ProgressEvent } from '../claims/engine.ts';
import type { FailedBoundFact, Reason } from '../claims/judge.ts';

/*
 * The only place where a verdict's structured reason (src/claims/judge.ts) becomes prose: the terminal, claims.md,
 * index.html and junit.xml all call describeReason. claims.json keeps the structure.
 */

/** A number as a reader compares it: 6 significant digits, and ±∞/NaN by name. */
export function fmtNumber(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(6)).toString() : String(x);
}

const boundsText = (bs: readonly FailedBoundFact[]): string => bs.map((b) => `${b.name}: ${fmtNumber(b.lhs)} > ${fmtNumber(b.rhs)}`).join('; ');
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function describeReason(r: Reason): string {
  switch (r.code) {
    case 'no-cases':
      return `no cases requested in profile ${r.profile}`;
    case 'binomial-rejected':
    case 'binomial-unconfirmed': {
      const t = r.test;
      const rejects = `${t.failures} failures in ${t.n} runs reject "failure rate ≤ ${t.bound}" (p = ${t.pValue.toExponential(2)} < α = ${t.alpha})`;
      if (r.code === 'binomial-rejected') return rejects;
      return `${rejects}, but the witness ${r.witness === 'float artifact' ? 'is a float artifact' : 'could not be confirmed'} in exact mode`;
    }
    case 'binomial-held': {
      const t = r.test;
      return `${t.failures} failures in ${t.n} runs: "failure rate ≤ ${t.bound}" not rejected (p = ${t.pValue.toExponential(2)}; ${Number.isFinite(t.criticalFailures) ? `${t.criticalFailures} failures would reject` : 'no count would reject'})`;
    }
    case 'violated':
      return `${boundsText(r.bounds)}${r.confirmedInExact ? (r.rung !== undefined ? ` (confirmed in ${r.rung})` : ' (confirmed in exact mode)') : ''}${r.erratum ? ` — erratum ${r.erratum}` : ''}`;
    case 'check-threw':
      return `the check threw on a case: ${r.error}`;
    case 'float-artifact':
      return r.rung !== undefined ? `a float failure that vanishes in ${r.rung} (float artifact)` : 'a float failure that vanishes in exact mode (float artifact)';
    case 'unconfirmed':
      return `a float failure that could not be confirmed: ${r.note}`;
    case 'cut-short':
      return r.failures !== undefined
        ? `cut short by the ${r.by === 'stopped' ? 'stop' : 'time limit'} after ${r.cases} of ${plural(r.requested, 'run')} (${plural(r.failures, 'failure')})`
        : `cut short (${r.by}) after ${r.cases} of ${plural(r.requested, 'case')}`;
    case 'inconclusive-cases':
      return `${r.count} of ${plural(r.cases, 'case')} inconclusive (first: ${r.first})`;
    case 'held':
      return `${plural(r.cases, 'case')}${r.skipped ? ` (${r.skipped} outside the hypotheses skipped: ${r.firstSkipped})` : ''}`;
    case 'no-mode':
      return 'no mode selected';
    case 'modes':
      return r.modes.map((m) => `${m.mode}: ${describeReason(m.reason)}`).join('; ');
    case 'in-mode':
      return `${r.mode}: ${describeReason(r.reason)}`;
    case 'pinned-fails':
      return `pinned case "${r.note}" (${r.mode}) fails: ${r.error ?? boundsText(r.bounds)}${r.erratum ? ` — erratum ${r.erratum}` : ''}`;
    case 'pinned-no-longer-fails':
      return `pinned counterexample "${r.note}" (${r.mode}) no longer fails (${r.status})`;
  }
}

/**
 * A mode's near-tight confirmation in a line: "near-tight: 8 of 580 cases (slack ≥ 1 − 1e-6, budget 8) confirmed —
 * 8 hold (Q 8)"; undefined when none was a candidate.
 */
export function describeNearTight(n: { readonly distance: number; readonly budget: number; readonly maxMs: number; readonly capped?: boolean; readonly candidates: number; readonly confirmed: number; readonly holds: number; readonly violated: number; readonly undecided: number; readonly rungs: Readonly<Record<string, number | undefined>>; readonly firstViolated?: { readonly rung: string; readonly field: string; readonly slack: number } }): string | undefined {
  if (n.candidates === 0) return undefined;
  const rungs = Object.entries(n.rungs).filter(([, k]) => (k ?? 0) > 0).map(([r, k]) => `${r} ${k}`).join(', ');
  const parts = [n.holds > 0 ? `${n.holds} hold` : '', n.violated > 0 ? `${n.violated} violated` : '', n.undecided > 0 ? `${n.undecided} undecided` : ''].filter((x) => x !== '');
  const first = n.firstViolated ? `; first violated in ${n.firstViolated.field} (float slack ${fmtNumber(n.firstViolated.slack)})` : '';
  return `near-tight: ${n.confirmed} of ${plural(n.candidates, 'case')} (slack ≥ 1 − ${n.distance}, budget ${n.budget}${n.capped ? `, stopped by the ${n.maxMs} ms cap` : ''}) confirmed — ${parts.join(', ') || 'none decided'}${rungs ? ` (decided by ${rungs})` : ''}${first}`;
}

/** A progress line of the engine, as the CLI prints it. */
export function describeProgress(e: ProgressEvent): string {
  switch (e.kind) {
    case 'replayed':
      return `${e.claim}: replayed ${plural(e.count, 'pinned case')}`;
    case 'cases':
      return `${e.claim} [${e.mode}]: ${e.cases} of ${plural(e.requested, 'case')}…`;
    case 'mode':
      return `${e.claim} [${e.mode}]: ${e.verdict} — ${describeReason(e.reason)}`;
  }
}
