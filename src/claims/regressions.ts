import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FixtureError, parseJsonFile, validateInput } from './input-schemas.ts';
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
  /**
   * The practical-Muon variant it was found under (src/impl/variants.ts): it replays only in that variant's cell of the
   * transfer matrix, with the variant's Impl, and never in the claim's own run.
   */
  readonly variant?: string;
}

export interface RegressionFile {
  readonly claim: string;
  readonly cases: readonly RegressionCase[];
}

/** fixtures/regressions/A.T2.json for claim A.T2 ('/' in an id becomes '-'). */
export function regressionPath(dir: string, claim: string): string {
  return join(dir, `${claim.replaceAll('/', '-')}.json`);
}

export const REGRESSIONS_SCHEMA = 'muon-claims/regressions';
export const REGRESSIONS_SCHEMA_VERSION = 1;

/**
 * Parses a pinned-regression file, {"schema": "muon-claims/regressions", "schemaVersion": 1, "claim": id, "cases":
 * [...]}, checked against schemas/regressions.schema.json (FixtureError naming the file, the case and the field).
 * `claim`: the id the file must belong to (its name); `byId`: refuses an unknown claim id. Duplicate cases (same mode
 * and value) are refused. Whether each value is a case of the claim is checked by validateRegressionValues
 * (./fixtures.ts).
 */
export function parseRegressions(text: string, file: string, claim?: string, byId?: (id: string) => unknown): RegressionFile {
  const data = parseJsonFile(text, file);
  validateInput('regressions', data, file);
  const r = data as RegressionFile;
  if (byId && !byId(r.claim)) throw new FixtureError(`${file}: "claim": unknown claim id ${JSON.stringify(r.claim)}`);
  if (claim !== undefined && r.claim !== claim) throw new FixtureError(`${file}: "claim" is ${JSON.stringify(r.claim)} but the file belongs to ${claim} (fixtures/regressions/<claim-id>.json)`);
  const seen = new Map<string, number>();
  r.cases.forEach((c, i) => {
    const key = `${c.variant ?? ''} ${c.mode} ${JSON.stringify(c.value)}`;
    const j = seen.get(key);
    if (j !== undefined) throw new FixtureError(`${file}: case ${i}: the same ${c.mode} value as case ${j}${c.variant ? ` under variant ${c.variant}` : ''} (each case is pinned once)`);
    seen.set(key, i);
  });
  return { claim: r.claim, cases: r.cases };
}

/** The text of a regression file for these cases (what pin writes). */
export function formatRegressions(claim: string, cases: readonly RegressionCase[]): string {
  return `${JSON.stringify({ schema: REGRESSIONS_SCHEMA, schemaVersion: REGRESSIONS_SCHEMA_VERSION, claim, cases }, null, 2)}\n`;
}

export function loadRegressions(dir: string, claim: string): RegressionCase[] {
  const file = regressionPath(dir, claim);
  if (!existsSync(file)) return [];
  return [...parseRegressions(readFileSync(file, 'utf8'), file, claim).cases];
}
