import { readFileSync } from 'node:fs';
import ajvModule, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

// ajv is CommonJS: its class is the default export under ESM interop, or .default of it.
const Ajv2020 = ((ajvModule as unknown as { default?: unknown }).default ?? ajvModule) as unknown as new (o: object) => { compile(s: object): ValidateFunction };

/*
 * The versioned JSON Schemas of the files muon-claims reads (schemas/ at the package root): fixtures/errata.json,
 * fixtures/regressions/<id>.json and counterexample files given to replay and pin. A file is checked against its
 * schema before anything runs; the first problem is reported as FixtureError naming the file, the field (as
 * `entry 0: "kind"`, `case 2: "mode"`) and what it allows.
 */

/** A bad input file or value: the CLI prints the message (file, field, allowed range) and exits with 2. */
export class FixtureError extends Error {
  override name = 'FixtureError';
}

export type InputSchema = 'errata' | 'regressions' | 'counterexample';

const FILES: Readonly<Record<InputSchema, string>> = {
  errata: 'errata.schema.json',
  regressions: 'regressions.schema.json',
  counterexample: 'counterexample.schema.json',
};

let ajv: { compile(s: object): ValidateFunction } | undefined;
const compiled = new Map<InputSchema, ValidateFunction>();

function schemaOf(name: InputSchema): Record<string, unknown> {
  const s = JSON.parse(readFileSync(new URL(`../../schemas/${FILES[name]}`, import.meta.url), 'utf8')) as Record<string, unknown>;
  if (name === 'counterexample') {
    // What replay and pin need of a counterexample file; the other fields are checked when present.
    return { ...s, $id: String(s.$id).replace(/\.schema\.json$/, '.input.schema.json'), required: ['schema', 'claim', 'mode', 'value'] };
  }
  return s;
}

function validator(name: InputSchema): ValidateFunction {
  const cached = compiled.get(name);
  if (cached) return cached;
  ajv ??= new Ajv2020({ allErrors: true, strict: false });
  const v = ajv.compile(schemaOf(name));
  compiled.set(name, v);
  return v;
}

const show = (v: unknown): string => {
  if (typeof v === 'number' && !Number.isFinite(v)) return `${v} (a number out of float64's range, such as 1e400)`;
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

function valueAt(data: unknown, pointer: string): unknown {
  let cur = data;
  for (const part of pointer.split('/').slice(1)) cur = (cur as Record<string, unknown> | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  return cur;
}

/** `/cases/2/mode` → `case 2: "mode"`; `/errata/0/kind` → `entry 0: "kind"`; `/schemaVersion` → `"schemaVersion"`. */
export function fieldLabel(pointer: string): string {
  const parts = pointer.split('/').slice(1);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const next = parts[i + 1];
    if ((p === 'cases' || p === 'errata') && next !== undefined && /^\d+$/.test(next)) {
      out.push(`${p === 'cases' ? 'case' : 'entry'} ${next}`);
      i++;
    } else if (/^\d+$/.test(p)) out.push(`[${p}]`);
    else out.push(`"${p}"`);
  }
  return out.join(': ').replace(/: \[/g, '[');
}

const TYPE_WORDS: Readonly<Record<string, string>> = { string: 'a string', number: 'a number', integer: 'an integer', object: 'an object', array: 'an array', boolean: 'true or false' };

function describeError(e: ErrorObject, data: unknown): string {
  const at = fieldLabel(e.instancePath);
  const got = valueAt(data, e.instancePath);
  const prefix = at ? `${at} ` : '';
  switch (e.keyword) {
    case 'required':
      return `${at ? `${at}: ` : ''}"${(e.params as { missingProperty: string }).missingProperty}" is missing`;
    case 'const':
      return `${prefix}must be ${show((e.params as { allowedValue: unknown }).allowedValue)}, got ${show(got)}`;
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(show);
      return `${prefix}must be ${allowed.length === 2 ? `${allowed[0]} or ${allowed[1]}` : `one of ${allowed.join(', ')}`}, got ${show(got)}`;
    }
    case 'type':
      return `${prefix}must be ${TYPE_WORDS[(e.params as { type: string }).type] ?? (e.params as { type: string }).type}, got ${show(got)}`;
    case 'minLength':
      return `${prefix}must be a non-empty string`;
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      return `${at ? `${at}: ` : ''}unknown field "${extra}"`;
    }
    case 'pattern':
      return `${prefix}must match ${(e.params as { pattern: string }).pattern} (e.g. "3:0:1"), got ${show(got)}`;
    case 'minimum':
    case 'maximum':
      return `${prefix}must be ${e.keyword === 'minimum' ? '≥' : '≤'} ${(e.params as { limit: number }).limit}, got ${show(got)}`;
    default:
      return `${prefix}${e.message ?? 'is not valid'}`;
  }
}

/** The order in which problems are reported: what the file is, then its identity, then the rest. */
const RANK = ['schema', 'schemaVersion', 'claim'];
const rank = (e: ErrorObject): number => {
  const top = e.instancePath.split('/')[1] ?? (e.params as { missingProperty?: string }).missingProperty ?? '';
  const i = RANK.indexOf(top);
  return i < 0 ? RANK.length : i;
};

/** Checks parsed data against a file schema; throws FixtureError naming the file and the first problem(s). */
export function validateInput(name: InputSchema, data: unknown, file: string): void {
  const v = validator(name);
  if (v(data)) return;
  const errors = [...(v.errors ?? [])].sort((a, b) => rank(a) - rank(b));
  // Root-level type problems first (not an object at all); "schema" wrong means another kind of file.
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  throw new FixtureError(`${file}: ${describeError(first, data)}${name === 'regressions' || name === 'errata' ? schemaHint(name, first) : ''}${more}`);
}

function schemaHint(name: 'regressions' | 'errata', e: ErrorObject): string {
  const top = e.instancePath === '' ? (e.params as { missingProperty?: string }).missingProperty : e.instancePath.split('/')[1];
  if (top === 'schema' || top === 'schemaVersion' || (e.instancePath === '' && e.keyword === 'type')) {
    return ` — ${name === 'errata' ? 'an errata' : 'a regressions'} file is {"schema": "muon-claims/${name}", "schemaVersion": 1, ${name === 'errata' ? '"errata": [...]' : '"claim": "<id>", "cases": [...]'}} (schemas/${FILES[name]})`;
  }
  return '';
}

/** JSON.parse that names the file when it fails. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FixtureError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}
