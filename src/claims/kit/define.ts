import type { Arbitrary } from 'fast-check';
import type { Impl } from '../../impl/impl.ts';
import { probeSearch } from '../search.ts';
import type { CaseCounts, CaseOutcome, CheckContext, Claim, Hypothesis, Mode, Probabilistic, Probe, ProbeContext, ProbeOutcome, Profile, Provenance, SearchSpace, Source, Weakening } from '../types.ts';
import { runInField, type Ctx } from './context.ts';
import type { FieldSpec } from './fields.ts';

/*
 * defineClaim: a claim as the paper states it — its hypotheses, the generator that draws cases inside them, one check
 * written once over a field, and the probes that drop a hypothesis — turned into the engine's Claim. The kit decides
 * holds, slack, exactness and the mode dispatch; the claim file only states the mathematics.
 *
 *   export default defineClaim({
 *     id: 'A.L2', title, source, provenance: 'reconstructed', statement,
 *     hypotheses: [hyp.real('ρ', 'ρ ∈ [1/2, 1)', 0.5, 255 / 256, { necessary: true }), …],
 *     modes: { exact: rational(), float: float64Field },
 *     cases: { quick: { exact: 40, float: 60 }, default: …, deep: … },
 *     generate: (mode) => cases,
 *     check(c, k) {
 *       …
 *       k.bound('(28a)', d1, eta, { tol: E, why: 'accumulated per-step rounding' }); // δ_{t+1} ≤ η_t
 *     },
 *     probes: [probe({ id: 'rho-below-half', drops: 'ρ ≥ 1/2', hypothesis: 'ρ', cases: rhoBelowHalf, runs: 200 })],
 *   });
 */

/** Runs per profile: one number for all, or per profile (a missing profile takes `default`'s). */
export type Runs = number | Partial<Readonly<Record<Profile, number>>>;

export function runsFor(runs: Runs, profile: Profile): number {
  if (typeof runs === 'number') return runs;
  const n = runs[profile] ?? runs.default;
  if (n === undefined) throw new RangeError(`no run count for profile ${profile}`);
  return n;
}

/** A necessity probe: drop one hypothesis (or break the algorithm) and show the claim's own check then fails. */
export interface ProbeSpec<C> {
  readonly id: string;
  /** The hypothesis dropped, in words: "ρ ≥ 1/2 dropped: ρ ∈ [0.2, 0.49)". */
  readonly drops: string;
  /** The name of the hypothesis dropped, as declared in `hypotheses` (checked by defineClaim). */
  readonly hypothesis?: string;
  /** The generator with the hypothesis dropped (default: the claim's own, in the probe's mode). */
  readonly cases?: Arbitrary<C> | ((profile: Profile) => Arbitrary<C>);
  /** How many cases the search draws. */
  readonly runs: Runs;
  /** The mode whose field the check runs in (default: the claim's first). */
  readonly mode?: Mode;
  /** A broken algorithm instead of the one under test (a planted bug: the algorithm's hypothesis dropped). */
  readonly impl?: Impl;
  /** What broke, for the summary ("no case of 200 broke <what>"); default: the claim id. */
  readonly what?: string;
}

/** A probe that is not a plain search over a generator (a binomial test, a construction): it runs itself. */
export interface CustomProbe {
  readonly id: string;
  readonly drops: string;
  readonly hypothesis?: string;
  run(ctx: ProbeContext): ProbeOutcome;
}

export interface ClaimSpec<C> {
  readonly id: string;
  readonly title: string;
  readonly source: Source;
  readonly provenance: Provenance;
  /** The statement as checked. */
  readonly statement: string;
  readonly hypotheses: readonly Hypothesis[];
  /** The field each mode runs in, in priority order (the first is the primary mode). */
  readonly modes: Partial<Readonly<Record<Mode, FieldSpec>>>;
  /** The field that re-checks a float counterexample (default: the exact mode's field; none → unconfirmable). */
  readonly confirm?: FieldSpec;
  readonly cases: CaseCounts;
  /** The cases inside the hypotheses, per mode (exact cases use finite decimals) and profile. */
  generate(mode: Mode, profile: Profile): Arbitrary<C>;
  /** The check, written once over a field: state the bounds with k.bound, mark bins and branches. */
  check<T>(c: C, k: Ctx<T>): void;
  readonly probes?: readonly (ProbeSpec<C> | CustomProbe)[];
  /** The hypothesis-space bins the generator is meant to reach, per axis, in their natural order. */
  readonly bins?: Readonly<Record<string, readonly string[]>>;
  /** The proof branches. */
  readonly branches?: readonly string[];
  /**
   * Bins that only the deep profile reaches, per axis, with the reason (the cost): the default profile's coverage gate
   * does not ask for them, and the report says so.
   */
  readonly deepOnly?: Readonly<Record<string, { readonly bins: readonly string[]; readonly why: string }>>;
  /** Proof branches only the deep profile exercises, with the reason (the cost). */
  readonly deepOnlyBranches?: { readonly branches: readonly string[]; readonly why: string };
  readonly probabilistic?: Probabilistic;
  readonly mayBeInconclusive?: string;
  /**
   * The search for the worst case (the engine's target phase): the case's free numeric parameters and the way back
   * into a case inside the hypotheses. Without it only the random cases count.
   */
  readonly search?: SearchSpace<C>;
  /**
   * Why the claim declares no search space (its bounds are identities checked to a rounding tolerance, it runs a
   * fixed sweep, it is probabilistic, …). Every catalogue claim has `search` or this (test/claims/search-spaces.test.ts).
   */
  readonly noSearch?: string;
  fromJSON?(value: unknown): C;
}

function isCustom<C>(p: ProbeSpec<C> | CustomProbe): p is CustomProbe {
  return typeof (p as CustomProbe).run === 'function';
}

/** The engine's Claim from a spec. Validates the spec's own consistency (probe hypotheses, modes, case counts). */
export function defineClaim<C>(spec: ClaimSpec<C>): Claim<C> {
  const modes = Object.keys(spec.modes) as Mode[];
  if (modes.length === 0) throw new RangeError(`${spec.id}: a claim needs at least one mode`);
  for (const m of modes) if (m !== 'float' && m !== 'exact') throw new RangeError(`${spec.id}: unknown mode '${m}' (float or exact)`);
  if (spec.search && spec.noSearch !== undefined) throw new RangeError(`${spec.id}: a claim declares a search space or says why it has none (noSearch), not both`);
  // The engine runs no target search on a probabilistic claim (a draw in the tail is no counterexample of a rate): a
  // search declared there would never run.
  if (spec.search && spec.probabilistic) throw new RangeError(`${spec.id}: a probabilistic claim gets no target search (the engine runs none on a failure rate): say why in noSearch instead`);
  const names = new Set(spec.hypotheses.map((h) => h.name));
  const probeIds = new Set<string>();
  for (const p of spec.probes ?? []) {
    if (probeIds.has(p.id)) throw new RangeError(`${spec.id}: two probes named '${p.id}'`);
    probeIds.add(p.id);
    if (p.hypothesis !== undefined && !names.has(p.hypothesis)) throw new RangeError(`${spec.id}: probe '${p.id}' drops '${p.hypothesis}', which is not a declared hypothesis (${[...names].join(', ')})`);
  }
  for (const [axis, d] of Object.entries(spec.deepOnly ?? {})) {
    for (const b of d.bins) if (!spec.bins?.[axis]?.includes(b)) throw new RangeError(`${spec.id}: deep-only bin '${axis}: ${b}' is not a declared bin`);
  }
  for (const b of spec.deepOnlyBranches?.branches ?? []) if (!spec.branches?.includes(b)) throw new RangeError(`${spec.id}: deep-only branch '${b}' is not a declared branch`);
  const confirmSpec = spec.confirm ?? spec.modes.exact;

  const checkIn = (field: FieldSpec, mode: Mode, c: C, impl: Impl, weaken?: Weakening): CaseOutcome => runInField(field, mode, impl, (k) => spec.check(c, k), weaken);
  // A mode the claim does not run in can still be asked for: a pinned case of fixtures/regressions kept in exact mode
  // (an erratum's witness re-run at high precision) replays in the confirm field of a float-only claim.
  const fieldOf = (mode: Mode): FieldSpec => {
    const f = spec.modes[mode] ?? (mode === 'exact' ? confirmSpec : undefined);
    if (!f) throw new RangeError(`${spec.id} does not run in ${mode} mode and has no confirm field`);
    return f;
  };

  const probes: Probe[] = (spec.probes ?? []).map((p) => {
    if (isCustom(p)) return { id: p.id, drops: p.drops, ...(p.hypothesis ? { hypothesis: p.hypothesis } : {}), run: p.run };
    const mode = p.mode ?? modes[0]!;
    const field = fieldOf(mode);
    return {
      id: p.id,
      drops: p.drops,
      ...(p.hypothesis ? { hypothesis: p.hypothesis } : {}),
      run: ({ seed, profile, impl }: ProbeContext): ProbeOutcome => {
        const arb = p.cases === undefined ? spec.generate(mode, profile) : typeof p.cases === 'function' ? p.cases(profile) : p.cases;
        const use = p.impl ?? impl;
        return probeSearch(arb, (c: C) => checkIn(field, mode, c, use), seed, runsFor(p.runs, profile), p.what ?? spec.id);
      },
    };
  });

  return {
    id: spec.id,
    title: spec.title,
    source: spec.source,
    provenance: spec.provenance,
    statement: spec.statement,
    hypotheses: spec.hypotheses,
    modes,
    cases: spec.cases,
    arbitrary: (mode: Mode, profile: Profile = 'default') => spec.generate(mode, profile),
    check: (c: C, ctx: CheckContext) => checkIn(fieldOf(ctx.mode), ctx.mode, c, ctx.impl, ctx.weaken),
    ...(confirmSpec ? { confirm: (c: C, ctx: CheckContext) => checkIn(confirmSpec, 'exact', c, ctx.impl, ctx.weaken) } : {}),
    confirmField: confirmSpec?.name,
    ...(confirmSpec ? { confirmSpec } : {}),
    checkIn: (c: C, field: FieldSpec, ctx: CheckContext) => runInField(field, 'exact', ctx.impl, (k) => spec.check(c, k), ctx.weaken, { open: true }),
    fields: Object.fromEntries(modes.map((m) => [m, spec.modes[m]!.name])),
    probes,
    ...(spec.probabilistic ? { probabilistic: spec.probabilistic } : {}),
    ...(spec.bins ? { binSpace: spec.bins } : {}),
    ...(spec.branches ? { branchSpace: spec.branches } : {}),
    ...(spec.deepOnly ? { deepOnly: spec.deepOnly } : {}),
    ...(spec.deepOnlyBranches ? { deepOnlyBranches: spec.deepOnlyBranches } : {}),
    ...(spec.mayBeInconclusive ? { mayBeInconclusive: spec.mayBeInconclusive } : {}),
    ...(spec.search ? { search: spec.search } : {}),
    ...(spec.noSearch ? { noSearch: spec.noSearch } : {}),
    ...(spec.fromJSON ? { fromJSON: spec.fromJSON } : {}),
  };
}

/** A probe that searches the claim's own check over `cases` (the generator with one hypothesis dropped). */
export function probe<C>(p: ProbeSpec<C>): ProbeSpec<C> {
  return p;
}

/** Constructors for hypotheses: the parameter, the catalogue's words, and the range the generator draws from. */
export const hyp = {
  real(name: string, text: string, min: number, max: number, o: { closed?: 'both' | 'left' | 'right' | 'neither'; scale?: 'linear' | 'log'; necessary?: boolean } = {}): Hypothesis {
    return { name, text, domain: { kind: 'real', min, max, closed: o.closed ?? 'both', ...(o.scale ? { scale: o.scale } : {}) }, ...(o.necessary ? { necessary: true } : {}) };
  },
  int(name: string, text: string, min: number, max: number, o: { necessary?: boolean } = {}): Hypothesis {
    return { name, text, domain: { kind: 'int', min, max }, ...(o.necessary ? { necessary: true } : {}) };
  },
  choice(name: string, text: string, values: readonly (string | number)[], o: { necessary?: boolean } = {}): Hypothesis {
    return { name, text, domain: { kind: 'choice', values }, ...(o.necessary ? { necessary: true } : {}) };
  },
  structure(name: string, text: string, o: { necessary?: boolean } = {}): Hypothesis {
    return { name, text, domain: { kind: 'structure' }, ...(o.necessary ? { necessary: true } : {}) };
  },
};
