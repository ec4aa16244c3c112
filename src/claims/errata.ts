import { readFileSync, existsSync } from 'node:fs';
import type { Bound } from './types.ts';

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

export class FixtureError extends Error {
  override name = 'FixtureError';
}

function need(cond: unknown, file: string, what: string): asserts cond {
  if (!cond) throw new FixtureError(`${file}: ${what}`);
}

export function parseErrata(text: string, file = 'fixtures/errata.json'): Erratum[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FixtureError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  need(Array.isArray(data), file, 'must be a JSON array of errata');
  return data.map((e: unknown, i: number) => {
    const at = `entry ${i}`;
    need(e && typeof e === 'object', file, `${at} must be an object`);
    const r = e as Record<string, unknown>;
    for (const key of ['id', 'claim', 'bound', 'explanation', 'evidence'] as const) {
      need(typeof r[key] === 'string' && (r[key] as string).length > 0, file, `${at}: "${key}" must be a non-empty string`);
    }
    need(r.kind === 'paper' || r.kind === 'reconstruction', file, `${at}: "kind" must be "paper" or "reconstruction", got ${JSON.stringify(r.kind)}`);
    need('witness' in r, file, `${at}: "witness" is missing`);
    return r as unknown as Erratum;
  });
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
