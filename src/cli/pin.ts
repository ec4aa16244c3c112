import { existsSync, readFileSync } from 'node:fs';
import { FixtureError } from '../claims/errata.ts';
import { regressionsDir } from '../claims/fixtures.ts';
import { formatRegressions, parseRegressions, regressionPath, type RegressionCase } from '../claims/regressions.ts';
import { validateRegressionValues } from '../claims/fixtures.ts';
import { claimById } from '../claims/registry.ts';
import { writeFileAtomic } from '../report/atomic.ts';
import { readCounterexampleFile } from './counterexample-file.ts';
import { PIN } from './commands.ts';
import { helpText, parseCommand, str, UsageError } from './options.ts';
import { relative, resolve, isAbsolute } from 'node:path';

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
    if (note !== undefined && note.trim() === '') throw new UsageError('--note needs a text');
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`muon-claims pin: ${e.message}`);
      return 2;
    }
    throw e;
  }
  try {
    const cf = readCounterexampleFile(file);
    const target = regressionPath(dir, cf.claim);
    const existing = existsSync(target) ? parseRegressions(readFileSync(target, 'utf8'), target, cf.claim, claimById) : { claim: cf.claim, cases: [] };
    if (existing.cases.some((c) => c.mode === cf.mode && JSON.stringify(c.value) === JSON.stringify(cf.value))) {
      console.log(`${target} already pins this case`);
      return 0;
    }
    const pinned: RegressionCase = {
      mode: cf.mode,
      note: note ?? `pinned from ${relativePath(file)} (seed ${cf.seed}${cf.path ? `, path ${cf.path}` : ''})${cf.erratum ? `; erratum ${cf.erratum}` : ''}`,
      expect: expect ?? (cf.erratum ? 'violated' : 'holds'),
      value: cf.value,
    };
    // What is written is validated as it will be read: the schema, no duplicate, and every value a case of the claim
    // (JSON has no 1e400: a non-finite number would be written as null and break every later run).
    const text = formatRegressions(cf.claim, [...existing.cases, pinned]);
    validateRegressionValues(parseRegressions(text, target, cf.claim, claimById), target);
    writeFileAtomic(target, text);
    console.log(`pinned into ${target} (expect ${pinned.expect}); it is replayed first on every run`);
    return 0;
  } catch (e) {
    if (e instanceof FixtureError) {
      console.error(`muon-claims pin: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
