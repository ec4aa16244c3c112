import { readFileSync, existsSync } from 'node:fs';
import type { Bound } from './types.ts';
import { FixtureError, parseJsonFile, validateInput } from './input-schemas.ts';

/**
 * Known errata (fixtures/errata.json): violations that are real defects of a paper's statement or of our
 * reconstruction of it, confirmed in exact arithmetic and pinned. A violation that matches one is reported as
 * "violated (known erratum)" and does not fail `npm test`; any other violation does.
 */
export interface Erratum {
  /** Stable id, e.g. "A.T2-constant". */
  readonly id: string;
  readonly claim: string;
  /** The bound (equation label) that fails; a violation of another bound of the same claim is not covered. */
  readonly bound: string;
  /** 'paper': the quoted statement fails; 'reconstruction': our reconstructed form fails. */
  readonly kind: 'paper' | 'reconstruction';
  readonly explanation: string;
  /** The witness values (as pinned in fixtures/regressions/<claim>.json). */
  readonly witness: unknown;
  /** How it was confirmed: exact run, precision, the command that reproduces it. */
  readonly evidence: string;
}

/** A bad input file or value: the CLI prints the message (file, field, allowed range) and exits with 2. */
export { FixtureError } from './input-schemas.ts';

export const ERRATA_SCHEMA = 'muon-claims/errata';
export const ERRATA_SCHEMA_VERSION = 1;

/**
 * Parses fixtures/errata.json: {"schema": "muon-claims/errata", "schemaVersion": 1, "errata": [...]}, checked against
 * schemas/errata.schema.json (FixtureError naming the file, the entry and the field). Ids must be unique. That each
 * erratum names a known claim and one of its bounds, with a witness that is a case of it, is checked by
 * validateErrata (./fixtures.ts), which knows the registry.
 */
export function parseErrata(text: string, file = 'fixtures/errata.json'): Erratum[] {
  const data = parseJsonFile(text, file);
  validateInput('errata', data, file);
  const errata = (data as { errata: Erratum[] }).errata;
  const seen = new Map<string, number>();
  errata.forEach((e, i) => {
    const j = seen.get(e.id);
    if (j !== undefined) throw new FixtureError(`${file}: entry ${i}: "id" ${JSON.stringify(e.id)} is already the id of entry ${j} (ids must be unique)`);
    seen.set(e.id, i);
  });
  return errata;
}

export function loadErrata(file: string): Erratum[] {
  if (!existsSync(file)) return [];
  return parseErrata(readFileSync(file, 'utf8'), file);
}

/** The erratum that covers this violation: same claim, and one of the failing bounds is the erratum's. */
export function matchErratum(errata: readonly Erratum[], claim: string, failing: readonly Bound[]): Erratum | undefined {
  if (failing.length === 0) return undefined;
  // Every failing bound must be covered, or an unrecorded violation hides behind a recorded one.
  const covered = (b: Bound): Erratum | undefined => errata.find((e) => e.claim === claim && e.bound === b.name);
  return failing.every((b) => covered(b)) ? covered(failing[0]!) : undefined;
}
