/*
 * The SVG plotting module of the reproductions: line panels with linear or log axes, tick labels, axis labels,
 * legends, heatmaps with a diverging colour scale, and text blocks. The output is self-contained SVG 1.1 (no script,
 * no external font or image), so it inlines into reports/index.html, and src/reproduce/png.ts rasterises the same
 * file to PNG with resvg.
 *
 * Kept hand-written rather than replaced by a declarative library (Vega-Lite + vega was the candidate): the figures
 * are not only line charts — Fig. 3 is a grid of Kronecker heatmaps with a colour bar, every figure carries a
 * settings block, and their layouts (one panel per optimizer and κ, shared axes) live in fig1/fig2/fig3/table1.ts,
 * which call these few functions; vega renders SVG in Node without a browser, but measures text with a heuristic
 * unless node-canvas (a native build) is installed, and would add some twenty packages for what is here four
 * primitives. The PNG needs a rasteriser either way (resvg, whose binary ships inside its npm packages).
 *
 * Readability at talk size: tick labels 14 px, axis labels 15 px, panel titles 15.5 px, legends 13.5 px (the figures
 * are 900–1400 px wide; the PNG is written at twice that). Legends never cover a curve: the panel's preferred corner
 * is taken when no curve, marker or reference line passes under it, else the first free one of eight places inside
 * the plot, else the legend goes below the plot (which then gives up the height it needs). Labels may use the
 * catalogue's notation — ‖M*‖_F, O^{d×k}, η_t = Cρ^t, (UᵀU)^{-1}, 1e-10 — and come out as SVG sub/superscripts and
 * 10⁻¹⁰, never as literal TeX.
 */

/** Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), then a few extra. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#999999'];

/** Font sizes in px (the panel's text; textBlock takes the caller's). */
export const FONT_SIZES = { tick: 14, axis: 15, title: 15.5, legend: 13.5, hline: 12.5, document: 19, heatmapTitle: 14, colorbar: 13 } as const;

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const SUP: Record<string, string> = { '-': '⁻', '−': '⁻', '+': '⁺', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
export function superscript(n: number | string): string {
  return String(n)
    .split('')
    .map((c) => SUP[c] ?? c)
    .join('');
}

const TEX_COMMANDS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', eta: 'η', theta: 'θ', kappa: 'κ', lambda: 'λ', mu: 'μ',
  nu: 'ν', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Lambda: 'Λ',
  Sigma: 'Σ', Phi: 'Φ', Omega: 'Ω', le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', approx: '≈', in: '∈', cdot: '·', times: '×',
  otimes: '⊗', nabla: '∇', infty: '∞', to: '→', sqrt: '√', top: 'ᵀ', max: 'max', min: 'min', log: 'log', propto: '∝', sim: '∼',
};

/** A script after `_` or `^`: {…}, (…) after ^, a word (max, Muon, ScaledGD), or one character. */
function scriptAt(s: string, i: number): { body: string; end: number } {
  if (s[i] === '{') {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      if (s[j] === '{') depth++;
      else if (s[j] === '}' && --depth === 0) return { body: s.slice(i + 1, j), end: j + 1 };
    }
    return { body: s.slice(i + 1), end: s.length };
  }
  const w = /^(?:[A-Z]?[a-z]{2,}[A-Za-z]*|[−-]?\d+)/.exec(s.slice(i));
  if (w) return { body: w[0], end: i + w[0].length };
  const ch = [...s.slice(i)][0] ?? '';
  return { body: ch, end: i + ch.length };
}

type Piece = { text: string; shift?: 'sub' | 'super' };

/** The catalogue's notation as text pieces: TeX commands to symbols, 1e-10 to 10⁻¹⁰, scripts marked. */
export function labelPieces(s: string): Piece[] {
  const t = s
    .replace(/\\([A-Za-z]+)/g, (m, name: string) => TEX_COMMANDS[name] ?? m.slice(1))
    .replace(/\\([{}|,;! ])/g, (_m, c: string) => (c === '|' ? '‖' : /[,;! ]/.test(c) ? ' ' : c))
    .replace(/(?<![\w.])(\d+(?:\.\d+)?)e([−+-]?\d+)(?![\w.])/g, (_m, mant: string, exp: string) => `${mant === '1' ? '' : `${mant}·`}10${superscript(exp.replace('+', ''))}`);
  const out: Piece[] = [];
  const push = (text: string, shift?: 'sub' | 'super'): void => {
    if (text === '') return;
    const last = out[out.length - 1];
    if (last && last.shift === shift) last.text += text;
    else out.push(shift ? { text, shift } : { text });
  };
  let i = 0;
  let plain = '';
  while (i < t.length) {
    const ch = t[i]!;
    // a script needs a base: `x_t`, `‖_F`, `)^{-1}` — not a lone underscore in a file name's middle like a_b_c? still a script
    if ((ch === '_' || ch === '^') && i > 0 && i + 1 < t.length && !/\s/.test(t[i + 1]!)) {
      const { body, end } = scriptAt(t, i + 1);
      push(plain);
      plain = '';
      push(body.replace(/[{}]/g, ''), ch === '_' ? 'sub' : 'super');
      i = end;
      continue;
    }
    plain += ch;
    i++;
  }
  push(plain);
  return out;
}

/** A label as SVG text content: escaped, with <tspan baseline-shift> for the scripts (see the file's comment). */
export function svgText(s: string): string {
  return labelPieces(s)
    .map((p) => (p.shift ? `<tspan baseline-shift="${p.shift}" font-size="72%">${esc(p.text)}</tspan>` : esc(p.text)))
    .join('');
}

/** A label as plain text (for <title>): scripts as Unicode superscripts where they exist, else kept as text. */
export function plainText(s: string): string {
  return labelPieces(s)
    .map((p) => (p.shift === 'super' && /^[-−+\d]+$/.test(p.text) ? superscript(p.text) : p.text))
    .join('');
}

/** Estimated width in px of a label at `size` px (DejaVu Sans: ≈ 0.6 em a character; scripts at 72 %). */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const p of labelPieces(s)) for (const ch of p.text) w += (p.shift ? 0.72 : 1) * size * (/[il.,:;'|!·]/.test(ch) ? 0.32 : /[mwMW‖]/.test(ch) ? 0.85 : /[⁰-⁹⁻¹²³]/.test(ch) ? 0.42 : 0.62);
  return w;
}

/** A number as a short label: 1e-10 → "10⁻¹⁰", 1000 → "10³" for powers of ten; else up to 3 significant digits. */
export function fmtTick(v: number, log: boolean): string {
  if (v === 0) return '0';
  if (log) {
    const e = Math.round(Math.log10(v));
    if (Math.abs(v / 10 ** e - 1) < 1e-9) return e === 0 ? '1' : e === 1 ? '10' : `10${superscript(e)}`;
  }
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) {
    const e = Math.floor(Math.log10(a));
    const m = v / 10 ** e;
    return `${Number(m.toPrecision(2))}·10${superscript(e)}`;
  }
  return String(Number(v.toPrecision(3)));
}

/** Ticks for a linear axis: 4–8 "nice" values (1, 2, 5 × 10^k steps) inside [lo, hi]. */
export function linearTicks(lo: number, hi: number, target = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => (hi - lo) / s <= target + 1) ?? 10 * p;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Ticks for a log axis: the powers of ten in [lo, hi], thinned to at most `max` (every 2nd, 3rd, … decade). */
export function logTicks(lo: number, hi: number, max = 8): number[] {
  const a = Math.ceil(Math.log10(lo) - 1e-9);
  const b = Math.floor(Math.log10(hi) + 1e-9);
  const n = b - a + 1;
  const every = Math.max(1, Math.ceil(n / max));
  const out: number[] = [];
  for (let e = a; e <= b; e++) if ((e - a) % every === 0) out.push(10 ** e);
  return out;
}

export interface Series {
  readonly label: string;
  readonly xs: readonly number[];
  readonly ys: readonly (number | null)[];
  readonly color?: string;
  readonly dash?: string;
  /** Draw markers at the points (for sparse data such as Table 1). */
  readonly markers?: boolean;
  readonly width?: number;
}

export interface Axis {
  readonly label: string;
  readonly log?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** Explicit tick values (default: powers of ten on a log axis, 1-2-5 steps on a linear one). */
  readonly ticks?: readonly number[];
}

export type LegendPlace = 'top-right' | 'bottom-left' | 'bottom-right' | 'top-left' | 'top' | 'bottom' | 'right' | 'left';

export interface LinePanelOptions {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly xAxis: Axis;
  readonly yAxis: Axis;
  readonly series: readonly Series[];
  /** Horizontal reference lines (e.g. the ε = 1e-10 target). */
  readonly hlines?: readonly { y: number; label: string }[];
  /**
   * The preferred legend place inside the plot area; taken when no curve passes under it, else the first free place
   * of the others, else below the plot ('outside' asks for that directly). 'none': no legend.
   */
  readonly legend?: LegendPlace | 'outside' | 'none';
  readonly legendTitle?: string;
  /**
   * The legend may be left out when no place inside the plot is free (a panel whose series and colours repeat those of
   * a neighbour that shows the legend): the plot keeps its size rather than give room to a legend below it.
   */
  readonly legendOptional?: boolean;
}

const FONT = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"';

/** Data range of the finite (and, on a log axis, positive) values. */
function extent(vals: readonly (number | null)[], log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of vals) {
    if (v === null || !Number.isFinite(v) || (log && v <= 0)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo === Infinity) return log ? [1e-1, 1e1] : [0, 1];
  if (lo === hi) return log ? [lo / 10, hi * 10] : [lo - 1, hi + 1];
  return [lo, hi];
}

/** A scale function data → pixel. */
export function scaleOf(lo: number, hi: number, p0: number, p1: number, log: boolean): (v: number) => number {
  if (log) {
    const a = Math.log10(lo);
    const b = Math.log10(hi);
    return (v) => p0 + ((Math.log10(v) - a) / (b - a)) * (p1 - p0);
  }
  return (v) => p0 + ((v - lo) / (hi - lo)) * (p1 - p0);
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Whether the segment (x1, y1)–(x2, y2) meets the rectangle (Liang–Barsky clipping). */
export function segmentHitsRect(x1: number, y1: number, x2: number, y2: number, r: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const edges: [number, number][] = [
    [-dx, x1 - r.x],
    [dx, r.x + r.w - x1],
    [-dy, y1 - r.y],
    [dy, r.y + r.h - y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
  }
  return true;
}

/** How many pieces of drawing (polyline segments, markers, reference lines) the rectangle covers. */
export function coverCount(r: Rect, polylines: readonly (readonly [number, number])[][], points: readonly (readonly [number, number])[], hlineYs: readonly number[]): number {
  let n = 0;
  for (const pl of polylines) for (let i = 1; i < pl.length; i++) if (segmentHitsRect(pl[i - 1]![0], pl[i - 1]![1], pl[i]![0], pl[i]![1], r)) n++;
  for (const [x, y] of points) if (x >= r.x - 4 && x <= r.x + r.w + 4 && y >= r.y - 4 && y <= r.y + r.h + 4) n++;
  for (const y of hlineYs) if (y >= r.y - 2 && y <= r.y + r.h + 2) n++;
  return n;
}

interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly dash?: string;
  readonly markers?: boolean;
}

const LEGEND_SWATCH = 24;
const rowOf = (font: number): number => font + 5;

/** A legend's look: columns, font size, whether the title is shown, and the box it makes. */
export interface LegendShape {
  readonly columns: number;
  readonly font: number;
  readonly title: string | undefined;
  readonly w: number;
  readonly h: number;
}

/** The legend's box size in `columns` columns at `font` px. */
export function legendSize(items: readonly { label: string }[], title: string | undefined, columns = 1, font: number = FONT_SIZES.legend): { w: number; h: number } {
  const itemW = Math.max(...items.map((s) => LEGEND_SWATCH + 14 + textWidth(s.label, font)));
  const titleW = title ? textWidth(title, font) + 12 : 0;
  return { w: Math.max(columns * itemW, titleW) + 8, h: (Math.ceil(items.length / columns) + (title ? 1 : 0)) * rowOf(font) + 8 };
}

function legendSvg(items: readonly LegendItem[], sh: LegendShape, x: number, y: number, opacity = 1): string {
  const { font, title, columns, w, h } = sh;
  const row = rowOf(font);
  const out: string[] = [`<rect class="legend" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="#ffffff"${opacity < 1 ? ` fill-opacity="${opacity}"` : ''} stroke="#bbb" stroke-width="0.8"/>`];
  let r0 = 0;
  if (title) {
    out.push(`<text x="${(x + 6).toFixed(1)}" y="${(y + 4 + row * 0.75).toFixed(1)}" font-size="${font}" font-style="italic" fill="#333">${svgText(title)}</text>`);
    r0 = 1;
  }
  const colW = columns === 1 ? w - 8 : Math.max(...items.map((it) => LEGEND_SWATCH + 14 + textWidth(it.label, font)));
  items.forEach((s, i) => {
    const c = i % columns;
    const r = r0 + Math.floor(i / columns);
    const x0 = x + 6 + c * colW;
    const yy = y + 4 + r * row + row / 2;
    out.push(`<line x1="${x0.toFixed(1)}" y1="${yy.toFixed(1)}" x2="${(x0 + LEGEND_SWATCH).toFixed(1)}" y2="${yy.toFixed(1)}" stroke="${s.color}" stroke-width="2.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    if (s.markers) out.push(`<circle cx="${(x0 + LEGEND_SWATCH / 2).toFixed(1)}" cy="${yy.toFixed(1)}" r="3.5" fill="${s.color}"/>`);
    out.push(`<text x="${(x0 + LEGEND_SWATCH + 6).toFixed(1)}" y="${(yy + font * 0.36).toFixed(1)}" font-size="${font}" fill="#111">${svgText(s.label)}</text>`);
  });
  return out.join('\n');
}

/** The legend's looks in order of preference: full size with its title in 1–3 columns, then smaller, then untitled. */
export function legendShapes(items: readonly { label: string }[], title: string | undefined): LegendShape[] {
  const out: LegendShape[] = [];
  const small = FONT_SIZES.legend - 1.5;
  const looks: [number, string | undefined][] = [[FONT_SIZES.legend, title], [small, title]];
  if (title) looks.push([small, undefined]);
  for (const [font, t] of looks) {
    for (const columns of [1, 2, 3]) {
      if (columns > 1 && columns > Math.ceil(items.length / 2)) continue;
      out.push({ columns, font, title: t, ...legendSize(items, t, columns, font) });
    }
  }
  return out;
}

/** Candidate legend rectangles inside the plot area [px0, px1] × [py1, py0], the preferred one first. */
export function legendCandidates(pref: LegendPlace, w: number, h: number, px0: number, px1: number, py0: number, py1: number): { place: LegendPlace; rect: Rect }[] {
  const pad = 6;
  const xl = px0 + pad;
  const xr = px1 - w - pad;
  const xc = (px0 + px1 - w) / 2;
  const yt = py1 + pad;
  const yb = py0 - h - pad;
  const ym = (py0 + py1 - h) / 2;
  const all: { place: LegendPlace; rect: Rect }[] = [
    { place: 'top-right', rect: { x: xr, y: yt, w, h } },
    { place: 'bottom-right', rect: { x: xr, y: yb, w, h } },
    { place: 'top-left', rect: { x: xl, y: yt, w, h } },
    { place: 'bottom-left', rect: { x: xl, y: yb, w, h } },
    { place: 'top', rect: { x: xc, y: yt, w, h } },
    { place: 'bottom', rect: { x: xc, y: yb, w, h } },
    { place: 'right', rect: { x: xr, y: ym, w, h } },
    { place: 'left', rect: { x: xl, y: ym, w, h } },
  ];
  const fits = all.filter((c) => c.rect.x >= px0 && c.rect.y >= py1 && c.rect.x + w <= px1 && c.rect.y + h <= py0);
  return [...fits.filter((c) => c.place === pref), ...fits.filter((c) => c.place !== pref)];
}

/** One panel: frame, grid, ticks, axis labels, title, the series (clipped to the frame), and a legend. */
export function linePanel(o: LinePanelOptions): string {
  const xlog = o.xAxis.log ?? false;
  const ylog = o.yAxis.log ?? false;
  const [dx0, dx1] = extent(o.series.flatMap((s) => s.xs), xlog);
  const [dy0, dy1] = extent(o.series.flatMap((s) => s.ys), ylog);
  let xmin = o.xAxis.min ?? dx0;
  let xmax = o.xAxis.max ?? dx1;
  let ymin = o.yAxis.min ?? dy0;
  let ymax = o.yAxis.max ?? dy1;
  if (xlog && o.xAxis.min === undefined) xmin = 10 ** Math.floor(Math.log10(xmin) + 1e-9);
  if (xlog && o.xAxis.max === undefined) xmax = 10 ** Math.ceil(Math.log10(xmax) - 1e-9);
  if (ylog && o.yAxis.min === undefined) ymin = 10 ** Math.floor(Math.log10(ymin) + 1e-9);
  if (ylog && o.yAxis.max === undefined) ymax = 10 ** Math.ceil(Math.log10(ymax) - 1e-9);
  if (!(xmax > xmin)) xmax = xmin + 1;
  if (!(ymax > ymin)) ymax = ymin * 10 + 1;
  const xt = o.xAxis.ticks ?? (xlog ? logTicks(xmin, xmax, 5) : linearTicks(xmin, xmax, 3));
  const yt = o.yAxis.ticks ?? (ylog ? logTicks(ymin, ymax, 6) : linearTicks(ymin, ymax, 5));
  const yTickW = Math.max(0, ...yt.map((v) => textWidth(fmtTick(v, ylog), FONT_SIZES.tick)));
  // room for the rotated axis label, the tick labels and the tick marks
  const m = { left: Math.ceil(FONT_SIZES.axis + 10 + yTickW + 8), right: 14, top: FONT_SIZES.title + 12, bottom: FONT_SIZES.tick + FONT_SIZES.axis + 22 };
  const items: LegendItem[] = o.series.map((s, i) => ({ label: s.label, color: s.color ?? PALETTE[i % PALETTE.length]!, ...(s.dash ? { dash: s.dash } : {}), ...(s.markers ? { markers: true } : {}) }));
  const wantLegend = (o.legend ?? 'top-right') !== 'none' && items.length > 0;

  const layout = (below: { h: number; columns: number } | undefined) => {
    const px0 = o.x + m.left;
    const px1 = o.x + o.width - m.right;
    const py0 = o.y + o.height - m.bottom - (below ? below.h + 8 : 0);
    const py1 = o.y + m.top;
    const sx = scaleOf(xmin, xmax, px0, px1, xlog);
    const sy = scaleOf(ymin, ymax, py0, py1, ylog);
    const polylines: [number, number][][] = [];
    const markerPts: [number, number][] = [];
    const drawn = o.series.map((s) => {
      const segs: [number, number][][] = [];
      let cur: [number, number][] = [];
      const pts: [number, number][] = [];
      for (let j = 0; j < s.xs.length; j++) {
        const xv = s.xs[j]!;
        const yv = s.ys[j];
        const ok = yv !== null && yv !== undefined && Number.isFinite(yv) && Number.isFinite(xv) && (!ylog || yv > 0) && (!xlog || xv > 0);
        if (!ok) {
          if (cur.length > 1) segs.push(cur);
          cur = [];
          continue;
        }
        // clamp far-out values so that a curve below the axis floor still shows where it went
        const yc = Math.min(Math.max(yv, ylog ? ymin / 2 : ymin - (ymax - ymin)), ylog ? ymax * 2 : ymax + (ymax - ymin));
        const P: [number, number] = [sx(xv), sy(yc)];
        pts.push(P);
        cur.push(P);
      }
      if (cur.length > 1) segs.push(cur);
      // what the legend must not cover: the part of each curve inside the frame
      for (const seg of segs) polylines.push(seg.map(([X, Y]) => [X, Math.min(py0, Math.max(py1, Y))] as [number, number]));
      if (s.markers) markerPts.push(...pts);
      return { segs, pts };
    });
    const hlineYs = (o.hlines ?? []).filter((h) => h.y >= ymin && h.y <= ymax).map((h) => sy(h.y));
    return { px0, px1, py0, py1, sx, sy, drawn, polylines, markerPts, hlineYs };
  };

  let L = layout(undefined);
  let legendPart = '';
  let legendRect: Rect | undefined;
  if (wantLegend) {
    const pref = o.legend === undefined || o.legend === 'none' || o.legend === 'outside' ? 'top-right' : o.legend;
    // the looks of legendShapes in turn, each at the preferred place and then the others: the first that covers no
    // curve and no reference line, else the first that covers no curve
    const tries = o.legend === 'outside' ? [] : legendShapes(items, o.legendTitle).flatMap((sh) => legendCandidates(pref, sh.w, sh.h, L.px0, L.px1, L.py0, L.py1).map((c) => ({ ...c, sh })));
    const clear = (t: (typeof tries)[number], lines: boolean): boolean => coverCount(t.rect, L.polylines, L.markerPts, lines ? L.hlineYs : []) === 0;
    const free = tries.find((t) => clear(t, true)) ?? tries.find((t) => clear(t, false));
    if (free) {
      legendPart = legendSvg(items, free.sh, free.rect.x, free.rect.y);
      legendRect = free.rect;
    } else if (!o.legendOptional) {
      // below the plot, in as many columns as the panel's width takes, if the plot keeps 60 % of its height
      const avail = o.width - 16;
      let columns = items.length;
      while (columns > 1 && legendSize(items, o.legendTitle, columns).w > avail) columns--;
      const sh: LegendShape = { columns, font: FONT_SIZES.legend, title: o.legendTitle, ...legendSize(items, o.legendTitle, columns) };
      const below = layout({ h: sh.h, columns });
      if (below.py0 - below.py1 >= 0.6 * (L.py0 - L.py1)) {
        L = below;
        legendPart = legendSvg(items, sh, o.x + (o.width - sh.w) / 2, o.y + o.height - sh.h - 4);
      } else {
        // last resort: the place that covers least, smallest look, translucent so the curves show through it
        const least = [...tries].filter((t) => t.sh === tries[tries.length - 1]!.sh).sort((a, b) => coverCount(a.rect, L.polylines, L.markerPts, []) - coverCount(b.rect, L.polylines, L.markerPts, []))[0];
        if (least) {
          legendPart = legendSvg(items, least.sh, least.rect.x, least.rect.y, 0.6);
          legendRect = least.rect;
        }
      }
    }
  }
  const { px0, px1, py0, py1, sx, sy } = L;
  // The id is the clip rectangle's geometry, so two panels that share an id (in figures inlined into one HTML page)
  // also share the rectangle, and the output is deterministic.
  const clip = `clip-${Math.round(px0)}-${Math.round(py1)}-${Math.round(px1 - px0)}-${Math.round(py0 - py1)}`;
  const parts: string[] = [];
  parts.push(`<g ${FONT}>`);
  parts.push(`<defs><clipPath id="${clip}"><rect x="${px0}" y="${py1}" width="${px1 - px0}" height="${py0 - py1}"/></clipPath></defs>`);
  parts.push(`<rect x="${px0}" y="${py1}" width="${px1 - px0}" height="${py0 - py1}" fill="#ffffff" stroke="none"/>`);
  for (const v of xt) {
    const X = sx(v);
    if (X < px0 - 0.5 || X > px1 + 0.5) continue;
    parts.push(`<line x1="${X.toFixed(1)}" y1="${py1}" x2="${X.toFixed(1)}" y2="${py0}" stroke="#e5e5e5" stroke-width="1"/>`);
    parts.push(`<line x1="${X.toFixed(1)}" y1="${py0}" x2="${X.toFixed(1)}" y2="${py0 + 4}" stroke="#333" stroke-width="1"/>`);
    parts.push(`<text class="tick" x="${X.toFixed(1)}" y="${(py0 + 6 + FONT_SIZES.tick).toFixed(1)}" font-size="${FONT_SIZES.tick}" text-anchor="middle" fill="#222">${svgText(fmtTick(v, xlog))}</text>`);
  }
  for (const v of yt) {
    const Y = sy(v);
    if (Y > py0 + 0.5 || Y < py1 - 0.5) continue;
    parts.push(`<line x1="${px0}" y1="${Y.toFixed(1)}" x2="${px1}" y2="${Y.toFixed(1)}" stroke="#e5e5e5" stroke-width="1"/>`);
    parts.push(`<line x1="${px0 - 4}" y1="${Y.toFixed(1)}" x2="${px0}" y2="${Y.toFixed(1)}" stroke="#333" stroke-width="1"/>`);
    parts.push(`<text class="tick" x="${px0 - 7}" y="${(Y + FONT_SIZES.tick * 0.36).toFixed(1)}" font-size="${FONT_SIZES.tick}" text-anchor="end" fill="#222">${svgText(fmtTick(v, ylog))}</text>`);
  }
  const hlineLabels: string[] = []; // drawn over the curves
  for (const h of o.hlines ?? []) {
    if (h.y < ymin || h.y > ymax) continue;
    const Y = sy(h.y);
    parts.push(`<line x1="${px0}" y1="${Y.toFixed(1)}" x2="${px1}" y2="${Y.toFixed(1)}" stroke="#666" stroke-width="1.2" stroke-dasharray="2,3"/>`);
    // the label above the line or below it, at the left or the right end: the first place no curve crosses
    const lw = textWidth(h.label, FONT_SIZES.hline) + 4;
    const spots = [
      { x: px0 + 4, y: Y - 4, anchor: 'start' },
      { x: px1 - 4, y: Y - 4, anchor: 'end' },
      { x: px0 + 4, y: Y + FONT_SIZES.hline + 2, anchor: 'start' },
      { x: px1 - 4, y: Y + FONT_SIZES.hline + 2, anchor: 'end' },
    ];
    const box = (p: (typeof spots)[number]): Rect => ({ x: p.anchor === 'start' ? p.x - 2 : p.x - lw + 2, y: p.y - FONT_SIZES.hline, w: lw, h: FONT_SIZES.hline + 2 });
    const overlaps = (a: Rect, b: Rect | undefined): boolean => b !== undefined && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    // else the inside spot that the fewest curve pieces cross (the label has a white halo, so it stays legible)
    const inside = spots.filter((p) => box(p).y >= py1 && box(p).y + box(p).h <= py0 && !overlaps(box(p), legendRect));
    const cost = (p: (typeof spots)[number]): number => coverCount(box(p), L.polylines, L.markerPts, []);
    const spot = inside.find((p) => cost(p) === 0) ?? [...inside].sort((a, b) => cost(a) - cost(b))[0] ?? spots[0]!;
    hlineLabels.push(`<text x="${spot.x.toFixed(1)}" y="${spot.y.toFixed(1)}" font-size="${FONT_SIZES.hline}" text-anchor="${spot.anchor}" fill="#444" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${svgText(h.label)}</text>`);
  }
  o.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    const { segs, pts } = L.drawn[i]!;
    for (const seg of segs) {
      parts.push(`<polyline clip-path="url(#${clip})" points="${seg.map(([X, Y]) => `${X.toFixed(1)},${Y.toFixed(1)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="${s.width ?? 2}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} stroke-linejoin="round"/>`);
    }
    if (s.markers) for (const [X, Y] of pts) parts.push(`<circle clip-path="url(#${clip})" cx="${X.toFixed(1)}" cy="${Y.toFixed(1)}" r="3.5" fill="${color}"/>`);
  });
  parts.push(...hlineLabels);
  parts.push(`<rect x="${px0}" y="${py1}" width="${px1 - px0}" height="${py0 - py1}" fill="none" stroke="#333" stroke-width="1"/>`);
  // a long title is set smaller rather than run past the panel (the estimate holds for bold DejaVu Sans too)
  const tSize = Math.max(11, Math.min(FONT_SIZES.title, (FONT_SIZES.title * (o.width - 8)) / Math.max(1, textWidth(o.title, FONT_SIZES.title))));
  const tx = Math.min(Math.max((px0 + px1) / 2, o.x + textWidth(o.title, tSize) / 2 + 4), o.x + o.width - textWidth(o.title, tSize) / 2 - 4);
  parts.push(`<text x="${tx.toFixed(1)}" y="${o.y + FONT_SIZES.title + 2}" font-size="${Number(tSize.toFixed(1))}" font-weight="bold" text-anchor="middle" fill="#111">${svgText(o.title)}</text>`);
  parts.push(`<text x="${((px0 + px1) / 2).toFixed(1)}" y="${(py0 + 10 + FONT_SIZES.tick + FONT_SIZES.axis).toFixed(1)}" font-size="${FONT_SIZES.axis}" text-anchor="middle" fill="#111">${svgText(o.xAxis.label)}</text>`);
  const ly = (py0 + py1) / 2;
  const lx = o.x + FONT_SIZES.axis;
  // a long y label is set smaller rather than run past the plot (not below 11 px)
  const ySize = Math.max(11, Math.min(FONT_SIZES.axis, (FONT_SIZES.axis * (py0 - py1 + 16)) / Math.max(1, textWidth(o.yAxis.label, FONT_SIZES.axis))));
  parts.push(`<text x="${lx}" y="${ly.toFixed(1)}" font-size="${Number(ySize.toFixed(1))}" text-anchor="middle" fill="#111" transform="rotate(-90 ${lx} ${ly.toFixed(1)})">${svgText(o.yAxis.label)}</text>`);
  if (legendPart) parts.push(legendPart);
  parts.push('</g>');
  return parts.join('\n');
}

/** Diverging blue–white–red colour for v ∈ [−1, 1]. */
export function divergingColor(v: number): string {
  const t = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  const mix = (a: number, b: number, s: number): number => Math.round(a + (b - a) * s);
  // white (247,247,247) to red (178,24,43) or blue (33,102,172)
  const [r, g, b] = t >= 0 ? [mix(247, 178, t), mix(247, 24, t), mix(247, 43, t)] : [mix(247, 33, -t), mix(247, 102, -t), mix(247, 172, -t)];
  return `rgb(${r},${g},${b})`;
}

export interface HeatmapOptions {
  readonly x: number;
  readonly y: number;
  /** Side of the square image in pixels. */
  readonly size: number;
  readonly title: string;
  /** Row-major n×n values, already scaled to [−1, 1]. */
  readonly values: readonly number[];
  readonly n: number;
  /** Draw thin lines every `block` cells (the Kronecker blocks). */
  readonly block?: number;
}

export function heatmap(o: HeatmapOptions): string {
  const c = o.size / o.n;
  const out: string[] = [`<g ${FONT}>`];
  out.push(`<text x="${(o.x + o.size / 2).toFixed(1)}" y="${o.y - 7}" font-size="${FONT_SIZES.heatmapTitle}" text-anchor="middle" fill="#111">${svgText(o.title)}</text>`);
  for (let i = 0; i < o.n; i++) {
    for (let j = 0; j < o.n; j++) {
      const v = o.values[i * o.n + j]!;
      if (Math.abs(v) < 1 / 512) continue; // white background shows through
      out.push(`<rect x="${(o.x + j * c).toFixed(2)}" y="${(o.y + i * c).toFixed(2)}" width="${(c + 0.05).toFixed(2)}" height="${(c + 0.05).toFixed(2)}" fill="${divergingColor(v)}"/>`);
    }
  }
  if (o.block && o.block < o.n) {
    for (let b = o.block; b < o.n; b += o.block) {
      const p = b * c;
      out.push(`<line x1="${(o.x + p).toFixed(2)}" y1="${o.y}" x2="${(o.x + p).toFixed(2)}" y2="${o.y + o.size}" stroke="#ccc" stroke-width="0.5"/>`);
      out.push(`<line x1="${o.x}" y1="${(o.y + p).toFixed(2)}" x2="${o.x + o.size}" y2="${(o.y + p).toFixed(2)}" stroke="#ccc" stroke-width="0.5"/>`);
    }
  }
  out.push(`<rect x="${o.x}" y="${o.y}" width="${o.size}" height="${o.size}" fill="none" stroke="#333" stroke-width="1"/>`);
  out.push('</g>');
  return out.join('\n');
}

/** A vertical colour bar for the diverging scale, labelled −1 … 1. */
export function colorbar(x: number, y: number, height: number, label: string): string {
  const out: string[] = [`<g ${FONT}>`];
  const steps = 40;
  for (let i = 0; i < steps; i++) {
    const v = 1 - (2 * (i + 0.5)) / steps;
    out.push(`<rect x="${x}" y="${(y + (i * height) / steps).toFixed(2)}" width="14" height="${(height / steps + 0.1).toFixed(2)}" fill="${divergingColor(v)}"/>`);
  }
  out.push(`<rect x="${x}" y="${y}" width="14" height="${height}" fill="none" stroke="#333" stroke-width="0.8"/>`);
  for (const [v, t] of [[1, '+1'], [0, '0'], [-1, '−1']] as const) {
    out.push(`<text x="${x + 18}" y="${(y + ((1 - v) / 2) * height + 5).toFixed(1)}" font-size="${FONT_SIZES.colorbar}" fill="#111">${t}</text>`);
  }
  out.push(`<text x="${x + 7}" y="${y + height + 18}" font-size="${FONT_SIZES.colorbar}" text-anchor="middle" fill="#333">${svgText(label)}</text>`);
  out.push('</g>');
  return out.join('\n');
}

/** Lines of text (settings, notes) starting at (x, y); a line starting with ** is bold. */
export function textBlock(x: number, y: number, lines: readonly string[], size = 11.5, lineHeight = 15.5): string {
  return `<g ${FONT}>${lines
    .map((l, i) => {
      const bold = l.startsWith('**');
      const t = bold ? l.slice(2) : l;
      return `<text x="${x}" y="${(y + i * lineHeight).toFixed(1)}" font-size="${size}" fill="#111"${bold ? ' font-weight="bold"' : ''} xml:space="preserve">${svgText(t)}</text>`;
    })
    .join('\n')}</g>`;
}

/** The whole figure: a white canvas with a title and the parts. */
export function svgDocument(width: number, height: number, title: string, parts: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${esc(plainText(title))}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="26" ${FONT} font-size="${FONT_SIZES.document}" font-weight="bold" text-anchor="middle" fill="#111">${svgText(title)}</text>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
