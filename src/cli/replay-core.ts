import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { confirmInExact } from '../claims/engine.ts';
import { FixtureError, matchErratum } from '../claims/errata.ts';
import { projectErrata, validateRegressionValues } from '../claims/fixtures.ts';
import { reference, type Impl } from '../impl/impl.ts';
import { FINDING_NOT_ERRATUM, unknownVariantMessage, variantById } from '../claims/transfer.ts';
import { variantConfirmation, type CellConfirmation } from '../claims/phases/transfer-confirm.ts';
import { VARIANTS, type Variant } from '../impl/variants.ts';
import { parseRegressions, regressionPath, type RegressionFile } from '../claims/regressions.ts';
import { basename, dirname, join } from 'node:path';
import type { CaseOutcome, Claim } from '../claims/types.ts';
import { num } from '../report/format.ts';
import type { CounterexampleFile } from '../report/report.ts';
import { resolveClaimSet } from './claim-set.ts';
import { readCounterexampleFile } from './counterexample-file.ts';
import { plural } from './options.ts';

/* What `replay` runs (in a worker thread, see replay.ts): a counterexample file or a pinned-regression file. */

export type ReplayInput =
  | { readonly kind: 'pinned'; readonly file: string; readonly regressions: RegressionFile; readonly claim: Claim<unknown> }
  | { readonly kind: 'counterexample'; readonly file: string; readonly cf: CounterexampleFile; readonly claim: Claim<unknown> };

/** Reads and validates the file (FixtureError naming the file and the field); the claim comes from the catalogue or --claims. */
export async function readReplayInput(file: string, claimsFile?: string): Promise<ReplayInput> {
  const set = await resolveClaimSet({ patterns: [], claimsFile, withCatalogue: claimsFile !== undefined });
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    data = undefined; // readCounterexampleFile reports the unreadable or corrupt file
  }
  if (data && typeof data === 'object' && !Array.isArray(data) && 'cases' in data) {
    // A file named after a claim (fixtures/regressions/<id>.json) must be that claim's.
    const named = set.available.find((c) => regressionPath(dirname(file), c.id) === join(dirname(file), basename(file)))?.id;
    const regressions = parseRegressions(readFileSync(file, 'utf8'), file, named, set.byId);
    validateRegressionValues(regressions, file, set.byId);
    regressions.cases.forEach((c, i) => {
      if (c.variant !== undefined && !variantById(c.variant)) throw new FixtureError(`${file}: case ${i}: "variant": ${unknownVariantMessage(c.variant)}`);
    });
    return { kind: 'pinned', file, regressions, claim: set.byId(regressions.claim)! };
  }
  const cf = readCounterexampleFile(file, set.byId);
  if (cf.variant !== undefined && !variantById(cf.variant)) throw new FixtureError(`${file}: "variant": ${unknownVariantMessage(cf.variant)}`);
  return { kind: 'counterexample', file, cf, claim: set.byId(cf.claim)! };
}

function describe(o: CaseOutcome): string {
  const failed = o.bounds.filter((b) => !b.holds);
  if (failed.length) return `violated — ${failed.map((b) => `${b.name}: ${num(b.lhs)} > ${num(b.rhs)}`).join('; ')}`;
  if (o.inconclusive) return `inconclusive — ${o.inconclusive}`;
  return `holds — ${o.bounds.map((b) => `${b.name}: ${num(b.lhs)} ≤ ${num(b.rhs)}`).join('; ')}`;
}

/** Replays every pinned case of a regression file; exit 1 if one behaves otherwise than pinned. */
function replayPinned(input: Extract<ReplayInput, { kind: 'pinned' }>, log: (line: string) => void, variants: readonly Variant[]): number {
  const { claim, regressions: r, file } = input;
  const errata = projectErrata();
  log(`${claim.id} — ${claim.title} (${claim.provenance}): ${plural(r.cases.length, 'pinned case')} from ${file}`);
  let bad = 0;
  for (const c of r.cases) {
    const value = claim.fromJSON ? claim.fromJSON(c.value) : c.value;
    // A case pinned from a transfer-matrix cell runs with its variant (validated when the file was read).
    const variant = c.variant !== undefined ? variants.find((v) => v.id === c.variant) : undefined;
    if (c.variant !== undefined && !variant) throw new FixtureError(`${file}: "variant": ${unknownVariantMessage(c.variant)}`);
    const under = variant ? `, under ${variant.id}` : '';
    let o: CaseOutcome;
    try {
      o = claim.check(value, { mode: c.mode, impl: variant?.impl ?? reference });
    } catch (e) {
      log(`  ✘ "${c.note}" (${c.mode}${under}): the check threw: ${e instanceof Error ? e.message : String(e)}`);
      bad++;
      continue;
    }
    const failing = o.bounds.filter((b) => !b.holds);
    // A variant's pinned failure is a finding about practical Muon, expected to fail without an erratum.
    const erratum = failing.length && !variant ? matchErratum(errata, claim.id, failing) : undefined;
    const ok = c.expect === 'holds' ? failing.length === 0 && !o.inconclusive : variant ? failing.length > 0 : erratum !== undefined;
    if (!ok) bad++;
    log(`  ${ok ? '✔' : '✘'} "${c.note}" (${c.mode}${under}, pinned as ${c.expect}): ${describe(o)}${erratum ? ` — known erratum ${erratum.id}` : ''}${variant && failing.length ? ` — ${FINDING_NOT_ERRATUM}` : ''}`);
  }
  log(bad === 0 ? 'verdict: every pinned case reproduces as pinned' : `verdict: ${plural(bad, 'pinned case')} no longer ${bad === 1 ? 'behaves' : 'behave'} as pinned`);
  return bad === 0 ? 0 : 1;
}

/**
 * Re-runs a counterexample in float and exact mode. One rule with `check`: a float failure counts as a violation only
 * when the exact re-check confirms it; one that the exact re-check refutes is a float artifact, and one that cannot be
 * re-checked (a float-only claim) is inconclusive. Exit 1 only for a confirmed violation that is not a recorded
 * erratum.
 */
function replayCounterexample(input: Extract<ReplayInput, { kind: 'counterexample' }>, log: (line: string) => void): number {
  const { claim, cf, file } = input;
  const value = claim.fromJSON ? claim.fromJSON(cf.value) : cf.value;
  log(`${claim.id} — ${claim.title} (${claim.provenance})`);
  log(`case (${cf.mode} mode, from ${file}): ${JSON.stringify(cf.value).slice(0, 400)}`);
  let floatFailed = false;
  let failing: CaseOutcome['bounds'] = [];
  let verdict: 'violated' | 'holds' | 'inconclusive' = 'holds';
  let why = '';
  for (const mode of ['float', 'exact'] as const) {
    if (mode === 'float' && !claim.modes.includes('float') && cf.mode !== 'float') continue;
    let line: string;
    try {
      if (mode === 'float') {
        const o = claim.check(value, { mode: 'float', impl: reference });
        line = describe(o);
        floatFailed = o.bounds.some((b) => !b.holds);
        if (floatFailed) failing = o.bounds.filter((b) => !b.holds);
        else if (o.inconclusive && verdict === 'holds') {
          verdict = 'inconclusive';
          why = o.inconclusive;
        }
      } else {
        const c = confirmInExact(claim, value, reference);
        const exactFailed = !!c.outcome && c.outcome.bounds.some((b) => !b.holds);
        line = c.outcome
          ? `${describe(c.outcome)}${floatFailed && c.verdict === 'float artifact' ? ' (so the float failure is a float artifact)' : ''}`
          : `${c.verdict}${c.note ? ` — ${c.note}` : ''}`;
        if (exactFailed) {
          verdict = 'violated';
          failing = c.outcome!.bounds.filter((b) => !b.holds);
        } else if (floatFailed && (c.verdict === 'unavailable' || c.verdict === 'inconclusive')) {
          verdict = 'inconclusive';
          why = `the float failure cannot be confirmed (${c.note ?? c.verdict})`;
        } else if (floatFailed && c.verdict === 'float artifact') {
          verdict = 'inconclusive';
          why = 'a float artifact: the exact re-check holds';
        } else if (c.verdict === 'inconclusive' && verdict === 'holds') {
          verdict = 'inconclusive';
          why = c.note ?? 'the exact re-check is inconclusive';
        }
      }
    } catch (e) {
      // Our validation errors are RangeErrors that name the parameter: the stored case is not a valid input.
      if (e instanceof RangeError) throw new FixtureError(`${file}: the stored case is not a valid input of ${claim.id}: ${e.message}`);
      line = `the check threw: ${e instanceof Error ? e.message : String(e)}`;
      verdict = 'violated';
    }
    log(`  ${mode.padEnd(5)}: ${line}`);
  }
  if (cf.path !== undefined && cf.seed !== undefined) {
    const d = fc.check(fc.property(claim.arbitrary(cf.mode), (c) => claim.check(c, { mode: cf.mode, impl: reference }).bounds.every((b) => b.holds)), { seed: cf.seed, path: cf.path, endOnFailure: true });
    const same = d.failed && JSON.stringify(d.counterexample?.[0]) === JSON.stringify(cf.value);
    log(`  seed ${cf.seed}, path ${cf.path}: ${same ? 'regenerates the same case' : 'no longer regenerates this case (arbitraries or fast-check changed); replayed by value'}`);
  }
  const erratum = verdict === 'violated' && failing.length ? matchErratum(projectErrata(), claim.id, failing) : undefined;
  if (verdict === 'violated') log(erratum ? `verdict: violated (known erratum ${erratum.id})` : 'verdict: violated');
  else if (verdict === 'inconclusive') log(`verdict: inconclusive — ${why}`);
  else log('verdict: the case does not violate the claim');
  return verdict === 'violated' && !erratum ? 1 : 0;
}

/**
 * Re-runs a transfer-matrix cell's counterexample with its variant: the float check with the variant's Impl, then the
 * cell's own confirmation (a bf16 failure by re-running the same bf16 computation, a float64 one with the variant's
 * Newton–Schulz at higher precision) and the same case with the reference msign — the same rule as `check`: the case
 * is a violation under the variant only when confirmed and holding with the reference. Exit 1 for such a violation (a
 * finding about practical Muon, not an erratum of the paper).
 */
function replayVariantCounterexample(input: Extract<ReplayInput, { kind: 'counterexample' }>, variant: Variant, log: (line: string) => void): number {
  const { claim, cf, file } = input;
  const value = claim.fromJSON ? claim.fromJSON(cf.value) : cf.value;
  const impl: Impl = variant.impl;
  log(`${claim.id} — ${claim.title} (${claim.provenance}), under the practical-Muon variant ${variant.id}: ${variant.title}`);
  log(`case (${cf.mode} mode, from ${file}): ${JSON.stringify(cf.value).slice(0, 400)}`);
  let verdict: 'violated' | 'holds' | 'inconclusive' = 'holds';
  let why = '';
  try {
    const o = claim.check(value, { mode: cf.mode, impl });
    log(`  ${cf.mode} (${variant.id}): ${describe(o)}`);
    if (o.bounds.some((b) => !b.holds)) {
      const seen: CellConfirmation = {};
      const c = variantConfirmation(variant, seen)(claim, value, impl);
      log(`  confirm: ${c.verdict}${c.note ? ` — ${c.note}` : ''}`);
      if (c.verdict === 'confirmed') verdict = 'violated';
      else {
        verdict = 'inconclusive';
        why = `the failure under ${variant.id} is not confirmed (${c.verdict})`;
      }
    } else if (o.inconclusive) {
      verdict = 'inconclusive';
      why = o.inconclusive;
    }
  } catch (e) {
    if (e instanceof RangeError) throw new FixtureError(`${file}: the stored case is not a valid input of ${claim.id}: ${e.message}`);
    log(`  ${cf.mode} (${variant.id}): the check threw: ${e instanceof Error ? e.message : String(e)}`);
    verdict = 'violated';
  }
  if (cf.path !== undefined && cf.seed !== undefined) {
    const d = fc.check(fc.property(claim.arbitrary(cf.mode, cf.profile), (c) => claim.check(c, { mode: cf.mode, impl }).bounds.every((b) => b.holds)), { seed: cf.seed, path: cf.path, endOnFailure: true });
    const same = d.failed && JSON.stringify(d.counterexample?.[0]) === JSON.stringify(cf.value);
    log(`  seed ${cf.seed}, path ${cf.path}: ${same ? 'regenerates the same case' : 'no longer regenerates this case (arbitraries or fast-check changed); replayed by value'}`);
  }
  if (verdict === 'violated') log(`verdict: violated under ${variant.id} — ${FINDING_NOT_ERRATUM}`);
  else if (verdict === 'inconclusive') log(`verdict: inconclusive — ${why}`);
  else log(`verdict: the case does not violate the claim under ${variant.id}`);
  return verdict === 'violated' ? 1 : 0;
}

/** Replays the file; `variants`: where the variant ids of cells' counterexamples are found (src/impl/variants.ts). */
export function replayInput(input: ReplayInput, log: (line: string) => void, variants: readonly Variant[] = VARIANTS): number {
  if (input.kind === 'pinned') return replayPinned(input, log, variants);
  if (input.cf.variant === undefined) return replayCounterexample(input, log);
  const variant = variants.find((v) => v.id === input.cf.variant);
  if (!variant) throw new FixtureError(`${input.file}: "variant": ${unknownVariantMessage(input.cf.variant)}`);
  return replayVariantCounterexample(input, variant, log);
}
