import type { Field, Scalarish } from '../../arith/field.ts';
import type { LinAlg } from '../../linalg/backend.ts';
import type { Impl } from '../../impl/impl.ts';
import type { Bound, CaseOutcome, Mode, Weakening } from '../types.ts';
import type { FieldSpec } from './fields.ts';

/*
 * What a claim's check writes with: one context per case, over the field of the mode being run. The check states each
 * inequality once — `k.bound('(28a)', δ₁, η, { tol, why })` — and the context decides whether it holds, records the
 * slack from the same two numbers, and aggregates repeated statements of one bound (one per step of a trajectory) into
 * the case's worst instance. Nothing in a claim sets `holds` by hand.
 */

export interface BoundOptions {
  /**
   * The argued float tolerance, added to the right side in a rounded field (float64, decimal) and ignored in a field
   * that decides exactly (Q). Give it as c·k.u… so that it scales with the field's unit roundoff.
   */
  readonly tol?: number;
  /** Why the tolerance is what it is, in a few words (shown beside the slack in the report). */
  readonly why?: string;
  /** The step (or index) this instance belongs to; kept with the worst instance for the trajectory window. */
  readonly at?: number;
  /** lhs < rhs (+ tol) instead of ≤: a tie fails ("P_M is not diagonal", "slows down"). Slack is still lhs/rhs. */
  readonly strict?: boolean;
}

export type Value<T> = T | Scalarish;

export interface Ctx<T> {
  /** The field of this case: float64 in float mode, Q or decimal in exact mode, the confirm field when confirming. */
  readonly F: Field<T>;
  /** The mode being run ('exact' also when a float counterexample is being confirmed). */
  readonly mode: Mode;
  /** True when the field decides comparisons exactly (Q): tolerances are then ignored. */
  readonly exact: boolean;
  /** The field's unit roundoff as a number (0 in Q): the u of every argued tolerance. */
  readonly u: number;
  /** The algorithms under test. Take every algorithm from here, so that planted bugs reach the check. */
  readonly impl: Impl;
  /** impl.over(F): the linear algebra of the implementation under test, in this field. */
  readonly la: LinAlg<T>;
  /** F.toNumber. */
  num(x: T): number;
  /** F.of. */
  of(x: Value<T>): T;
  /** lhs ≤ rhs (+ tol in a rounded field); lhs < rhs with { strict: true }. Returns whether it held. */
  bound(name: string, lhs: Value<T>, rhs: Value<T>, options?: BoundOptions): boolean;
  /**
   * A constant the paper quotes to some digits, checked two-sided: the measured value must round to the quoted digits
   * (|measured − quoted| ≤ ½ unit of the quoted last digit), not only stay on one side of them. '1.2024' for a
   * supremum 1.20237 holds; a true value of 1.1 (a bound far from tight) or 1.21 (a wrong constant) fails.
   */
  quoted(name: string, measured: Value<T>, quoted: string): boolean;
  /** a = b, i.e. |a − b| ≤ 0 (+ tol in a rounded field). */
  equal(name: string, a: Value<T>, b: Value<T>, options?: BoundOptions): boolean;
  /** Marks a proof branch this case exercised (declared in the claim's `branches`). */
  branch(name: string): void;
  /** Puts the case in a bin of the hypothesis space (declared in the claim's `bins`). */
  bin(axis: string, value: string): void;
  /** The case can neither confirm nor refute the claim (a stopped run, exactness not proven, …). */
  inconclusive(reason: string): void;
  /** The case lies in a probability-zero set the claim excludes but a finite grid can hit: counted as skipped. */
  outside(reason: string): void;
  /**
   * Data kept for a counterexample (plain data), made once the case is checked from its final bounds (so that it can
   * centre on the worst step: `k.trace((bounds) => window(worstAt(bounds)))`).
   */
  trace(make: (bounds: readonly Bound[]) => unknown): void;
  /** The exactness of the case when the claim proves it itself (proveExact); a field spec's own record otherwise. */
  exactness(e: NonNullable<CaseOutcome['exactness']>): void;
}

interface Slot {
  bound: Bound & { at?: number };
  ratio: number;
}

const ratioOf = (lhs: number, rhs: number): number => (rhs === 0 ? (lhs <= 0 ? 0 : Infinity) : lhs / rhs);

/** Runs `body` on a fresh context over `spec`'s field and returns the case's outcome (plain data). */
export function runInField<T>(spec: FieldSpec<T>, mode: Mode, impl: Impl, body: (k: Ctx<T>) => void, weaken?: Weakening, options: { readonly open?: boolean } = {}): CaseOutcome {
  const F = spec.make();
  const exact = spec.decides === 'exactly';
  const slots = new Map<string, Slot>();
  const branches: string[] = [];
  const bins: Record<string, string> = {};
  let inconclusive: string | undefined;
  let outside: string | undefined;
  let trace: ((bounds: readonly Bound[]) => unknown) | undefined;
  let exactness: CaseOutcome['exactness'];
  let la: LinAlg<T> | undefined;
  // The confirmation ladder's question (options.open): which bounds hold only within their tolerance.
  const open = new Set<string>();

  const record = (name: string, lhsT: T, rhsT: T, o: BoundOptions): boolean => {
    const tol = exact ? 0 : (o.tol ?? 0);
    if (!(tol >= 0)) throw new RangeError(`bound ${name}: the tolerance must be a number ≥ 0, got ${tol}`);
    let rhsTol = tol === 0 ? rhsT : F.add(rhsT, F.of(tol));
    // A planted weakening (tests of the scope gates): the bound accepts factor·rhs.
    if (weaken?.kind === 'loosen' && (weaken.bound === undefined || weaken.bound === name) && F.lt(F.zero, rhsTol)) rhsTol = F.mul(rhsTol, F.of(weaken.factor));
    // holds and slack come from the same comparison: lhs ≤ rhs + tol, decided in the field (a NaN never holds).
    const holds = o.strict ? F.lt(lhsT, rhsTol) : F.le(lhsT, rhsTol);
    // Decided beyond the field's argued error only when lhs + tol ≤ rhs as well (see CaseOutcome.open).
    if (options.open && holds && tol > 0) {
      const lhsTol = F.add(lhsT, F.of(tol));
      if (!(o.strict ? F.lt(lhsTol, rhsT) : F.le(lhsTol, rhsT))) open.add(name);
    }
    const lhs = F.toNumber(lhsT);
    const rhs = F.toNumber(rhsTol);
    const ratio = ratioOf(lhs, rhs);
    const prev = slots.get(name);
    // The case's instance of a bound: its first failing instance, else the one of largest lhs/rhs.
    if (!prev || (prev.bound.holds && (!holds || ratio > prev.ratio))) {
      const bound: Bound & { at?: number } = { name, lhs, rhs, holds, ...(o.why && !exact ? { tolerance: o.why } : {}), ...(o.at !== undefined ? { at: o.at } : {}) };
      slots.set(name, { bound, ratio: holds ? ratio : Infinity });
    }
    return holds;
  };

  const k: Ctx<T> = {
    F,
    mode,
    exact,
    u: F.unitRoundoff,
    impl,
    get la() {
      return (la ??= impl.over(F));
    },
    num: (x) => F.toNumber(x),
    of: (x) => F.of(x as Scalarish | T),
    bound: (name, lhs, rhs, o = {}) => record(name, F.of(lhs as Scalarish | T), F.of(rhs as Scalarish | T), o),
    quoted: (name, measured, quoted) => {
      if (!/^-?\d+(\.\d+)?$/.test(quoted)) throw new RangeError(`quoted ${name}: '${quoted}' is not a decimal numeral`);
      const places = quoted.includes('.') ? quoted.length - quoted.indexOf('.') - 1 : 0;
      const half = F.of(`5e-${places + 1}`); // ½ unit of the last quoted digit
      return record(name, F.abs(F.sub(F.of(measured as Scalarish | T), F.of(quoted))), half, { why: `rounds to the quoted ${quoted} (±${5}e-${places + 1})` });
    },
    equal: (name, a, b, o = {}) => record(name, F.abs(F.sub(F.of(a as Scalarish | T), F.of(b as Scalarish | T))), F.zero, o),
    branch: (name) => {
      if (!branches.includes(name)) branches.push(name);
    },
    bin: (axis, value) => {
      bins[axis] = value;
    },
    inconclusive: (reason) => {
      inconclusive ??= reason;
    },
    outside: (reason) => {
      outside ??= reason;
    },
    trace: (make) => {
      trace = make;
    },
    exactness: (e) => {
      exactness = e;
    },
  };

  body(k);

  const bounds = [...slots.values()].map((s) => s.bound);
  const fromField = spec.after?.(F) ?? {};
  const out: CaseOutcome = {
    bounds,
    ...(inconclusive !== undefined ? { inconclusive } : fromField.inconclusive !== undefined ? { inconclusive: fromField.inconclusive } : {}),
    ...(outside !== undefined ? { outsideHypotheses: outside } : {}),
    ...(branches.length > 0 ? { branches } : {}),
    ...(Object.keys(bins).length > 0 ? { bins } : {}),
    ...(exactness ? { exactness } : fromField.exactness && fromField.inconclusive === undefined ? { exactness: fromField.exactness } : {}),
    ...(trace !== undefined ? { trace: trace(bounds) } : {}),
    ...(options.open ? { open: bounds.filter((b) => b.holds && open.has(b.name)).map((b) => b.name) } : {}),
  };
  return out;
}
