import { existsSync, readFileSync } from 'node:fs';
import { FixtureError } from '../claims/errata.ts';
import { REGRESSIONS_DIR } from '../claims/fixtures.ts';
import { parseRegressions, regressionPath, type RegressionCase } from '../claims/regressions.ts';
import { writeFileAtomic } from '../report/atomic.ts';
import { readCounterexampleFile } from './counterexample-file.ts';

/**
 * `muon-claims pin FILE [--expect holds|violated] [--note TEXT]`: adds the counterexample's values to
 * fixtures/regressions/<claim>.json, replayed before the random cases on every run. --expect defaults to "violated"
 * for a recorded erratum's witness and to "holds" otherwise (the pinned case fails until the defect is fixed).
 */
export async function pinCommand(args: readonly string[], dir = REGRESSIONS_DIR): Promise<number> {
  let file: string | undefined;
  let expect: 'holds' | 'violated' | undefined;
  let note: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--expect') {
      const v = args[++i];
      if (v !== 'holds' && v !== 'violated') {
        console.error(`muon-claims pin: --expect must be holds or violated, got '${v ?? ''}'`);
        return 2;
      }
      expect = v;
    } else if (a === '--note') {
      note = args[++i];
      if (note === undefined) {
        console.error('muon-claims pin: --note needs a text');
        return 2;
      }
    } else if (a.startsWith('--') || file !== undefined) {
      console.error(`muon-claims pin: unexpected argument '${a}'\nusage: muon-claims pin FILE [--expect holds|violated] [--note TEXT]`);
      return 2;
    } else file = a;
  }
  if (file === undefined) {
    console.error('usage: muon-claims pin FILE [--expect holds|violated] [--note TEXT]');
    return 2;
  }
  try {
    const cf = readCounterexampleFile(file);
    const target = regressionPath(dir, cf.claim);
    const existing = existsSync(target) ? parseRegressions(readFileSync(target, 'utf8'), target, cf.claim) : { claim: cf.claim, cases: [] };
    if (existing.cases.some((c) => c.mode === cf.mode && JSON.stringify(c.value) === JSON.stringify(cf.value))) {
      console.log(`${target} already pins this case`);
      return 0;
    }
    const pinned: RegressionCase = {
      mode: cf.mode,
      note: note ?? `pinned from ${file} (seed ${cf.seed}${cf.path ? `, path ${cf.path}` : ''})${cf.erratum ? `; erratum ${cf.erratum}` : ''}`,
      expect: expect ?? (cf.erratum ? 'violated' : 'holds'),
      value: cf.value,
    };
    writeFileAtomic(target, `${JSON.stringify({ claim: cf.claim, cases: [...existing.cases, pinned] }, null, 2)}\n`);
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
