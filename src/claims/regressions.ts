import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FixtureError } from './errata.ts';
import type { Mode } from './types.ts';

/**
 * Pinned inputs (fixtures/regressions/<claim-id>.json), replayed before the random cases on every run. They are
 * stored as values — fast-check's seed and path are tied to its version and to the arbitraries, values are not.
 */
export interface RegressionCase {
  readonly mode: Mode;
  /** What the case is: where it came from and why it is pinned. */
  readonly note: string;
  /** 'holds' for a fixed bug or a boundary case; 'violated' for a recorded erratum's witness. */
  readonly expect: 'holds' | 'violated';
  readonly value: unknown;
}

export interface RegressionFile {
  readonly claim: string;
  readonly cases: readonly RegressionCase[];
}

/** fixtures/regressions/A.T2.json for claim A.T2 ('/' in an id becomes '-'). */
export function regressionPath(dir: string, claim: string): string {
  return join(dir, `${claim.replaceAll('/', '-')}.json`);
}

export function parseRegressions(text: string, file: string, claim?: string, byId?: (id: string) => unknown): RegressionFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FixtureError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const fail = (what: string): never => {
    throw new FixtureError(`${file}: ${what}`);
  };
  if (!data || typeof data !== 'object' || Array.isArray(data)) fail('must be an object {"claim": id, "cases": [...]}');
  const r = data as Record<string, unknown>;
  if (typeof r.claim !== 'string') fail('"claim" must be a claim id');
  if (byId && !byId(r.claim as string)) fail(`"claim": unknown claim id ${JSON.stringify(r.claim)}`);
  if (claim !== undefined && r.claim !== claim) fail(`"claim" is ${JSON.stringify(r.claim)} but the file belongs to ${claim}`);
  if (!Array.isArray(r.cases)) fail('"cases" must be an array');
  const cases = (r.cases as unknown[]).map((c, i) => {
    if (!c || typeof c !== 'object') fail(`case ${i} must be an object`);
    const x = c as Record<string, unknown>;
    if (x.mode !== 'float' && x.mode !== 'exact') fail(`case ${i}: "mode" must be "float" or "exact", got ${JSON.stringify(x.mode)}`);
    if (x.expect !== 'holds' && x.expect !== 'violated') fail(`case ${i}: "expect" must be "holds" or "violated", got ${JSON.stringify(x.expect)}`);
    if (typeof x.note !== 'string') fail(`case ${i}: "note" must be a string`);
    if (!('value' in x)) fail(`case ${i}: "value" is missing`);
    return x as unknown as RegressionCase;
  });
  return { claim: r.claim as string, cases };
}

export function loadRegressions(dir: string, claim: string): RegressionCase[] {
  const file = regressionPath(dir, claim);
  if (!existsSync(file)) return [];
  return [...parseRegressions(readFileSync(file, 'utf8'), file, claim).cases];
}
