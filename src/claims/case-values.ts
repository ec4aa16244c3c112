import fc from 'fast-check';
import type { Claim, Mode } from './types.ts';

/*
 * Is a stored value (a pinned regression, an erratum's witness, a counterexample file's case) a case of this claim?
 * Checked before anything runs, so that a bad value is refused with the field named instead of failing inside the
 * check — where it would be reported as a violation of the theorem.
 *
 * A claim does not declare its case type at run time, so the shape is learnt from its own generator: a fixed-seed
 * sample of cases of the mode gives the fields, their JSON types, and for numbers whether every generated one is an
 * integer and its sign — learnt also from the generator's shrunk (smallest) cases, since a shrunk counterexample sits
 * at lower ends a sample may never show (a seed of 0). A value must then have the same fields (no unknown one, none missing), the same types, finite
 * numbers (1e400 parses as Infinity), integers where the generator only makes integers and the same sign (d ≥ 1,
 * ρ > 0); a {rows, cols, data} matrix must have rows·cols entries; and the claim's fromJSON must accept it. Ranges
 * beyond the sign are not enforced: pinned cases sit on purpose at boundaries the generator avoids (A.T1a's
 * α = C√λ_max). Where a field is named after a hypothesis, its text is quoted in the message.
 */

type Kind = 'number' | 'string' | 'boolean' | 'null' | 'array' | 'object';

interface FieldModel {
  kinds: Set<Kind>;
  allInt: boolean;
  min: number;
  /** Number of samples in which the enclosing object had this key. */
  seen: number;
}

interface Model {
  readonly fields: Map<string, FieldModel>;
  /** For each object path: how many sampled objects there were (a key seen in all of them is required). */
  readonly objects: Map<string, number>;
}

const kindOf = (v: unknown): Kind => (v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as Kind));

function learn(model: Model, v: unknown, path: string): void {
  const k = kindOf(v);
  if (path !== '') {
    let f = model.fields.get(path);
    if (!f) model.fields.set(path, (f = { kinds: new Set(), allInt: true, min: Infinity, seen: 0 }));
    f.kinds.add(k);
    f.seen++;
    if (k === 'number') {
      f.allInt &&= Number.isInteger(v);
      f.min = Math.min(f.min, v as number);
    }
  }
  if (k === 'array') for (const x of v as unknown[]) learn(model, x, `${path}[]`);
  else if (k === 'object') {
    model.objects.set(path, (model.objects.get(path) ?? 0) + 1);
    for (const [key, x] of Object.entries(v as Record<string, unknown>)) learn(model, x, path === '' ? key : `${path}.${key}`);
  }
}

const models = new WeakMap<object, Map<Mode, Model>>();

/** The shape of the claim's generated cases in this mode (cached per claim). */
function modelOf(claim: Claim<unknown>, mode: Mode): Model {
  let perMode = models.get(claim);
  if (!perMode) models.set(claim, (perMode = new Map()));
  let m = perMode.get(mode);
  if (!m) {
    m = { fields: new Map(), objects: new Map() };
    const arb = claim.arbitrary(mode, 'quick');
    for (const v of fc.sample(arb, { seed: 20260123, numRuns: 48 })) learn(m, JSON.parse(JSON.stringify(v)) as unknown, '');
    // … and the generator's smallest values: a property that always fails, shrunk, is the case fast-check would report
    // from this generator at its lower ends (a seed of 0, rankFrac 0, d = 1) — values a sample may never show but a
    // shrunk counterexample holds, and which must therefore be accepted (a few seeds, each within 300 ms).
    for (const seed of [1, 2, 3]) {
      const r = fc.check(fc.property(arb, () => false), { seed, numRuns: 1, interruptAfterTimeLimit: 300 });
      if (r.counterexample) learn(m, JSON.parse(JSON.stringify(r.counterexample[0])) as unknown, '');
    }
    perMode.set(mode, m);
  }
  return m;
}

const KIND_WORDS: Readonly<Record<Kind, string>> = { number: 'a number', string: 'a string', boolean: 'true or false', null: 'null', array: 'an array', object: 'an object' };
const GREEK: Readonly<Record<string, string>> = { ρ: 'rho', α: 'alpha', ε: 'eps', κ: 'kappa', λ: 'lambda', η: 'eta', σ: 'sigma', δ: 'delta', β: 'beta', γ: 'gamma', μ: 'mu' };

function hypothesisFor(claim: Claim<unknown>, path: string): string {
  const leaf = path.split('.').pop()!.replace(/\[\]$/, '');
  const h = claim.hypotheses.find((x) => x.name === leaf || GREEK[x.name] === leaf || (GREEK[x.name] && leaf.startsWith(GREEK[x.name]!)));
  return h ? ` (hypothesis: ${h.text})` : '';
}

const show = (v: unknown): string => {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 50 ? `${s.slice(0, 47)}…` : s;
};

function check(claim: Claim<unknown>, model: Model, v: unknown, path: string, problems: string[]): void {
  if (problems.length >= 5) return;
  const k = kindOf(v);
  const name = path === '' ? 'the value' : `"${path}"`;
  if (path !== '') {
    const f = model.fields.get(path);
    if (!f) return; // reported by the parent as an unknown field
    if (!f.kinds.has(k)) {
      problems.push(`${name} must be ${[...f.kinds].map((x) => KIND_WORDS[x]).join(' or ')}, got ${show(v)}${hypothesisFor(claim, path)}`);
      return;
    }
    if (k === 'number') {
      const x = v as number;
      if (!Number.isFinite(x)) {
        problems.push(`${name} must be a finite number (|x| ≤ 1.7976931348623157e308; 1e400 reads as Infinity), got ${show(x)}${hypothesisFor(claim, path)}`);
        return;
      }
      if (f.allInt && !Number.isInteger(x)) problems.push(`${name} must be an integer, got ${x}${hypothesisFor(claim, path)}`);
      else if (f.min > 0 && !(x > 0)) problems.push(`${name} must be > 0${f.allInt ? ` (an integer ≥ 1)` : ''}, got ${x}${hypothesisFor(claim, path)}`);
      else if (f.min >= 0 && x < 0) problems.push(`${name} must be ≥ 0, got ${x}${hypothesisFor(claim, path)}`);
    }
  }
  if (k === 'array') (v as unknown[]).forEach((x) => check(claim, model, x, `${path}[]`, problems));
  else if (k === 'object') {
    const o = v as Record<string, unknown>;
    const prefix = path === '' ? '' : `${path}.`;
    const known = [...model.fields.keys()].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('.') && !p.slice(prefix.length).endsWith('[]'));
    const keys = known.map((p) => p.slice(prefix.length));
    const total = model.objects.get(path) ?? 0;
    for (const key of Object.keys(o)) {
      if (!keys.includes(key)) problems.push(`${path === '' ? '' : `"${path}": `}unknown field "${key}" (a case of ${claim.id} has ${keys.map((x) => `"${x}"`).join(', ') || 'no fields'})`);
    }
    for (const key of keys) {
      const f = model.fields.get(`${prefix}${key}`)!;
      if (f.seen >= total && total > 0 && !(key in o)) problems.push(`${path === '' ? '' : `"${path}": `}"${key}" is missing${hypothesisFor(claim, key)}`);
    }
    if (typeof o.rows === 'number' && typeof o.cols === 'number' && Array.isArray(o.data) && o.data.length !== o.rows * o.cols) {
      problems.push(`${name} is a ${o.rows}×${o.cols} matrix, so "data" must have ${o.rows * o.cols} entries, got ${o.data.length}`);
    }
    for (const key of Object.keys(o)) if (keys.includes(key)) check(claim, model, o[key], `${prefix}${key}`, problems);
  }
}

/**
 * The problems of `value` as a case of `claim` in `mode` (empty when it is one). Each names the field and what it
 * allows.
 */
export function caseValueProblems(claim: Claim<unknown>, mode: Mode, value: unknown): string[] {
  // A case pinned in another mode than the claim runs in (an exact re-run of a float-only claim's witness) has the
  // shape of the claim's primary mode.
  let model: Model | undefined;
  for (const m of [mode, ...claim.modes]) {
    try {
      model = modelOf(claim, m);
      break;
    } catch {
      // this mode has no generator: try the next
    }
  }
  if (!model) return []; // the generator cannot be sampled: nothing learnt, nothing refused (the check still validates)
  const problems: string[] = [];
  const rootKinds = new Set<Kind>();
  if (model.objects.has('')) rootKinds.add('object');
  if (rootKinds.size > 0 && kindOf(value) !== 'object') return [`the value must be an object (a case of ${claim.id}), got ${show(value)}`];
  check(claim, model, value, '', problems);
  if (problems.length === 0 && claim.fromJSON) {
    try {
      claim.fromJSON(value);
    } catch (e) {
      problems.push(`not a case of ${claim.id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return problems;
}
