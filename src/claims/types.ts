import type { Arbitrary } from 'fast-check';
import type { Field } from '../arith/field.ts';
import type { Impl } from '../impl/impl.ts';

/*
 * The vocabulary of the claims registry (one file per claim id in ./catalogue/) and of the engine (./engine.ts).
 * Everything the engine returns is plain data (numbers, strings, arrays, records) so that the reports can render it
 * and `claims.json` can store it.
 */

/**
 * Provenance exactly as ../shared/spec/claims.md gives it; 'literature': a classical result the paper cites and adapts,
 * checked in the form the claim file states with its reference (spec, "Second wave").
 */
export type Provenance = 'quoted' | 'reconstructed' | 'open' | 'literature';

/** 'float': float64 (fast kernels); 'exact': decimal.js with a run-time proof of exactness (or a stated error bound). */
export type Mode = 'float' | 'exact';
export const MODES: readonly Mode[] = ['float', 'exact'];

/** quick: seconds, for editing; default: what `npm test` and CI run; deep: nightly, sharded. */
export type Profile = 'quick' | 'default' | 'deep';
export const PROFILES: readonly Profile[] = ['quick', 'default', 'deep'];

export type Verdict = 'holds' | 'violated' | 'violated (known erratum)' | 'inconclusive';

export interface Source {
  /** The paper: 'A' and 'B' for the catalogue's two; any short name for a user's own claims. */
  readonly paper: string;
  /** Lemma/Theorem and section, e.g. "Lemma 2, App. B.1; slide 'scalar case'". */
  readonly where: string;
  /** Equation numbers the check uses, e.g. ['(27)', '(28a)', '(35)']. */
  readonly equations: readonly string[];
}

/** A parameter's allowed range, typed so that reports can bin it and the CLI can name it in errors. */
export type Domain =
  | { readonly kind: 'real'; readonly min: number; readonly max: number; readonly closed: 'both' | 'left' | 'right' | 'neither'; readonly scale?: 'linear' | 'log' }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'choice'; readonly values: readonly (string | number)[] }
  | { readonly kind: 'structure' };

/** One hypothesis of the claim, as stated and as generated. */
export interface Hypothesis {
  /** The parameter it constrains (ρ, C, σ0, …) or a short name for a structural one ('alignment', 'warm start'). */
  readonly name: string;
  /** The hypothesis in the catalogue's words, e.g. "ρ ∈ [1/2, 1)". */
  readonly text: string;
  /** The range the generator draws from (inside the hypothesis). */
  readonly domain: Domain;
  /** True when the catalogue marks it necessary: some probe must drop it and find a counterexample. */
  readonly necessary?: boolean;
}

/** One inequality of a claim evaluated on one case; the claim says lhs ≤ rhs. Equalities are |a − b| ≤ tolerance. */
export interface Bound {
  /** Equation label, e.g. '(28a)'. Slack is tracked per name. */
  readonly name: string;
  readonly lhs: number;
  readonly rhs: number;
  /**
   * Whether the case satisfies it. Usually lhs ≤ rhs; a float check may allow an argued tolerance (say which in
   * `tolerance`), an exact check never does.
   */
  readonly holds: boolean;
  /** The argued float tolerance, if any, in words ("4·T·u·λ_max: T rounded steps of size ≤ λ_max"). */
  readonly tolerance?: string;
  /** The step (or index) of the case's worst instance of the bound, when the bound is stated per step. */
  readonly at?: number;
}

/** What a claim's check says about one case. */
export interface CaseOutcome {
  readonly bounds: readonly Bound[];
  /**
   * Set when the case can neither confirm nor refute the claim (a non-finite trajectory, exactness not proven, a
   * hypothesis the generator cannot guarantee, …). An inconclusive case never counts as holding.
   */
  readonly inconclusive?: string;
  /**
   * Set when the case turns out to lie outside the claim's hypotheses in a way its generator cannot exclude — a
   * probability-zero set that a finite grid of draws can still hit (Lemma 1's critical C). It is not a case of the
   * claim: it is counted as skipped, with its reason, and neither holds nor fails.
   */
  readonly outsideHypotheses?: string;
  /** Proof branches this case exercised ("overshoot", "approach", "y1 moves", …) for the coverage report. */
  readonly branches?: readonly string[];
  /** Hypothesis-space bins ("κ decade" → "1e2–1e3", …) for the coverage report. */
  readonly bins?: Readonly<Record<string, string>>;
  /** How exact the computation was (exact mode). */
  readonly exactness?: { readonly exact: boolean; readonly precision: number; readonly errorEstimate: string };
  /** Data around the failure (e.g. the trajectory window), kept for counterexample reports. Plain data only. */
  readonly trace?: unknown;
  /**
   * Only when the confirmation ladder asks (Claim.checkIn): the bounds that hold only within their tolerance in a
   * rounded field — lhs ≤ rhs + tol but not lhs + tol ≤ rhs (strict: <) at some instance — so that the field's argued
   * error (tol, formed with its unit roundoff) leaves them undecided.
   */
  readonly open?: readonly string[];
}

/**
 * A field a claim's check can run in — the shape of the claim kit's FieldSpec (kit/fields.ts), named here so that
 * the engine's confirmation ladder can ask a claim to run its one check over a rung's field (Claim.checkIn).
 */
export interface RungField {
  readonly name: string;
  readonly decides: 'exactly' | 'rounded';
  make(): Field<any>;
  after?(F: Field<any>): Pick<CaseOutcome, 'inconclusive' | 'exactness'>;
}

export interface CheckContext {
  readonly mode: Mode;
  /** The algorithms under test. Checks take every algorithm from here, so that planted bugs reach them. */
  readonly impl: Impl;
  /** A weakened check (tests of the gates only): the kit loosens the named bounds by this factor. */
  readonly weaken?: Weakening;
}

/**
 * A planted weakening of a check — not of the algorithm: what the scope gates (slack baseline, coverage) must notice.
 * 'loosen': every bound named (all when `bound` is absent) accepts lhs ≤ factor·rhs (rhs > 0), the way a constant
 * made 1.5× larger or a numeric bound raised by 10 % would; 'drop-bin': the generator no longer reaches one bin of a
 * hypothesis axis (its cases are not counted).
 */
export type Weakening =
  | { readonly kind: 'loosen'; readonly factor: number; readonly bound?: string }
  | { readonly kind: 'drop-bin'; readonly axis: string; readonly bin: string };

/**
 * A necessity probe: drop (or break) one hypothesis and show the claim then fails. `run` must find a counterexample
 * under the given seed; the result records it.
 */
export interface Probe {
  readonly id: string;
  /** The hypothesis dropped, in words: "ρ ≥ 1/2 dropped: ρ ∈ [0.2, 0.49)". */
  readonly drops: string;
  /** The name of the hypothesis it drops (one of the claim's hypotheses), when it drops one. */
  readonly hypothesis?: string;
  run(ctx: ProbeContext): ProbeOutcome;
}

export interface ProbeContext {
  readonly seed: number;
  readonly profile: Profile;
  readonly impl: Impl;
}

export interface ProbeOutcome {
  /** True when the dropped hypothesis produced a counterexample. */
  readonly found: boolean;
  /** The counterexample (plain data), or why none was found. */
  readonly witness?: unknown;
  /** Which bound broke and by how much. */
  readonly bound?: Bound;
  /** e.g. "19620 of 20000 runs broke (28a)". */
  readonly summary: string;
  /** Cases tried and how many broke, when the probe is a search. */
  readonly tried?: number;
  readonly broke?: number;
  /** Whether the counterexample was confirmed in exact arithmetic. */
  readonly exact?: boolean;
}

/** How a claim exposes its cases to the target phase's search (phases/target.ts): free numeric parameters, and the
 * way back into a case inside its hypotheses. */
export interface SearchSpace<C> {
  /** The case's free numeric parameters. */
  params(c: C): readonly number[];
  /** The case with these parameters, or undefined when they leave the hypotheses (the search never steps outside). */
  withParams(c: C, x: readonly number[]): C | undefined;
  /** First step per coordinate, relative to |x_i| (absolute where x_i = 0); default 0.1 each. */
  readonly steps?: readonly number[];
  /**
   * Evaluations per mode for a profile, where the claim's check is too costly for the engine's budget (TARGET_BUDGET
   * in phases/target.ts); never more than that budget.
   */
  readonly evaluations?: Readonly<Partial<Record<Profile, number>>>;
}

/** A claim that holds with probability ≥ 1 − maxFailureRate per run (A.T1b). */
export interface Probabilistic {
  /** The claim's failure probability bound, 0.01 for A.T1b. */
  readonly maxFailureRate: number;
  /** Significance of the one-sided binomial test that rejects "failure rate ≤ maxFailureRate", e.g. 1e-6. */
  readonly alpha: number;
}

/** Number of cases per mode for each profile. */
export type CaseCounts = Readonly<Record<Profile, Partial<Readonly<Record<Mode, number>>>>>;

/** One registry entry. `C` is the case: plain JSON data, so that counterexamples can be stored as values. */
export interface Claim<C = unknown> {
  readonly id: string;
  readonly title: string;
  readonly source: Source;
  readonly provenance: Provenance;
  /** The statement as checked (the catalogue's form). */
  readonly statement: string;
  readonly hypotheses: readonly Hypothesis[];
  /** The modes it runs in; the first is the primary one. */
  readonly modes: readonly Mode[];
  readonly cases: CaseCounts;
  /**
   * The generator of instances inside the hypotheses, per mode (exact cases use finite decimals) and profile (deep
   * may reach larger sizes than default).
   */
  arbitrary(mode: Mode, profile?: Profile): Arbitrary<C>;
  check(c: C, ctx: CheckContext): CaseOutcome;
  /**
   * Re-check of a float counterexample in exact or higher-precision arithmetic. Defaults to `check` in exact mode
   * when the claim runs in exact mode. A claim without either cannot confirm a float violation: it is reported
   * inconclusive (never holds).
   */
  confirm?(c: C, ctx: CheckContext): CaseOutcome;
  readonly probes: readonly Probe[];
  readonly probabilistic?: Probabilistic;
  /**
   * The bins the generator is meant to reach, per axis ("κ decade" → ["1–10", …]); the coverage report lists the
   * ones never reached. Optional.
   */
  readonly binSpace?: Readonly<Record<string, readonly string[]>>;
  /** Branches the proof distinguishes; listed as unreached when no case exercised them. */
  readonly branchSpace?: readonly string[];
  /**
   * Bins of binSpace that only the deep profile is meant to reach, per axis, with the reason (the cost): the coverage
   * gate of the quick and default profiles does not ask for them, and the report says so — never silently.
   */
  readonly deepOnly?: Readonly<Record<string, { readonly bins: readonly string[]; readonly why: string }>>;
  /** Proof branches only the deep profile is meant to exercise, with the reason. */
  readonly deepOnlyBranches?: { readonly branches: readonly string[]; readonly why: string };
  /**
   * Why this claim may end inconclusive without that being a defect (an 'open' quantity, a reconstructed constant
   * that is measured, not asserted). Without it the property file fails on 'inconclusive'.
   */
  readonly mayBeInconclusive?: string;
  /** The field each mode runs in ('float64', 'Q', 'decimal(60)'), as the kit declares it. */
  readonly fields?: Readonly<Partial<Record<Mode, string>>>;
  /** The field a float counterexample is re-checked in, as the kit declares it. */
  readonly confirmField?: string;
  /** The confirm field itself: the top rung of the confirmation ladder (phases/confirm.ts). */
  readonly confirmSpec?: RungField;
  /**
   * The one check over any field of the confirmation ladder (the kit provides it), in exact mode, with the bounds left
   * open by the field's argued error recorded (CaseOutcome.open). Without it only `confirm` can confirm.
   */
  checkIn?(c: C, field: RungField, ctx: CheckContext): CaseOutcome;
  /** The case's free numeric parameters, for the target phase's search for the worst case (phases/target.ts). */
  readonly search?: SearchSpace<C>;
  /** Why the claim has no search space (identities, a fixed sweep, a probabilistic claim, …). */
  readonly noSearch?: string;
  /** Turn a stored (JSON-parsed) case back into C; default: identity. */
  fromJSON?(value: unknown): C;
}
