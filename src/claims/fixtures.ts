import { fileURLToPath } from 'node:url';
import { loadErrata, type Erratum } from './errata.ts';
import { loadRegressions, type RegressionCase } from './regressions.ts';

/** fixtures/ at the project root, whatever the working directory. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const REGRESSIONS_DIR = fileURLToPath(new URL('../../fixtures/regressions/', import.meta.url));
export const ERRATA_FILE = fileURLToPath(new URL('../../fixtures/errata.json', import.meta.url));

export function projectErrata(): Erratum[] {
  return loadErrata(ERRATA_FILE);
}

export function projectRegressions(claim: string): RegressionCase[] {
  return loadRegressions(REGRESSIONS_DIR, claim);
}
