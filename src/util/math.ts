import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import katex from 'katex';

/*
 * The mathematics of the report page and of the figures page, rendered server-side by KaTeX so that index.html stays one offline,
 * self-contained file with no script.
 *
 * The catalogue writes its statements, titles and bound names in the papers' Unicode notation with a little TeX
 * (σ_{t+1}, (GᵀG)^{−1/2}, ‖U_TU_Tᵀ − M*‖, √λ_max, η_t = Cρ^t, 1e-10). `segments` splits such a text into prose and
 * maths (a word is maths when it carries a script, a Greek letter, an operator or a relation, or is a lone variable;
 * numbers join the maths before them; equation numbers such as (28a) and names such as P.icl stay prose), `texOf`
 * turns one run of maths into TeX, and `richHtml` renders the prose as escaped text and each run with KaTeX. A run
 * that KaTeX cannot parse falls back to text with <sub>/<sup>, so no literal TeX ever reaches the page.
 *
 * It sits in util/ (no project import) so that both src/report/html.ts and src/reproduce/html.ts, a layer below, can
 * use it. `katexStyle(html)` is KaTeX's stylesheet for a page: the @font-face rules of the fonts the page's maths uses,
 * with the woff2 files inlined as data URLs, and none of the others (their text would fall back to system fonts,
 * but the page does not use them) — no request leaves the page.
 */

/** Text for HTML: the five XML specials escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);
}
const e = escapeHtml;

const GREEK: Record<string, string> = {
  α: '\\alpha', β: '\\beta', γ: '\\gamma', δ: '\\delta', ε: '\\varepsilon', ϵ: '\\epsilon', ζ: '\\zeta', η: '\\eta',
  θ: '\\theta', ϑ: '\\vartheta', ι: '\\iota', κ: '\\kappa', λ: '\\lambda', μ: '\\mu', ν: '\\nu', ξ: '\\xi', π: '\\pi',
  ρ: '\\rho', σ: '\\sigma', ς: '\\varsigma', τ: '\\tau', υ: '\\upsilon', φ: '\\varphi', ϕ: '\\phi', χ: '\\chi',
  ψ: '\\psi', ω: '\\omega', Γ: '\\Gamma', Δ: '\\Delta', Θ: '\\Theta', Λ: '\\Lambda', Ξ: '\\Xi', Π: '\\Pi',
  Σ: '\\Sigma', Υ: '\\Upsilon', Φ: '\\Phi', Ψ: '\\Psi', Ω: '\\Omega',
};

const SYMBOLS: Record<string, string> = {
  '−': '-', '·': '\\cdot ', '×': '\\times ', '⊗': '\\otimes ', '≤': '\\le ', '≥': '\\ge ', '≠': '\\ne ', '≈': '\\approx ',
  '∈': '\\in ', '∉': '\\notin ', '‖': '\\|', '∇': '\\nabla ', '∞': '\\infty ', '⇒': '\\Rightarrow ', '⇔': '\\Leftrightarrow ',
  '→': '\\to ', '←': '\\leftarrow ', '↦': '\\mapsto ', '⟨': '\\langle ', '⟩': '\\rangle ', '…': '\\dots ', '±': '\\pm ', '∓': '\\mp ', '~': '\\sim ',
  '∼': '\\sim ', '′': "'", '″': "''", '½': '\\tfrac12 ', '∑': '\\sum ', '∏': '\\prod ', '∂': '\\partial ', '⊆': '\\subseteq ',
  '⊂': '\\subset ', '∀': '\\forall ', '∃': '\\exists ', '≡': '\\equiv ', '∝': '\\propto ', '⌈': '\\lceil ', '⌉': '\\rceil ',
  '⌊': '\\lfloor ', '⌋': '\\rfloor ', '≪': '\\ll ', '≫': '\\gg ', '∘': '\\circ ', '⊤': '\\top ', 'ℝ': '\\mathbb{R}', '∅': '\\emptyset ',
  '∖': '\\setminus ', '∪': '\\cup ', '∩': '\\cap ', '%': '\\%', '#': '\\#', '&': '\\&', $: '\\$', '’': "'", '∗': '\\ast ',
  '⩽': '\\le ', '⩾': '\\ge ', '≔': '\\coloneqq ', '⊥': '\\perp ', '∣': '\\mid ', '√': '\\surd ', '≻': '\\succ ', '⪰': '\\succeq ', '≺': '\\prec ', '⪯': '\\preceq ', '≲': '\\lesssim ', '≳': '\\gtrsim ', '–': '\\text{–}',
};

/** Unicode sub- and superscript characters and what they stand for. */
const SUBS: Record<string, string> = {
  '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9', '₊': '+', '₋': '-', '₌': '=',
  '₍': '(', '₎': ')', 'ₐ': 'a', 'ₑ': 'e', 'ₒ': 'o', 'ₓ': 'x', 'ₕ': 'h', 'ₖ': 'k', 'ₗ': 'l', 'ₘ': 'm', 'ₙ': 'n', 'ₚ': 'p',
  'ₛ': 's', 'ₜ': 't', 'ᵢ': 'i', 'ⱼ': 'j', 'ᵣ': 'r', 'ᵤ': 'u', 'ᵥ': 'v',
};
const SUPS: Record<string, string> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁺': '+', '⁻': '-', '⁼': '=',
  '⁽': '(', '⁾': ')', 'ⁿ': 'n', 'ⁱ': 'i', 'ᵏ': 'k', 'ᵗ': 't', 'ᵀ': '\\top ', '˟': '\\times ',
};

/** Operator names set upright (log, max, msign, diag, …); other words of two or more lower-case letters too. */
const OPERATORS = new Set(['log', 'ln', 'exp', 'max', 'min', 'sup', 'inf', 'cos', 'sin', 'tan', 'det', 'lim', 'arg', 'argmin', 'argmax']);
const NAMED = new Set(['msign', 'sign', 'diag', 'vec', 'tr', 'rank', 'Unif', 'offdiag', 'span', 'sgn', 'NS5', 'cond', 'mean', 'median', 'Var', 'Haar']);

const isGreek = (ch: string): boolean => ch in GREEK;
const isLetter = (ch: string): boolean => /^[A-Za-z]$/.test(ch) || isGreek(ch);

/** A word after `_` or `^` that is one subscript, not a product: max, min, op, Muon, ScaledGD, … */
const SCRIPT_WORD = /^(?:[A-Z]?[a-z]{2,}[A-Za-z]*|[A-Z][a-z]+[A-Z][A-Za-z]*)/;
const E_NUMBER = /^(\d+(?:\.\d+)?)e([−-]?\d+)/;

function greekOr(ch: string): string {
  return GREEK[ch] !== undefined ? `${GREEK[ch]} ` : ch;
}

/** The index just after the bracket that closes the one at `open` (or the end of `s`). */
function closing(s: string, open: number, o = '(', c = ')'): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === o) depth++;
    else if (s[i] === c && --depth === 0) return i + 1;
  }
  return s.length;
}

/** One atom at `i` (for a script or a root): a group {…}, a word, a number, a letter with its own scripts. */
function atomAt(s: string, i: number, forRoot: boolean): { tex: string; end: number } {
  const rest = s.slice(i);
  if (rest.startsWith('{')) {
    const end = closing(s, i, '{', '}');
    return { tex: texOf(s.slice(i + 1, end - 1)), end };
  }
  if (!forRoot) {
    const w = SCRIPT_WORD.exec(rest);
    if (w) return { tex: `\\mathrm{${w[0]}}`, end: i + w[0].length };
  }
  const num = /^[−-]?\d+(?:\.\d+)?/.exec(rest);
  if (num) return { tex: num[0].replace('−', '-'), end: i + num[0].length };
  const ch = [...rest][0] ?? '';
  let end = i + ch.length;
  let tex = ch === '*' ? '*' : ch === '∞' ? '\\infty ' : greekOr(ch);
  if (forRoot && isLetter(ch)) {
    // a root's letter takes its scripts with it: √λ_max, √λᵢ, √λ₂
    while (end < s.length && (s[end] === '_' || SUBS[s[end]!] !== undefined)) {
      if (s[end] === '_') {
        const a = atomAt(s, end + 1, false);
        tex += `_{${a.tex}}`;
        end = a.end;
      } else {
        let sub = '';
        while (end < s.length && SUBS[s[end]!] !== undefined) sub += SUBS[s[end++]!];
        tex += `_{${sub}}`;
      }
    }
  }
  return { tex, end };
}

/**
 * One run of maths in the catalogue's notation → TeX: Greek letters and operators to their commands, `_x`, `_{…}`,
 * `_max` and Unicode sub/superscripts to scripts, ᵀ to ⊤, √x and √(…) to roots, M* to M^*, 1e-10 to 10^{-10},
 * set braces to \{ \}, operator names upright.
 */
export function texOf(s: string): string {
  let out = '';
  const braces: ('group' | 'set')[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    const rest = s.slice(i);
    if (ch === '\\') {
      // TeX already: a command and its name
      const cmd = /^\\(?:[A-Za-z]+|.)/.exec(rest)![0];
      out += cmd.length > 2 || /[A-Za-z]/.test(cmd[1] ?? '') ? `${cmd} ` : cmd;
      i += cmd.length;
      continue;
    }
    if (ch === '_' || ch === '^') {
      if (s[i + 1] === '(') {
        // 10^(2−P′): the parentheses delimit the script
        const end = closing(s, i + 1);
        out += `${ch}{${texOf(s.slice(i + 2, end - 1))}}`;
        i = end;
        continue;
      }
      if (s[i + 1] === '{') {
        braces.push('group');
        out += `${ch}{`;
        i += 2;
        continue;
      }
      const a = atomAt(s, i + 1, false);
      out += `${ch}{${a.tex}}`;
      i = a.end;
      continue;
    }
    if (SUBS[ch] !== undefined || SUPS[ch] !== undefined) {
      const table = SUBS[ch] !== undefined ? SUBS : SUPS;
      let body = '';
      while (i < s.length && table[s[i]!] !== undefined) body += table[s[i++]!];
      out += `${table === SUBS ? '_' : '^'}{${body}}`;
      continue;
    }
    if (ch === '{') {
      braces.push('set');
      out += '\\{';
      i++;
      continue;
    }
    if (ch === '}') {
      out += braces.pop() === 'group' ? '}' : '\\}';
      i++;
      continue;
    }
    if (ch === '√') {
      if (s[i + 1] === '(') {
        const end = closing(s, i + 1);
        out += `\\sqrt{${texOf(s.slice(i + 2, end - 1))}}`;
        i = end;
      } else {
        const a = atomAt(s, i + 1, true);
        out += `\\sqrt{${a.tex}}`;
        i = a.end;
      }
      continue;
    }
    if (ch === '*') {
      // M*, f*, W*: the starred symbol of the papers
      out += /[A-Za-z)\]}]$/.test(out.trimEnd()) || isGreek(s[i - 1] ?? '') ? '^{*}' : '\\ast ';
      i++;
      continue;
    }
    const en = /[\d.]$/.test(s.slice(0, i)) ? null : E_NUMBER.exec(rest);
    if (en && !/[A-Za-z]/.test(s[i + en[0].length] ?? '')) {
      const exp = en[2]!.replace('−', '-');
      out += en[1] === '1' ? `10^{${exp}}` : `${en[1]}\\cdot 10^{${exp}}`;
      i += en[0].length;
      continue;
    }
    const word = /^[A-Za-z][A-Za-z]*\d*/.exec(rest);
    if (word && word[0].length > 1) {
      const w = word[0];
      if (OPERATORS.has(w)) out += `\\${w} `;
      else if (NAMED.has(w) || /^[A-Z][a-z]{2,}/.test(w) || /^[a-z]{3,}$/.test(w)) out += `\\operatorname{${w}}`;
      else if (w.length > 3 && /[a-z]/.test(w)) out += `\\mathrm{${w}}`; // an identifier: proveExact
      else out += [...w].join(' ') + ' '; // UV, pI, GG: a product of single-letter symbols
      i += w.length;
      continue;
    }
    if (GREEK[ch] !== undefined) out += `${GREEK[ch]} `;
    else if (SYMBOLS[ch] !== undefined) out += SYMBOLS[ch];
    else if (/[\x20-\x7e]/.test(ch)) out += ch;
    else out += `\\text{${ch}}`;
    i += ch.length;
  }
  while (braces.length) out += braces.pop() === 'group' ? '}' : '';
  // V*ᵀ: two scripts in a row (^{*}^{\top}) are a double superscript to TeX; they are one, ^{*\top}.
  let merged = out;
  for (let prev = ''; prev !== merged; ) [prev, merged] = [merged, merged.replace(/\^\{([^{}]*)\}\^\{([^{}]*)\}/g, '^{$1$2}')];
  return merged.replace(/ +/g, ' ').trim();
}

export interface Segment {
  readonly kind: 'text' | 'math';
  readonly s: string;
}

type WordKind = 'prose' | 'math' | 'number' | 'article';

const MATHY = /[_^\\√‖|=<>≤≥≠≈∈∉⊗∇∞⇒→←↦≻⪰≺⪯≲≳⟨⟩±∓~∼′·×∑∏∂⊆⊂∀∃≡∝⌈⌉⌊⌋≪≫∘⊤∗*{}/+−]|[α-ωΑ-Ωϵϑϕς]|[₀-₎ₐ-ₜᵢⱼᵣᵤᵥ⁰-⁾ⁿⁱᵏᵗᵀ¹²³]|[−-](?=[\d(])/;

function classify(word: string, prev: string | undefined): WordKind {
  if (/^\(\d+[a-z]?\)[,.;:]*$/.test(word)) return 'prose'; // an equation number: (27), (28a)
  const core = word.replace(/^[([]+/, '').replace(/[)\],.;:!?]+$/, '');
  if (core === '') return /^[()[\]]+$/.test(word) ? 'number' : 'prose';
  if (/^[A-Za-z]+\.[A-Za-z]/.test(core)) return 'prose'; // P.icl, S.geo, A.T1a, e.g.
  if (/[-–][A-Za-z]{3,}/.test(core) && !/[=≤≥<>]/.test(core)) return 'prose'; // κ-slope, log-log, 2^{24}-point
  if (/[A-Za-z]{2,}\/[A-Za-z]{2,}/.test(core)) return 'prose'; // src/cases/aligned.ts, MF/ICL, sums/differences
  if (/^[−-]?[\d.,/−-]*\d[\d.,/−-]*(?:e[−-]?\d+)?%?$/.test(core)) {
    // a number; after Lemma, Theorem, Fig., … it is a name's
    return prev !== undefined && /^[([]?[A-Z][a-z]+\.?$/.test(prev) ? 'prose' : 'number';
  }
  if (/^[A-Za-z]+(?:[’'][a-z]+)?$/.test(core)) {
    if (core.length === 1) return core === 'a' || core === 'A' ? 'article' : 'math';
    if (/^[a-z]+[A-Z]/.test(core)) return core.length <= 3 ? 'math' : 'prose'; // pI, qJ; proveExact is a name
    return 'prose';
  }
  if (/^[A-Za-z]+\d*[([]/.test(core)) return 'math'; // msign(G), f(W), Unif[1,2], NS5(G)
  if (/^[A-Za-z]+\d+$/.test(core)) return 'prose'; // NS5, T1a as names
  if (/[A-Za-z]/.test(core) && /[()[\]]/.test(core)) return 'math'; // P)vec(G)
  return MATHY.test(core) || /\d[A-Za-z]|[A-Za-z]\d/.test(core) ? 'math' : 'prose';
}

const OPENERS = '([{⟨';
const CLOSERS = ')]}⟩';

function depthChange(word: string): number {
  let d = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c === '{' && (word[i - 1] === '_' || word[i - 1] === '^')) {
      i = closing(word, i, '{', '}') - 1; // a script group
      continue;
    }
    if (OPENERS.includes(c)) d++;
    else if (CLOSERS.includes(c)) d--;
  }
  return d;
}

/** Round and square brackets counted alike, so that a half-open interval [a, b) is balanced. */
function bracketDepth(s: string): number {
  let d = 0;
  for (const c of s) {
    if (c === '(' || c === '[') d++;
    else if (c === ')' || c === ']') d--;
  }
  return d;
}

/** Moves unmatched brackets and punctuation at the ends of a maths run out to the text around it. */
function trimRun(run: string): { before: string; math: string; after: string } {
  let before = '';
  let after = '';
  let m = run;
  for (;;) {
    const p = /(?:[,.;:!?]|[’']s)+$/.exec(m); // punctuation, and a possessive: M*'s
    if (p) {
      after = p[0] + after;
      m = m.slice(0, -p[0].length);
      continue;
    }
    const d = bracketDepth(m);
    if (d < 0 && /[)\]]$/.test(m)) {
      after = m[m.length - 1] + after;
      m = m.slice(0, -1);
      continue;
    }
    if (d > 0 && /^[([]/.test(m)) {
      before += m[0];
      m = m.slice(1);
      continue;
    }
    break;
  }
  return { before, math: m.trim(), after };
}

/** The text as prose and maths runs (see the file's comment). */
export function segments(text: string): Segment[] {
  const parts = text.split(/(\s+)/);
  const words: { w: string; space: string }[] = [];
  for (let i = 0; i < parts.length; i += 2) words.push({ w: parts[i]!, space: parts[i + 1] ?? '' });
  const kinds = words.map((x, i) => classify(x.w, words[i - 1]?.w));
  // 'a' is the variable in "a = 1", "a ≤ b"; else the article ("a few", "a 2^{24} grid")
  for (let i = 0; i < kinds.length; i++) if (kinds[i] === 'article') kinds[i] = kinds[i + 1] === 'math' && /^[=<>≤≥≠≈∈+−·×/|]/.test(words[i + 1]!.w) ? 'math' : 'prose';
  const out: Segment[] = [];
  const text_ = (s: string): void => {
    if (s === '') return;
    const last = out[out.length - 1];
    if (last?.kind === 'text') out[out.length - 1] = { kind: 'text', s: last.s + s };
    else out.push({ kind: 'text', s });
  };
  let run: string[] = [];
  let runSpace = '';
  let depth = 0;
  const flush = (): void => {
    if (run.length === 0) return;
    const { before, math, after } = trimRun(run.join(' '));
    text_(before);
    if (math !== '') out.push({ kind: 'math', s: math });
    text_(after + runSpace);
    run = [];
    runSpace = '';
    depth = 0;
  };
  words.forEach(({ w, space }, i) => {
    const k = kinds[i]!;
    if (w === '') {
      text_(space);
      return;
    }
    // a number joins the maths before it, or starts a run when maths follows without punctuation between
    const startsRun = k === 'number' && !/[,.;:]$/.test(w) && kinds[i + 1] === 'math';
    if (!(k === 'math' || (k === 'number' && (run.length > 0 || startsRun)))) {
      flush();
      text_(w + space);
      return;
    }
    run.push(w);
    runSpace = space;
    depth = Math.max(0, depth + depthChange(w));
    // a comma, semicolon, colon or full stop outside brackets ends the run (the punctuation is prose)
    if (depth === 0 && /[,;:.]$/.test(w)) flush();
  });
  flush();
  return out;
}

const cache = new Map<string, string | null>();

/** KaTeX's HTML for a TeX string, or null when KaTeX cannot parse it. */
export function renderTex(tex: string, display = false): string | null {
  const key = `${display ? 'D' : 'I'}${tex}`;
  if (cache.has(key)) return cache.get(key)!;
  let html: string | null;
  try {
    html = katex.renderToString(tex, { throwOnError: true, strict: 'ignore', output: 'html', displayMode: display, trust: false });
  } catch {
    html = null;
  }
  cache.set(key, html);
  return html;
}

/** Plain text with the scripts of the notation as <sub>/<sup> (the fallback: no literal TeX on the page). */
export function proseHtml(s: string): string {
  return e(s)
    .replace(/([_^])\{([^{}]*)\}/g, (_m, op: string, body: string) => (op === '_' ? `<sub>${body}</sub>` : `<sup>${body}</sup>`))
    .replace(/(?<=[A-Za-z0-9α-ωΑ-Ω)‖|*])([_^])([A-Za-z][a-z]{2,}|[A-Za-zα-ω0-9*](?![A-Za-z]))/g, (_m, op: string, body: string) =>
      op === '_' ? `<sub>${body}</sub>` : `<sup>${body}</sup>`,
    );
}

/** The readable form of a run of maths, for attributes (aria-label, title): Unicode, no TeX. */
export function plainMath(s: string): string {
  return s.replace(/([_^])\{([^{}]*)\}/g, (_m, op: string, body: string) => (op === '_' ? `_${body.length > 1 ? `(${body})` : body}` : `^(${body})`));
}

/** One run of maths as KaTeX HTML (inline), with the source as its accessible name; text if KaTeX refuses it. */
export function mathHtml(math: string): string {
  const html = renderTex(texOf(math));
  if (html === null) return proseHtml(math);
  return `<span class="math" role="math" aria-label="${e(plainMath(math))}">${html}</span>`;
}

/** A text of the catalogue (statement, title, bound, reason, …) as HTML with its maths rendered. */
export function richHtml(text: string): string {
  return segments(text)
    .map((g) => (g.kind === 'math' ? mathHtml(g.s) : proseHtml(g.s)))
    .join('');
}

const require_ = createRequire(import.meta.url);
let cssSource: string | undefined;

function katexCssSource(): string {
  cssSource ??= readFileSync(require_.resolve('katex/dist/katex.min.css'), 'utf8');
  return cssSource;
}

/** Font families (KaTeX_Main, KaTeX_Math, …) with the weight/style combinations the HTML's classes ask for. */
export function fontsUsed(html: string, css = katexCssSource()): Set<string> {
  const classes = new Set<string>();
  for (const m of html.matchAll(/class="([^"]*)"/g)) for (const c of m[1]!.split(/\s+/)) if (c) classes.add(c);
  const used = new Set<string>();
  if (classes.has('katex')) used.add('KaTeX_Main|normal|normal');
  // rules such as `.katex .mathnormal{font-family:KaTeX_Math;font-style:italic}`
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*font-family:\s*KaTeX_[A-Za-z]+[^{}]*)\}/g)) {
    const selector = m[1]!;
    if (selector.includes('@font-face')) continue;
    const body = m[2]!;
    const family = /font-family:\s*(KaTeX_[A-Za-z]+)/.exec(body)![1]!;
    const weight = /font-weight:\s*(bold|700)/.test(body) ? 'bold' : 'normal';
    const style = /font-style:\s*italic/.test(body) ? 'italic' : 'normal';
    const needed = selector.split(',').some((sel) => {
      const cls = [...sel.matchAll(/\.([A-Za-z0-9_-]+)/g)].map((x) => x[1]!).filter((c) => c !== 'katex');
      return cls.length > 0 && cls.every((c) => classes.has(c));
    });
    if (needed) used.add(`${family}|${weight}|${style}`);
  }
  return used;
}

/**
 * KaTeX's CSS for a page whose body is `html`: the @font-face rules of the fonts it uses, each with its woff2 inlined
 * as a data URL; every other @font-face rule dropped, so the page makes no request.
 */
export function katexStyle(html: string): string {
  const css = katexCssSource();
  const used = fontsUsed(html, css);
  const fontsDir = require_.resolve('katex/dist/katex.min.css').replace(/katex\.min\.css$/, '');
  const out = css.replace(/@font-face\{([^}]*)\}/g, (_m, body: string) => {
    const family = /font-family:\s*(KaTeX_[A-Za-z]+)/.exec(body)?.[1];
    const weight = /font-weight:\s*(bold|700)/.test(body) ? 'bold' : 'normal';
    const style = /font-style:\s*italic/.test(body) ? 'italic' : 'normal';
    const file = /url\((fonts\/[^)]+\.woff2)\)/.exec(body)?.[1];
    if (!family || !file || !used.has(`${family}|${weight}|${style}`)) return '';
    const data = readFileSync(`${fontsDir}${file}`).toString('base64');
    return `@font-face{font-family:${family};font-style:${style};font-weight:${weight === 'bold' ? 700 : 400};font-display:block;src:url(data:font/woff2;base64,${data}) format("woff2")}`;
  });
  return out;
}
