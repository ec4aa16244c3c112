import { readFileSync } from 'node:fs';
import { FixtureError } from '../claims/errata.ts';
import { claimById, unknownClaimMessage } from '../claims/registry.ts';
import { COUNTEREXAMPLE_SCHEMA, type CounterexampleFile } from '../report/report.ts';

/** Reads and validates a counterexample file; a corrupt one is refused with the file and the field named. */
export function readCounterexampleFile(file: string, byId: (id: string) => unknown = claimById): CounterexampleFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new FixtureError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FixtureError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const r = data as Record<string, unknown>;
  if (!r || typeof r !== 'object' || r.schema !== COUNTEREXAMPLE_SCHEMA) throw new FixtureError(`${file}: "schema" must be "${COUNTEREXAMPLE_SCHEMA}" (not a counterexample file)`);
  if (typeof r.claim !== 'string' || !byId(r.claim)) throw new FixtureError(`${file}: "claim": ${typeof r.claim === 'string' ? unknownClaimMessage(r.claim) : 'missing'}`);
  if (r.mode !== 'float' && r.mode !== 'exact') throw new FixtureError(`${file}: "mode" must be "float" or "exact", got ${JSON.stringify(r.mode)}`);
  if (!('value' in r)) throw new FixtureError(`${file}: "value" is missing (the counterexample's values)`);
  if (r.seed !== undefined && (!Number.isInteger(r.seed) || (r.seed as number) < 0)) throw new FixtureError(`${file}: "seed" must be a non-negative integer`);
  if (r.path !== undefined && (typeof r.path !== 'string' || !/^\d+(:\d+)*$/.test(r.path))) throw new FixtureError(`${file}: "path" must look like "3:0:1"`);
  return r as unknown as CounterexampleFile;
}
