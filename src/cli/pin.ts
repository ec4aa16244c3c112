import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { FixtureError } from '../claims/errata.ts';
import { regressionsDir } from '../claims/fixtures.ts';
import { formatRegressions, parseRegressions, regressionPath, type RegressionCase } from '../claims/regressions.ts';
import { validateRegressionValues } from '../claims/fixtures.ts';
import { claimById as catalogueById } from '../claims/registry.ts';
import { resolveClaimSet } from './claim-set.ts';
import { writeFileAtomic } from '../report/atomic.ts';
import { readCounterexampleFile } from './counterexample-file.ts';
import { PIN } from './commands.ts';
import { helpText, parseCommand, str, UsageError } from './options.ts';
import { relative, resolve, isAbsolute } from 'node:path';
import { unknownVariantMessage, variantById } from '../claims/transfer.ts';

/** A path as stored in files others read: relative to the working directory (the project root, usually). */
export function relativePath(file: string): string {
  const r = relative(process.cwd(), resolve(file));
  return r === '' ? '.' : isAbsolute(r) ? file : r.split('\\').join('/');
}

/**
 * `muon-claims pin FILE [--expect holds|violated] [--note TEXT]`: adds the counterexample's values to
 * fixtures/regressions/<claim>.json, replayed before the random cases on every run. --expect defaults to "violated"
 * for a recorded erratum's witness and to "holds" otherwise (the pinned case fails until the defect is fixed).
 */
export async function pinCommand(args: readonly string[], dir = regressionsDir()): Promise<number> {
  let file: string;
  let expect: 'holds' | 'violated' | undefined;
  let note: string | undefined;
  let claimsFile: string | undefined;
  try {
    const p = parseCommand(PIN, args);
    if (p === 'help') {
      console.log(helpText(PIN));
      return 0;
    }
    if (p.positionals.length !== 1) throw new UsageError(`needs exactly one FILE (a counterexample file written by check), got ${p.positionals.length}\nusage: muon-claims ${PIN.usage}`);
    file = p.positionals[0]!;
    const e = str(p, 'expect');
    if (e !== undefined && e !== 'holds' && e !== 'violated') throw new UsageError(`--expect must be holds or violated, got '${e}'`);
    expect = e;
    note = str(p, 'note');
    claimsFile = str(p, 'claims');
    if (note !== undefined && note.trim() === '') throw new UsageError('--note needs a text');
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`muon-claims pin: ${e.message}`);
      return 2;
    }
    throw e;
  }
  try {
    const set = await resolveClaimSet({ patterns: [], claimsFile, withCatalogue: claimsFile !== undefined });
    const cf = readCounterexampleFile(file, set.byId);
    const claim = set.byId(cf.claim)!;
    if (cf.variant !== undefined && !variantById(cf.variant)) throw new FixtureError(`${file}: "variant": ${unknownVariantMessage(cf.variant)}`);
    // A transfer-matrix cell's failure: pinned only once confirmed in the variant's terms (check's rule for cells).
    if (cf.variant !== undefined && cf.mode === 'float' && !cf.pinned && cf.verdicts.confirmation !== 'violated (confirmed)') {
      throw new FixtureError(`${file}: the failure under ${cf.variant} was not confirmed ("confirmation": ${JSON.stringify(cf.verdicts.confirmation)}; check reports the cell inconclusive), so it is not pinned`);
    }
    // One rule for float failures (check, replay and pin agree): only a failure exact arithmetic confirmed is pinned.
    if (cf.mode === 'float' && !cf.pinned && cf.variant === undefined) {
      const exact = cf.verdicts.exact;
      if (!claim.modes.includes('exact') && !claim.confirm) throw new FixtureError(`${file}: ${cf.claim} runs in float only and has no exact path: its float failure can never be confirmed (check reports it inconclusive), so it is not pinned`);
      if (exact !== undefined && exact !== 'violated (confirmed)') throw new FixtureError(`${file}: the float failure was not confirmed in exact arithmetic ("exact": ${JSON.stringify(exact)}; check reports it inconclusive), so it is not pinned`);
    }
    // A user's own claim keeps its pins with the user's code: ./fixtures/regressions/<id>.json.
    const own = !catalogueById(cf.claim);
    const targetDir = own && !process.env.MUON_FIXTURES_DIR ? resolve('fixtures', 'regressions') : dir;
    if (own) mkdirSync(targetDir, { recursive: true });
    const target = regressionPath(targetDir, cf.claim);
    const byId = set.byId;
    const existing = existsSync(target) ? parseRegressions(readFileSync(target, 'utf8'), target, cf.claim, byId) : { claim: cf.claim, cases: [] };
    if (existing.cases.some((c) => c.mode === cf.mode && c.variant === cf.variant && JSON.stringify(c.value) === JSON.stringify(cf.value))) {
      console.log(`${target} already pins this case`);
      return 0;
    }
    // A variant's case is pinned with its variant, expected to keep failing: a finding about practical Muon, which
    // replays in that variant's cell only (never in the claim's own run).
    const pinned: RegressionCase = {
      mode: cf.mode,
      note: note ?? `pinned from ${relativePath(file)} (seed ${cf.seed}${cf.path ? `, path ${cf.path}` : ''})${cf.erratum ? `; erratum ${cf.erratum}` : ''}${cf.variant !== undefined ? `; under the practical-Muon variant ${cf.variant}` : ''}`,
      expect: expect ?? (cf.erratum || cf.variant !== undefined ? 'violated' : 'holds'),
      value: cf.value,
      ...(cf.variant !== undefined ? { variant: cf.variant } : {}),
    };
    // What is written is validated as it will be read: the schema, no duplicate, and every value a case of the claim
    // (JSON has no 1e400: a non-finite number would be written as null and break every later run).
    const text = formatRegressions(cf.claim, [...existing.cases, pinned]);
    validateRegressionValues(parseRegressions(text, target, cf.claim, byId), target, byId);
    writeFileAtomic(target, text);
    console.log(`pinned into ${target} (expect ${pinned.expect}${cf.variant !== undefined ? `, variant ${cf.variant}` : ''}); it is replayed first on every run${cf.variant !== undefined ? ` of its transfer-matrix cell` : ''}`);
    return 0;
  } catch (e) {
    if (e instanceof FixtureError || e instanceof UsageError) {
      console.error(`muon-claims pin: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
