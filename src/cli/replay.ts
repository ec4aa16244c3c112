import fc from 'fast-check';
import { confirmInExact } from '../claims/engine.ts';
import { FixtureError, matchErratum } from '../claims/errata.ts';
import { projectErrata } from '../claims/fixtures.ts';
import { reference } from '../impl/impl.ts';
import { claimById, unknownClaimMessage } from '../claims/registry.ts';
import type { CaseOutcome, Claim } from '../claims/types.ts';
import { num } from '../report/format.ts';
import { readFileSync } from 'node:fs';
import { parseRegressions, type RegressionFile } from '../claims/regressions.ts';
import { readCounterexampleFile } from './counterexample-file.ts';

function describe(o: CaseOutcome): string {
  const failed = o.bounds.filter((b) => !b.holds);
  if (failed.length) return `violated — ${failed.map((b) => `${b.name}: ${num(b.lhs)} > ${num(b.rhs)}`).join('; ')}`;
  if (o.inconclusive) return `inconclusive — ${o.inconclusive}`;
  return `holds — ${o.bounds.map((b) => `${b.name}: ${num(b.lhs)} ≤ ${num(b.rhs)}`).join('; ')}`;
}

/**
 * `muon-claims replay FILE`: re-runs the stored values through the claim's check in float and exact mode and prints
 * both verdicts; then, when the file has fast-check's seed and path, says whether they still regenerate the same case
 * (they do while the arbitraries and the fast-check version are unchanged). Exit 1 if the case violates the claim and
 * is not a recorded erratum, 0 otherwise, 2 on a bad file.
 */
/** A fixtures/regressions/<id>.json file (has "cases"), parsed and validated; undefined for anything else. */
function asRegressionFile(file: string): RegressionFile | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // readCounterexampleFile reports the unreadable or corrupt file
  }
  if (!data || typeof data !== 'object' || !('cases' in data)) return undefined;
  const r = parseRegressions(JSON.stringify(data), file);
  if (!claimById(r.claim)) throw new FixtureError(`${file}: "claim": ${unknownClaimMessage(r.claim)}`);
  return r;
}

/** Replays every pinned case of a regression file; exit 1 if one behaves otherwise than pinned. */
function replayPinned(file: string, r: RegressionFile): number {
  const claim = claimById(r.claim)! as Claim<unknown>;
  const errata = projectErrata();
  console.log(`${claim.id} — ${claim.title} (${claim.provenance}): ${r.cases.length} pinned case(s) from ${file}`);
  let bad = 0;
  for (const c of r.cases) {
    const value = claim.fromJSON ? claim.fromJSON(c.value) : c.value;
    let o: CaseOutcome;
    try {
      o = claim.check(value, { mode: c.mode, impl: reference });
    } catch (e) {
      console.log(`  ✘ "${c.note}" (${c.mode}): the check threw: ${e instanceof Error ? e.message : String(e)}`);
      bad++;
      continue;
    }
    const failing = o.bounds.filter((b) => !b.holds);
    const erratum = failing.length ? matchErratum(errata, claim.id, failing) : undefined;
    const ok = c.expect === 'holds' ? failing.length === 0 && !o.inconclusive : erratum !== undefined;
    if (!ok) bad++;
    console.log(`  ${ok ? '✔' : '✘'} "${c.note}" (${c.mode}, pinned as ${c.expect}): ${describe(o)}${erratum ? ` — known erratum ${erratum.id}` : ''}`);
  }
  console.log(bad === 0 ? 'verdict: every pinned case reproduces as pinned' : `verdict: ${bad} pinned case(s) no longer behave as pinned`);
  return bad === 0 ? 0 : 1;
}

export async function replayCommand(args: readonly string[]): Promise<number> {
  if (args.length !== 1 || args[0]!.startsWith('--')) {
    console.error('usage: muon-claims replay FILE   (a counterexample file such as reports/counterexamples/A.L2-1a2b3c4d.json, or a pinned-regression file fixtures/regressions/<id>.json)');
    return 2;
  }
  const file = args[0]!;
  let cf;
  try {
    const pinned = asRegressionFile(file);
    if (pinned) return replayPinned(file, pinned);
    cf = readCounterexampleFile(file);
  } catch (e) {
    if (e instanceof FixtureError) {
      console.error(`muon-claims replay: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const claim = claimById(cf.claim)! as Claim<unknown>;
  const value = claim.fromJSON ? claim.fromJSON(cf.value) : cf.value;
  console.log(`${claim.id} — ${claim.title} (${claim.provenance})`);
  console.log(`case (${cf.mode} mode, from ${file}): ${JSON.stringify(cf.value).slice(0, 400)}`);
  let violated = false;
  let failing: CaseOutcome['bounds'] = [];
  for (const mode of ['float', 'exact'] as const) {
    if (mode === 'float' && !claim.modes.includes('float') && cf.mode !== 'float') continue;
    let line: string;
    try {
      if (mode === 'float') {
        const o = claim.check(value, { mode: 'float', impl: reference });
        line = describe(o);
        if (cf.mode === 'float' && o.bounds.some((b) => !b.holds)) {
          violated = true;
          failing = o.bounds.filter((b) => !b.holds);
        }
      } else {
        const c = confirmInExact(claim, value, reference);
        line = c.outcome ? `${describe(c.outcome)}${c.verdict === 'float artifact' ? ' (the float failure is a float artifact)' : ''}` : `${c.verdict}${c.note ? ` — ${c.note}` : ''}`;
        if (c.outcome && c.outcome.bounds.some((b) => !b.holds)) {
          violated = true;
          failing = c.outcome.bounds.filter((b) => !b.holds);
        } else if (cf.mode === 'float' && c.verdict === 'float artifact') violated = false;
      }
    } catch (e) {
      // Our validation errors are RangeErrors that name the parameter: the stored case is not a valid input.
      if (e instanceof RangeError) {
        console.error(`muon-claims replay: ${file}: the stored case is not a valid input of ${claim.id}: ${e.message}`);
        return 2;
      }
      line = `the check threw: ${e instanceof Error ? e.message : String(e)}`;
      violated = true;
    }
    console.log(`  ${mode.padEnd(5)}: ${line}`);
  }
  if (cf.path !== undefined) {
    const d = fc.check(fc.property(claim.arbitrary(cf.mode), (c) => claim.check(c, { mode: cf.mode, impl: reference }).bounds.every((b) => b.holds)), { seed: cf.seed, path: cf.path, endOnFailure: true });
    const same = d.failed && JSON.stringify(d.counterexample?.[0]) === JSON.stringify(cf.value);
    console.log(`  seed ${cf.seed}, path ${cf.path}: ${same ? 'regenerates the same case' : 'no longer regenerates this case (arbitraries or fast-check changed); replayed by value'}`);
  }
  const erratum = violated ? matchErratum(projectErrata(), claim.id, failing) : undefined;
  console.log(violated ? (erratum ? `verdict: violated (known erratum ${erratum.id})` : 'verdict: violated') : 'verdict: the case does not violate the claim');
  return violated && !erratum ? 1 : 0;
}
