import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MODES, PROFILES, type Claim } from '../claims/types.ts';
import { UsageError } from './options.ts';

/*
 * `--claims FILE`: a user's module of claims, run by the same engine, reports and replay as the catalogue's. The module
 * (a .ts file — the CLI runs under tsx — or .js/.mjs) exports a Claim or an array of Claims as `claims` or as its
 * default export. Each is checked for the shape the engine and the reports rely on; a bad file is refused (exit 2)
 * naming the file, the claim and the field.
 */

const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`.slice(0, 60);
}

/** Checks one exported value against the Claim shape; returns the problems (empty when it is a usable claim). */
export function claimShapeProblems(c: unknown): string[] {
  if (!c || typeof c !== 'object' || Array.isArray(c)) return [`must be a Claim object, got ${describeValue(c)}`];
  const r = c as Record<string, unknown>;
  const p: string[] = [];
  const need = (ok: boolean, field: string, what: string): void => {
    if (!ok) p.push(`"${field}" must be ${what}, got ${field in r ? describeValue(r[field]) : 'nothing'}`);
  };
  need(typeof r.id === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(r.id), 'id', 'a non-empty string of letters, digits, ".", "_" or "-"');
  need(typeof r.title === 'string' && r.title.length > 0, 'title', 'a non-empty string');
  need(typeof r.arbitrary === 'function', 'arbitrary', 'a function (mode, profile) => fast-check Arbitrary');
  need(typeof r.check === 'function', 'check', 'a function (case, ctx) => { bounds: [...] }');
  need(Array.isArray(r.probes) && r.probes.every((x) => x && typeof (x as { run?: unknown }).run === 'function' && typeof (x as { id?: unknown }).id === 'string'), 'probes', 'an array of probes ({ id, drops, run })');
  need(Array.isArray(r.modes) && r.modes.length > 0 && r.modes.every((m) => (MODES as readonly unknown[]).includes(m)), 'modes', `a non-empty array of ${MODES.map((m) => `"${m}"`).join(', ')}`);
  need(Array.isArray(r.hypotheses), 'hypotheses', 'an array ({ name, text, domain })');
  need(!!r.cases && typeof r.cases === 'object' && PROFILES.every((pr) => !!(r.cases as Record<string, unknown>)[pr] && typeof (r.cases as Record<string, unknown>)[pr] === 'object'), 'cases', `cases per mode for each profile ({ ${PROFILES.join(', ')} })`);
  need(!!r.source && typeof r.source === 'object', 'source', 'an object { paper, where, equations }');
  need(typeof r.statement === 'string', 'statement', 'a string');
  need(r.provenance === 'quoted' || r.provenance === 'reconstructed' || r.provenance === 'open' || r.provenance === 'literature', 'provenance', '"quoted", "reconstructed", "open" or "literature"');
  if (r.fromJSON !== undefined) need(typeof r.fromJSON === 'function', 'fromJSON', 'a function when given');
  if (r.confirm !== undefined) need(typeof r.confirm === 'function', 'confirm', 'a function when given');
  return p;
}

/**
 * The installed package runs compiled JavaScript (dist/) under plain node: a user's .ts module then needs tsx's loader,
 * registered here (once per thread: the check worker loads the module too) and only for it. From the sources (src/,
 * run under tsx) the loader is already there.
 */
let tsLoader: Promise<void> | undefined;
async function typeScriptLoaderFor(path: string): Promise<void> {
  if (!/\.[cm]?ts$/.test(path) || import.meta.url.endsWith('.ts')) return;
  tsLoader ??= import('tsx/esm/api').then(({ register }) => void register());
  await tsLoader;
}

/**
 * Loads and validates the claims of a user's module. Throws UsageError naming the file and what is wrong: missing
 * file, wrong extension, a module that fails to load, no `claims`/default export, a value that is not a Claim, or
 * duplicate ids (also against `reserved`, the catalogue's ids when --with-catalogue is given).
 */
export async function loadUserClaims(file: string, reserved: readonly string[] = []): Promise<Claim<unknown>[]> {
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`--claims ${file}: no such file`);
  if (!EXTENSIONS.includes(extname(path))) throw new UsageError(`--claims ${file}: must be a module ending in ${EXTENSIONS.join(', ')}`);
  let mod: Record<string, unknown>;
  try {
    await typeScriptLoaderFor(path);
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`--claims ${file}: the module failed to load: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const exported = mod.claims ?? mod.default;
  if (exported === undefined) throw new UsageError(`--claims ${file}: export a Claim or an array of Claims as \`claims\` or as the default export (found exports: ${Object.keys(mod).join(', ') || 'none'})`);
  const list = Array.isArray(exported) ? exported : [exported];
  if (list.length === 0) throw new UsageError(`--claims ${file}: the exported array of claims is empty`);
  const seen = new Set<string>();
  list.forEach((c, i) => {
    const problems = claimShapeProblems(c);
    const label = typeof (c as { id?: unknown })?.id === 'string' ? `claim '${(c as { id: string }).id}'` : `claim ${i}`;
    if (problems.length) throw new UsageError(`--claims ${file}: ${label}: ${problems.join('; ')}`);
    const id = (c as Claim).id;
    if (seen.has(id)) throw new UsageError(`--claims ${file}: claim id '${id}' is exported twice`);
    if (reserved.includes(id)) throw new UsageError(`--claims ${file}: claim id '${id}' is also a catalogue claim (with --with-catalogue every id must be unique)`);
    seen.add(id);
  });
  return list as Claim<unknown>[];
}
