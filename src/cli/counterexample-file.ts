import { readFileSync } from 'node:fs';
import { caseValueProblems } from '../claims/case-values.ts';
import { FixtureError, parseJsonFile, validateInput } from '../claims/input-schemas.ts';
import { claimById, unknownClaimMessage } from '../claims/registry.ts';
import type { Claim } from '../claims/types.ts';
import type { CounterexampleFile } from '../report/report.ts';

/**
 * Reads and validates a counterexample file given to replay or pin, before anything runs: JSON, then the published
 * schema (schemas/counterexample.schema.json; schema, claim, mode and value required, the other fields checked when
 * present), then the claim (known: the catalogue's or --claims'), then the value against the claim's cases (a
 * counterexample relabelled as another claim, a string where a number goes, 1e400, d = -1 are refused here, with the
 * file and the field named — never run and reported as a violation).
 */
export function readCounterexampleFile(file: string, byId: (id: string) => Claim<unknown> | undefined = claimById): CounterexampleFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new FixtureError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const data = parseJsonFile(text, file);
  if (!data || typeof data !== 'object' || Array.isArray(data) || (data as { schema?: unknown }).schema !== 'muon-claims/counterexample') {
    throw new FixtureError(`${file}: "schema" must be "muon-claims/counterexample" (not a counterexample file${data && typeof data === 'object' && 'cases' in data ? '; a pinned-regression file is replayed, not pinned' : ''})`);
  }
  validateInput('counterexample', data, file);
  const r = data as CounterexampleFile;
  const claim = byId(r.claim);
  if (!claim) throw new FixtureError(`${file}: "claim": ${unknownClaimMessage(r.claim)}`);
  const problems = caseValueProblems(claim, r.mode, r.value);
  if (problems.length) throw new FixtureError(`${file}: "value" is not a case of ${claim.id}: ${problems.join('; ')}`);
  return r;
}
