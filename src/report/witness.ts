import { num } from './format.ts';
import { escapeXml as e } from './format.ts';
import { renderTex } from '../util/math.ts';

/*
 * A case (a counterexample, an erratum's witness) as a reader takes it in: `d = 1, k = 1, κ = 1, ρ = 0.5, C = 1.5,
 * ε = 10⁻⁴, V = (1)` — keys as the papers' symbols (kappa → κ, sqrtLambdaMax → √λ_max, sigma0 → σ₀), numbers to the
 * digits that tell them apart (src/report/format.ts's num), small matrices as matrices, large ones and long arrays
 * summarised. The exact values stay in the counterexample file and in the JSON beside it on the page.
 */

const GREEK_NAMES = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'rho', 'sigma', 'tau',
  'upsilon', 'phi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);

const textTex = (s: string): string => `\\text{${s.replace(/[\\{}$&#%_^~]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '~' ? '\\textasciitilde{}' : c === '^' ? '\\textasciicircum{}' : `\\${c}`))}}`;

/** A key of a case as a symbol: kappa → κ, eps → ε, sigma0 → σ₀, lambdaMax → λ_max, sqrtLambda → √λ, Cs → C. */
export function keyTex(key: string): string {
  const sqrt = /^sqrt([A-Z].*)$/.exec(key);
  if (sqrt) return `\\sqrt{${keyTex(sqrt[1]![0]!.toLowerCase() + sqrt[1]!.slice(1))}}`;
  const parts = /^([A-Za-z]+?)(Max|Min|Star|star)?(\d*)$/.exec(key);
  if (!parts) return textTex(key);
  let [, stem, suffix, digits] = parts as unknown as [string, string, string | undefined, string];
  // plural: lambdas, etas, sigmas, Cs — the sequence of the symbol
  if (stem.length > 1 && stem.endsWith('s') && (GREEK_NAMES.has(stem.slice(0, -1)) || /^[A-Za-z]s$/.test(stem))) stem = stem.slice(0, -1);
  let base: string;
  if (stem === 'eps' || stem === 'epsilon') base = '\\varepsilon';
  else if (GREEK_NAMES.has(stem)) base = `\\${stem}`;
  else if (stem.length === 1) base = stem;
  else if (suffix === undefined && digits === '') return textTex(key);
  else base = textTex(stem);
  const sub = [suffix === 'Max' ? '\\max' : suffix === 'Min' ? '\\min' : suffix ? '*' : '', digits].filter(Boolean).join(',');
  return sub ? `${base}_{${sub}}` : base;
}

/** A number as TeX: num()'s digits, 1.5e-7 as 1.5·10⁻⁷, ±∞, NaN. */
export function numberTex(x: number): string {
  if (Number.isNaN(x)) return '\\text{NaN}';
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : '-\\infty';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x); // seeds, sizes, steps: every digit
  const s = num(x);
  const m = /^(-?)(\d+(?:\.\d+)?)e([+-]?\d+)$/.exec(s);
  if (!m) return s;
  const mant = m[2]!.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  const exp = m[3]!.replace('+', '');
  return `${m[1]}${mant === '1' ? '' : `${mant}\\cdot `}10^{${exp}}`;
}

interface MatrixLike {
  rows: number;
  cols: number;
  data: readonly unknown[];
}

const isMatrix = (v: unknown): v is MatrixLike =>
  typeof v === 'object' && v !== null && typeof (v as MatrixLike).rows === 'number' && typeof (v as MatrixLike).cols === 'number' && Array.isArray((v as MatrixLike).data);

/** A number, or a string that holds one (exact-mode values are decimal strings; ±∞ and NaN are spelled out). */
function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*[-+]?(?:\d+\.?\d*(?:e[-+]?\d+)?|\.\d+(?:e[-+]?\d+)?|Infinity)\s*$/i.test(v)) return Number(v);
  if (v === 'NaN') return Number.NaN;
  return undefined;
}

const MAX_LIST = 6;
const MAX_MATRIX = 3;

/**
 * The value of one key as TeX (see the file's comment). `compact`: matrices larger than 1×1 by their size only, at
 * most four values of an array (for the verdict table's row).
 */
export function valueTex(v: unknown, depth = 0, compact = false): string {
  const maxList = compact ? 4 : MAX_LIST;
  const maxMatrix = compact ? 1 : MAX_MATRIX;
  const n = asNumber(v);
  if (n !== undefined) return numberTex(n);
  if (v === null || v === undefined) return '\\text{—}';
  if (typeof v === 'boolean') return textTex(String(v));
  if (typeof v === 'string') return textTex(v);
  if (isMatrix(v)) {
    const { rows, cols, data } = v;
    if (rows <= maxMatrix && cols <= maxMatrix && data.length === rows * cols) {
      const lines = Array.from({ length: rows }, (_, i) => data.slice(i * cols, (i + 1) * cols).map((x) => valueTex(x, depth + 1)).join(' & '));
      return `\\begin{pmatrix}${lines.join(' \\\\ ')}\\end{pmatrix}`;
    }
    return `(${rows}\\times ${cols}\\ \\text{matrix})`;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '()';
    if (v.every((x) => asNumber(x) !== undefined)) {
      const shown = v.length <= maxList ? v : [...v.slice(0, maxList - 2), undefined, v[v.length - 1]];
      const body = shown.map((x) => (x === undefined ? '\\dots' : valueTex(x, depth + 1))).join(',\\ ');
      return `(${body})${v.length > maxList ? `\\ \\text{(${v.length} values)}` : ''}`;
    }
    if (v.every(isMatrix)) {
      const m0 = v[0] as MatrixLike;
      return `\\text{${v.length} matri${v.length === 1 ? 'x' : 'ces'} }${m0.rows}\\times ${m0.cols}`;
    }
    if (v.length <= maxList && depth < 2) return `(${v.map((x) => valueTex(x, depth + 1, compact)).join(',\\ ')})`;
    return `\\text{${v.length} items}`;
  }
  if (typeof v === 'object' && depth < 2) {
    return `(${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${keyTex(k)} = ${valueTex(x, depth + 1, compact)}`).join(',\\ ')})`;
  }
  return textTex('…');
}

/** The entries of a case as `key = value` TeX strings (a value that is not an object is one entry, "case = …"). */
export function witnessEntries(value: unknown, compact = false): { key: string; tex: string }[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isMatrix(value)) return [{ key: 'case', tex: valueTex(value, 0, compact) }];
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => ({ key: k, tex: `${keyTex(k)} = ${valueTex(v, 0, compact)}` }));
}

/**
 * A case as HTML: its entries rendered by KaTeX, comma-separated, each with the raw key in a title attribute (the
 * field name that `replay` and the JSON use); an entry KaTeX cannot render is shown as text. `compact`: see valueTex.
 */
export function witnessHtml(value: unknown, compact = false): string {
  const parts = witnessEntries(value, compact).map(({ key, tex }) => {
    const html = renderTex(tex);
    const text = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : value;
    const fallback = `${e(key)} = ${e(JSON.stringify(text) ?? String(text))}`;
    return `<span class="kv" title="${e(key)}">${html ?? fallback}</span>`;
  });
  return `<span class="witness">${parts.join(', ')}</span>`;
}
