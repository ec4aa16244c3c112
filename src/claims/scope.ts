import { existsSync, readFileSync } from 'node:fs';
import type { Impl } from '../impl/impl.ts';
import type { ClaimResult, ModeResult } from './engine.ts';
import { slackOf } from './phases/collect.ts';
import type { Claim, Mode, Profile } from './types.ts';

/*
 * The scope gates: what makes a weakened check turn `npm test` red.
 *
 *  - Coverage: a run that went through all its cases must reach every declared bin of its hypothesis space and every
 *    proof branch (deep-only bins are asked of the deep profile only). A generator that stops drawing part of a
 *    hypothesis empties a bin; the gate names it.
 *  - Slack baseline (fixtures/slack-baseline.json, built by `npm run baseline` over several seeds): each bound of each
 *    claim is classified, PEPit-style —
 *      tight: a witness attains it within TIGHT_WITHIN (relative); the witness is pinned in the baseline and replayed
 *             every run: a loosened constant (×1.5, or +10 % on a numeric bound) drops its slack below 1 − TIGHT_WITHIN;
 *      loose: valid with an empirical constant (the worst slack found); the run's worst slack must stay at or above the
 *             band's lower edge: the lowest worst slack over the baseline's seeds less twice their range (the
 *             seed-to-seed spread of the random search, measured, not tuned). A bound whose spread is too wide for a
 *             1.5× loosening to fall below that edge is recorded as not gated by its band, with the reason;
 *      identity: an equality checked as |a − b| ≤ tolerance whose worst slack is 0 (exact): a loosened constant cannot
 *             move it; any violation fails the verdict itself.
 *    Bands are asked of the profile the baseline was measured in (default) and of deep (more cases only raise the
 *    worst slack); tight witnesses are replayed in every profile.
 */

export const TIGHT_WITHIN = 1e-3;
export const BASELINE_SCHEMA = 'muon-claims/slack-baseline';

export interface BoundBaseline {
  readonly class: 'tight' | 'loose' | 'identity';
  /** The largest worst slack over the baseline's seeds (the empirical constant). */
  readonly worst: number;
  /** tight: the pinned witness (the case value) that attains it. */
  readonly witness?: unknown;
  /** loose: the random phase's worst slack at each seed (before the search), and the gate's lower edge (min − 2·range). */
  readonly perSeed?: readonly number[];
  readonly lower?: number;
  /** loose: whether a 1.5× loosening falls below the edge (worst/1.5 < lower); why not, when it does not. */
  readonly gated?: boolean;
  readonly why?: string;
}

export interface SlackBaseline {
  readonly schema: typeof BASELINE_SCHEMA;
  readonly schemaVersion: 1;
  readonly profile: Profile;
  readonly seeds: readonly number[];
  /** claim id → mode → bound name → baseline. */
  readonly claims: Readonly<Record<string, Readonly<Partial<Record<Mode, Readonly<Record<string, BoundBaseline>>>>>>>;
}

/** The coverage gate: the bins and branches a complete run left empty, in words ([] when it reached them all). */
export function coverageProblems(r: ClaimResult): string[] {
  // The quick profile (seconds, for editing) is too small to reach every bin: coverage is asked of default and deep.
  if (r.profile === 'quick') return [];
  // A run stopped by a counterexample (or cut short) never drew the rest of its cases: the verdict speaks for it.
  if (r.modes.some((m) => m.counterexample || m.interrupted)) return [];
  const out: string[] = [];
  for (const [axis, bins] of Object.entries(r.unreached.bins)) out.push(`no case reached ${axis} ∈ {${bins.join(', ')}}`);
  if (r.unreached.branches.length) out.push(`no case exercised the proof branch${r.unreached.branches.length > 1 ? 'es' : ''} ${r.unreached.branches.join(', ')}`);
  return out;
}

/** Classifies one bound from its worst slack at each seed (and the witness of the largest). */
/**
 * Classifies a bound from its worst slack at each seed. `perSeed` is the empirical constant (after the target phase's
 * search); `randomPerSeed`, the random phase's worst at each seed (the search's `from`), is what a loose bound's band
 * is argued from and gated on: the random phase's spread over seeds is the variance the band must absorb, while the
 * search's climb depends on where it starts (A.T1a's (7): 0.30 … 0.50 over 8 seeds after search) and would leave no
 * band a 1.5× loosening falls out of. Without a search both are the same.
 */
export function classify(perSeed: readonly number[], witness: unknown, randomPerSeed: readonly number[] = perSeed): BoundBaseline {
  const finite = perSeed.filter((x) => Number.isFinite(x));
  const worst = Math.max(...finite);
  if (worst >= 1 - TIGHT_WITHIN) return { class: 'tight', worst, witness };
  if (worst === 0 && finite.every((x) => x === 0)) return { class: 'identity', worst };
  const random = randomPerSeed.filter((x) => Number.isFinite(x));
  const top = Math.max(...random);
  const min = Math.min(...random);
  const lower = min - 2 * (top - min);
  const gated = lower > 0 && top / 1.5 < lower;
  return {
    class: 'loose',
    worst,
    perSeed: randomPerSeed,
    lower,
    gated,
    ...(gated ? {} : { why: `the random phase's worst slack varies from ${min.toPrecision(4)} to ${top.toPrecision(4)} over ${randomPerSeed.length} seeds: a 1.5× loosening (to ${(top / 1.5).toPrecision(4)}) stays above the edge ${lower.toPrecision(4)}` }),
  };
}

/** The random phase's worst slack of a bound in a mode's result: the search's `from` where it searched the bound. */
export function randomPhaseWorst(m: Pick<ModeResult, 'slack' | 'search'>, bound: string): number | undefined {
  const searched = m.search?.bounds.find((b) => b.bound === bound);
  if (searched) return searched.from;
  return m.slack.find((x) => x.bound === bound)?.max;
}

export function loadBaseline(file: string): SlackBaseline | undefined {
  if (!existsSync(file)) return undefined;
  // ±∞ and NaN are spelled out (src/util/json.ts) in the numeric fields.
  const spelled: Record<string, number> = { Infinity: Infinity, '-Infinity': -Infinity, NaN: NaN };
  const b = JSON.parse(readFileSync(file, 'utf8'), (k, v: unknown) => ((k === 'worst' || k === 'lower' || /^\d+$/.test(k)) && typeof v === 'string' && v in spelled ? spelled[v] : v)) as SlackBaseline;
  if (b.schema !== BASELINE_SCHEMA || b.schemaVersion !== 1) throw new Error(`${file}: "schema" must be "${BASELINE_SCHEMA}" version 1`);
  return b;
}

/**
 * The slack gate of one claim's result against its baseline: tight witnesses replayed (through the claim's check with
 * the run's implementation and weakening), loose bands compared. Returns the problems in words ([] when none).
 */
export function slackProblems<C>(claim: Claim<C>, r: ClaimResult, b: SlackBaseline, impl: Impl, weaken?: import('./types.ts').Weakening): string[] {
  const mine = b.claims[claim.id];
  if (!mine) return [];
  const out: string[] = [];
  for (const [mode, bounds] of Object.entries(mine) as [Mode, Record<string, BoundBaseline>][]) {
    const m = r.modes.find((x) => x.mode === mode);
    for (const [name, e] of Object.entries(bounds)) {
      if (e.class === 'tight') {
        const value = claim.fromJSON ? claim.fromJSON(e.witness) : (e.witness as C);
        const o = claim.check(value, { mode, impl, ...(weaken ? { weaken } : {}) });
        const bound = o.bounds.find((x) => x.name === name);
        const s = bound ? slackOf(bound) : NaN;
        if (!(s >= 1 - TIGHT_WITHIN)) out.push(`${mode} ${name}: its tight witness reaches slack ${bound ? s : 'nothing (the bound is gone)'}, below 1 − ${TIGHT_WITHIN}`);
      } else if (e.class === 'loose' && e.gated && m && (r.profile === b.profile || r.profile === 'deep') && m.cases >= m.requestedCases) {
        const v = randomPhaseWorst(m, name);
        if (v === undefined) out.push(`${mode} ${name}: no case stated the bound (baseline worst slack ${e.worst})`);
        else if (!(v >= e.lower!)) out.push(`${mode} ${name}: worst slack ${v} of the random cases fell below its band [${e.lower}, 1] (baseline worst ${e.worst} over seeds ${b.seeds.join(', ')})`);
      }
    }
  }
  return out;
}
