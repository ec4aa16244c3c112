import fc from 'fast-check';
import { reference, withLinAlg, type Impl } from '../impl/impl.ts';
import { VARIANTS, type Variant } from '../impl/variants.ts';
import { runClaim, TIME_LIMIT_MS, type ClaimResult, type EngineOptions } from './engine.ts';
import { variantConfirmation, type CellConfirmation } from './phases/transfer-confirm.ts';
import { seedFor } from './phases/seed.ts';
import type { RegressionCase } from './regressions.ts';
import type { Claim, Profile, Verdict } from './types.ts';

/*
 * The practical-Muon transfer matrix (claims.md, "Practical Muon: does each guarantee transfer?"): every claim whose
 * algorithm uses msign, run under every variant of src/impl/variants.ts (NS5 in float64 and bf16, 10 steps, PyTorch's
 * normalisation, the reference implementations' update rule), cell by cell:
 *
 *   applicability  a claim is applicable to a variant iff its float check calls what the variant replaces — the msign
 *                  its Impl hands out (la.msign, over any field) or impl.optimizers.muon — found by running a few of
 *                  the claim's own cases with a counting Impl (no catalogue file declares it). A claim that runs in
 *                  exact mode only, or whose check only calls impl.ns5 (B.NS5 checks NS5 itself), is not applicable.
 *   the cell       the claim's float mode through the engine with `impl: variant.impl`, at TRANSFER_CASES' profile,
 *                  under the same seed as the claim's own run (so the cell's cases are the claim's own cases at that
 *                  profile: a paired comparison), without probes (they test the check, not the variant); its counterexample is
 *                  shrunk as any other and confirmed in the variant's terms (./phases/transfer-confirm.ts); the
 *                  regressions pinned with this variant (fixtures/regressions/<id>.json, "variant": id) replay first.
 *   outcome        holds (cases, worst slack) / violated (a confirmed, shrunk, replayable counterexample on which the
 *                  reference msign holds) / inconclusive (cut short, unconfirmed, or a case the reference fails too) /
 *                  not applicable / deep only (TRANSFER_DEEP_ONLY: its cost, stated). The paper's errata are not
 *                  matched in a cell: a failure is the variant's only when the same case holds with the reference
 *                  msign (./phases/transfer-confirm.ts), whatever its bound.
 * A failing cell is a finding about practical Muon, not an erratum of the paper: the claim holds for the algorithm the
 * paper states (its own verdict says so); the cell says the guarantee does not transfer to the variant.
 */

/** The words every report uses for a failing cell. */
export const FINDING_NOT_ERRATUM = 'a finding about practical Muon, not an erratum of the paper: the paper states the guarantee for the exact msign, and this variant does not keep it';

/**
 * The profile a cell runs at, by the check's profile: one step down from deep, so that a default check's cells are the
 * claim's quick profile (its quick float case count and generators, no target search) and a deep check's are its
 * default profile (default case count, generators and target search). The claim's own run already spends the
 * check's profile on the exact msign; measured in a default check of the 44 claims (2026-12-05): the matrix at the
 * default profile (default generators and the target search) added 50 s of CPU to the 72 s of the claims — B.T412's
 * target search alone 63 % of it — against 18.6 s at the quick profile (264 cells, 36 deep only). Stated in every report.
 */
export const TRANSFER_CASES: Readonly<Record<Profile, { readonly profile: Profile; readonly text: string }>> = {
  quick: { profile: 'quick', text: "the claim's quick profile (its quick float case count and generators, no target search)" },
  default: { profile: 'quick', text: "the claim's quick profile (its quick float case count and generators, no target search)" },
  deep: { profile: 'default', text: "the claim's default profile (its default float case count, generators and target search)" },
};

/** Cases tried by the applicability test (stops at the first that calls what the variant replaces). */
export const APPLICABILITY_CASES = 4;

/** Per-cell time limit (ms), by the check's profile: the quick profile's claim limit at quick and default, the deep one at deep. */
export const TRANSFER_TIME_LIMIT_MS: Readonly<Record<Profile, number>> = { quick: TIME_LIMIT_MS.quick, default: TIME_LIMIT_MS.quick, deep: TIME_LIMIT_MS.deep };

/**
 * Cells that only the deep profile runs, with the reason (the cost, measured): the quick and default matrices show
 * them as 'deep only', never silently. Each of these claims' cases is a whole experiment or Monte Carlo study, so a
 * cell costs seconds to minutes: under a variant Muon no longer stops early at 1e-10, its Newton–Schulz runs on the
 * generic field code (bf16 rounds every operation), and a failing case is run ~5 more times (shrink's replay, the
 * engine's re-check, the confirmation's two re-runs, the reference). Measured CPU per cell at the default seed
 * (default profile, 2026-12-05, on a loaded 2-core machine), against 0.0–0.8 s for every other cell but A.T1a
 * (0.1–3.3 s); at the quick profile the whole matrix of the other claims costs 18.6 s of CPU for six variants.
 */
export const TRANSFER_DEEP_ONLY: Readonly<Record<string, string>> = {
  'A.Fig1': 'a case is a reduced Fig. 1 (Muon at two κ for 1000 steps, GD and SignGD): ~40 s of CPU per cell (ns5-5)',
  'A.Fig2': 'a case is a reduced Fig. 2 (d = 8 and 20, every κ, 1000 steps): ~100 s of CPU per cell (ns5-5)',
  'A.Tab1': 'a case is Table 1 reduced (slopes in κ of Muon, GD and SignGD on three problems): 2.6–16.5 s of CPU per cell',
  'B.S41': 'a case is a Monte Carlo over independent seeds: 2.4–4.6 s of CPU per cell',
  'B.C42': 'a case is a Monte Carlo of β = 0 against β > 0 over independent seeds: 3.4–21 s of CPU per cell',
  'B.Fig2': 'a case is a reduced Fig. 2 of paper B (GD and Muon runs on two feature families): 70 s of wall time for its six cells in a default check on a 2-core machine at load ~10 (its own run: 13 s)',
};

/** What a variant replaces in the reference Impl, among the entry points the matrix is about. */
export type Entry = 'msign' | 'muon';

/** The entry points `impl` replaces (by identity against the reference's float64 msign and Muon). */
export function replacedEntries(impl: Impl): Entry[] {
  const out: Entry[] = [];
  if (impl.float.msign !== reference.float.msign) out.push('msign');
  if (impl.optimizers.muon !== reference.optimizers.muon) out.push('muon');
  return out;
}

/** Thrown by countingImpl({ stopAt }) at the first call of a watched entry point: the check need not run on. */
class Called extends Error {}

/**
 * The reference with each entry point counted: la.msign over every field, and each Muon built. With `stopAt`, the
 * first call of one of those entries throws once counted, so that an applicability test does not run a whole
 * experiment (a check that catches it runs on, and the count stands).
 */
export function countingImpl(stopAt: readonly Entry[] = []): { impl: Impl; calls: Record<Entry, number> } {
  const calls: Record<Entry, number> = { msign: 0, muon: 0 };
  const count = (e: Entry): void => {
    calls[e]++;
    if (stopAt.includes(e)) throw new Called(e);
  };
  const base = withLinAlg(reference, 'counting', (la) => ({
    ...la,
    msign: (G) => {
      count('msign');
      return la.msign(G);
    },
  }));
  const impl: Impl = {
    ...base,
    optimizers: {
      ...base.optimizers,
      muon: (options) => {
        count('muon');
        return reference.optimizers.muon(options);
      },
    },
  };
  return { impl, calls };
}

export type Applicability =
  | { readonly applicable: true; readonly calls: Readonly<Record<Entry, number>>; readonly tried: number }
  | { readonly applicable: false; readonly why: string };

/**
 * Whether `claim` is applicable to a variant that replaces `entries`: its float check, run on up to
 * APPLICABILITY_CASES of its own cases (seeded) with a counting Impl, calls one of them.
 */
export function applicability(claim: Claim<any>, entries: readonly Entry[], o: { readonly seed: number; readonly profile: Profile }): Applicability {
  if (entries.length === 0) return { applicable: false, why: 'the variant replaces neither msign nor Muon' };
  if (!claim.modes.includes('float')) return { applicable: false, why: 'the claim runs in exact mode only (the variants are float algorithms)' };
  const { impl, calls } = countingImpl(entries);
  const values = fc.sample(claim.arbitrary('float', o.profile), { seed: seedFor(o.seed, claim.id, 'transfer:applicability'), numRuns: APPLICABILITY_CASES });
  let tried = 0;
  for (const v of values) {
    tried++;
    try {
      claim.check(v, { mode: 'float', impl });
    } catch {
      // the first watched call stops the check (Called); a case the reference cannot run says nothing either way,
      // and the calls made before it still count
    }
    if (entries.some((e) => calls[e] > 0)) return { applicable: true, calls: { ...calls }, tried };
  }
  const what = entries.map((e) => (e === 'msign' ? "the Impl's msign" : 'impl.optimizers.muon')).join(' or ');
  return { applicable: false, why: `its float check never calls ${what} (${tried} cases tried)` };
}

export type CellStatus = Verdict | 'not applicable' | 'deep only';

export interface TransferCell {
  readonly claim: string;
  readonly variant: string;
  readonly status: CellStatus;
  /** The applicability test (absent for a deep-only cell at another profile: not run). */
  readonly applicability?: Applicability;
  /** Why the cell runs in the deep profile only (TRANSFER_DEEP_ONLY). */
  readonly deepOnly?: string;
  /** The engine's run of the cell (float mode, the variant's Impl), when applicable. */
  readonly result?: ClaimResult;
  /** How the reference msign fares on the cell's counterexample: 'holds' makes a failure the variant's. */
  readonly referenceOnCounterexample?: string;
  readonly timeMs: number;
}

export interface CellOptions {
  readonly profile?: Profile;
  readonly seed: number;
  /** The claim's pinned regressions: only those carrying this variant's id replay (the engine filters). */
  readonly regressions?: readonly RegressionCase[];
  /** Override the cases per cell (tests). */
  readonly numRuns?: number;
  readonly timeLimitMs?: number;
  readonly shouldStop?: () => boolean;
  readonly onProgress?: EngineOptions['onProgress'];
  /** A precomputed applicability (the same claim under variants that replace the same entry points). */
  readonly applicability?: Applicability;
}

/** Runs one cell: applicability, then the claim's float mode under the variant. Never throws on a failing claim. */
export function runCell(claim: Claim<any>, variant: Variant, o: CellOptions): TransferCell {
  const started = Date.now();
  const profile = o.profile ?? 'default';
  const deepOnly = TRANSFER_DEEP_ONLY[claim.id];
  if (deepOnly !== undefined && profile !== 'deep') return { claim: claim.id, variant: variant.id, status: 'deep only', deepOnly, timeMs: 0 };
  const cellProfile = TRANSFER_CASES[profile].profile;
  const app = o.applicability ?? applicability(claim, replacedEntries(variant.impl), { seed: o.seed, profile: cellProfile });
  if (!app.applicable) return { claim: claim.id, variant: variant.id, status: 'not applicable', applicability: app, timeMs: Date.now() - started };
  const seen: CellConfirmation = {};
  const result = runClaim(claim, {
    profile: cellProfile,
    seed: o.seed,
    modes: ['float'],
    impl: variant.impl,
    variant: variant.id,
    numRuns: o.numRuns ?? claim.cases[cellProfile].float ?? 0,
    probes: false,
    timeLimitMs: o.timeLimitMs ?? TRANSFER_TIME_LIMIT_MS[profile],
    confirmFloat: variantConfirmation(variant, seen),
    ...(o.regressions ? { regressions: o.regressions } : {}),
    ...(o.shouldStop ? { shouldStop: o.shouldStop } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  return { claim: claim.id, variant: variant.id, status: result.verdict, applicability: app, result, ...(seen.reference !== undefined ? { referenceOnCounterexample: seen.reference } : {}), timeMs: Date.now() - started };
}

/** The matrix for these claims × variants, row by row (claims in the given order), calling `onCell` as each ends. */
export function runMatrix(claims: readonly Claim<any>[], variants: readonly Variant[], o: Omit<CellOptions, 'applicability' | 'regressions'> & { readonly regressions?: (id: string) => readonly RegressionCase[]; readonly onCell?: (cell: TransferCell) => void }): TransferCell[] {
  const cells: TransferCell[] = [];
  const profile = o.profile ?? 'default';
  for (const claim of claims) {
    // One applicability test per claim and set of replaced entry points.
    const known = new Map<string, Applicability>();
    for (const v of variants) {
      if (o.shouldStop?.()) return cells;
      const entries = replacedEntries(v.impl);
      const key = entries.join('+');
      const deepOnly = TRANSFER_DEEP_ONLY[claim.id] !== undefined && profile !== 'deep';
      const app = deepOnly ? undefined : (known.get(key) ?? applicability(claim, entries, { seed: o.seed, profile: TRANSFER_CASES[profile].profile }));
      if (app) known.set(key, app);
      const { regressions, onCell: _, ...rest } = o;
      const cell = runCell(claim, v, { ...rest, ...(app ? { applicability: app } : {}), ...(regressions ? { regressions: regressions(claim.id) } : {}) });
      cells.push(cell);
      o.onCell?.(cell);
    }
  }
  return cells;
}

/** The variant of this id, or undefined. */
export function variantById(id: string): Variant | undefined {
  return VARIANTS.find((v) => v.id === id);
}

export const variantIds = (): string[] => VARIANTS.map((v) => v.id);

export function unknownVariantMessage(id: string, what = 'variant id'): string {
  return `unknown ${what} '${id}'; known variants: ${variantIds().join(', ')}`;
}
