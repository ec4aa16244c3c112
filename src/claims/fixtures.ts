import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reference } from '../impl/impl.ts';
import { caseValueProblems } from './case-values.ts';
import { loadErrata, type Erratum } from './errata.ts';
import { FixtureError } from './input-schemas.ts';
import { claimById, claims as registry, unknownClaimMessage } from './registry.ts';
import { parseRegressions, regressionPath, type RegressionCase, type RegressionFile } from './regressions.ts';
import type { Claim } from './types.ts';

/*
 * The project's input files, validated before anything runs: fixtures/errata.json and fixtures/regressions/*.json
 * against their versioned schemas (schemas/), then against the registry — every erratum names a known claim, one of
 * that claim's bounds and a witness that is a case of it; every regression file belongs to a known claim and each of
 * its values is a case of that claim (src/claims/case-values.ts). A bad file or value is a FixtureError naming the
 * file, the field and what it allows (the CLI exits 2), never a claim verdict.
 */

/** fixtures/ at the project root, whatever the working directory. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const REGRESSIONS_DIR = fileURLToPath(new URL('../../fixtures/regressions/', import.meta.url));
export const ERRATA_FILE = fileURLToPath(new URL('../../fixtures/errata.json', import.meta.url));

/** The fixtures in use: MUON_FIXTURES_DIR (a folder with errata.json and regressions/) or the project's. */
export function fixturesDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MUON_FIXTURES_DIR ? env.MUON_FIXTURES_DIR : FIXTURES_DIR;
}
export const regressionsDir = (env: NodeJS.ProcessEnv = process.env): string => (env.MUON_FIXTURES_DIR ? join(env.MUON_FIXTURES_DIR, 'regressions') : REGRESSIONS_DIR);
export const errataFile = (env: NodeJS.ProcessEnv = process.env): string => (env.MUON_FIXTURES_DIR ? join(env.MUON_FIXTURES_DIR, 'errata.json') : ERRATA_FILE);

type ById = (id: string) => Claim<unknown> | undefined;

/** The bounds a claim's check reports on a case (what an erratum's "bound" must be one of). */
function boundNames(claim: Claim<unknown>, value: unknown): string[] | string {
  try {
    const c = claim.fromJSON ? claim.fromJSON(value) : value;
    return claim.check(c, { mode: claim.modes[0]!, impl: reference }).bounds.map((b) => b.name);
  } catch (e) {
    return `the check cannot run on it: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Errata against the registry: known claim, a witness that is a case of it, and a bound its check reports. */
export function validateErrata(errata: readonly Erratum[], file = ERRATA_FILE, byId: ById = claimById): void {
  errata.forEach((e, i) => {
    const at = `${file}: entry ${i} (${e.id})`;
    const claim = byId(e.claim);
    if (!claim) throw new FixtureError(`${at}: "claim": ${unknownClaimMessage(e.claim)}`);
    const mode = claim.modes[0]!;
    const problems = caseValueProblems(claim, mode, e.witness);
    if (problems.length) throw new FixtureError(`${at}: "witness" is not a case of ${claim.id}: ${problems.join('; ')}`);
    const bounds = boundNames(claim, e.witness);
    if (typeof bounds === 'string') throw new FixtureError(`${at}: "witness": ${bounds}`);
    if (!bounds.includes(e.bound)) throw new FixtureError(`${at}: "bound" ${JSON.stringify(e.bound)} is not a bound of ${claim.id} (its bounds: ${bounds.map((b) => JSON.stringify(b)).join(', ')})`);
  });
}

/** Each case of a regression file is a case of its claim, in its mode. */
export function validateRegressionValues(r: RegressionFile, file: string, byId: ById = claimById): void {
  const claim = byId(r.claim);
  if (!claim) throw new FixtureError(`${file}: "claim": ${unknownClaimMessage(r.claim)}`);
  r.cases.forEach((c, i) => {
    const problems = caseValueProblems(claim, c.mode, c.value);
    if (problems.length) throw new FixtureError(`${file}: case ${i}: "value" is not a case of ${claim.id}: ${problems.join('; ')}`);
  });
}

const errataCache = new Map<string, Erratum[]>();

/** fixtures/errata.json (or MUON_FIXTURES_DIR's), validated (once per process and file). */
export function projectErrata(): Erratum[] {
  const file = errataFile();
  let errata = errataCache.get(file);
  if (!errata) {
    errata = loadErrata(file);
    validateErrata(errata, file);
    errataCache.set(file, errata);
  }
  return errata;
}

/** The pinned regressions of one claim, validated. */
export function projectRegressions(claim: string, dir = regressionsDir(), byId: ById = claimById): RegressionCase[] {
  const file = regressionPath(dir, claim);
  if (!existsSync(file)) return [];
  const r = parseRegressions(readFileSync(file, 'utf8'), file, claim, byId);
  validateRegressionValues(r, file, byId);
  return [...r.cases];
}

/**
 * Every file in fixtures/regressions/: each must be named after a known claim (a file for an unknown claim is an
 * error, not silently ignored) and valid. Returns the cases per claim id.
 */
export function validateRegressionDir(dir = regressionsDir(), byId: ById = claimById, ids: readonly string[] = registry.map((c) => c.id)): Record<string, RegressionCase[]> {
  const out: Record<string, RegressionCase[]> = {};
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const id = ids.find((x) => regressionPath(dir, x) === join(dir, f));
    if (!id) throw new FixtureError(`${join(dir, f)}: no claim is named ${JSON.stringify(f.replace(/\.json$/, ''))}; a regression file is fixtures/regressions/<claim-id>.json for one of: ${ids.join(', ')}`);
    out[id] = projectRegressions(id, dir, byId);
  }
  return out;
}
