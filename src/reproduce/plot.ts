/*
 * A small hand-written SVG plotting module for the reproductions: line panels with linear or log axes, tick labels,
 * axis labels, legends, heatmaps with a diverging colour scale, and text blocks. Hand-written rather than an npm
 * library (vega-lite, plotly, d3 + jsdom): those need a browser or a DOM to render to SVG, pull in megabytes of
 * dependencies, and the figures here need four primitives. The output is self-contained SVG 1.1 (no scripts, no
 * external fonts), so it inlines into reports/index.html and converts with rsvg-convert.
 */

/** Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), then a few extra. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#999999'];

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
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

const SUP: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
export function superscript(n: number): string {
  return String(n)
    .split('')
    .map((c) => SUP[c] ?? c)
    .join('');
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
  /** Legend placement inside the plot area. */
  readonly legend?: 'top-right' | 'bottom-left' | 'bottom-right' | 'top-left' | 'none';
  readonly legendTitle?: string;
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

/** One panel: frame, grid, ticks, axis labels, title, the series (clipped to the frame), and a legend. */
export function linePanel(o: LinePanelOptions): string {
  const m = { left: 64, right: 12, top: 24, bottom: 42 };
  const px0 = o.x + m.left;
  const px1 = o.x + o.width - m.right;
  const py0 = o.y + o.height - m.bottom;
  const py1 = o.y + m.top;
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
  const sx = scaleOf(xmin, xmax, px0, px1, xlog);
  const sy = scaleOf(ymin, ymax, py0, py1, ylog);
  // The id is the clip rectangle's geometry, so two panels that share an id (in figures inlined into one HTML page)
  // also share the rectangle, and the output is deterministic.
  const clip = `clip-${Math.round(px0)}-${Math.round(py1)}-${Math.round(px1 - px0)}-${Math.round(py0 - py1)}`;
  const parts: string[] = [];
  parts.push(`<g ${FONT}>`);
  parts.push(`<defs><clipPath id="${clip}"><rect x="${px0}" y="${py1}" width="${px1 - px0}" height="${py0 - py1}"/></clipPath></defs>`);
  parts.push(`<rect x="${px0}" y="${py1}" width="${px1 - px0}" height="${py0 - py1}" fill="#ffffff" stroke="none"/>`);
  // grid and ticks
  const xt = o.xAxis.ticks ?? (xlog ? logTicks(xmin, xmax, 6) : linearTicks(xmin, xmax, 4));
  const yt = o.yAxis.ticks ?? (ylog ? logTicks(ymin, ymax, 6) : linearTicks(ymin, ymax, 5));
  for (const v of xt) {
    const X = sx(v);
    parts.push(`<line x1="${X.toFixed(1)}" y1="${py1}" x2="${X.toFixed(1)}" y2="${py0}" stroke="#e5e5e5" stroke-width="1"/>`);
    parts.push(`<text x="${X.toFixed(1)}" y="${py0 + 15}" font-size="11" text-anchor="middle" fill="#222">${esc(fmtTick(v, xlog))}</text>`);
  }
  for (const v of yt) {
    const Y = sy(v);
    parts.push(`<line x1="${px0}" y1="${Y.toFixed(1)}" x2="${px1}" y2="${Y.toFixed(1)}" stroke="#e5e5e5" stroke-width="1"/>`);
    parts.push(`<text x="${px0 - 5}" y="${(Y + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="#222">${esc(fmtTick(v, ylog))}</text>`);
  }
  for (const h of o.hlines ?? []) {
    if (h.y < ymin || h.y > ymax) continue;
    const Y = sy(h.y);
    parts.push(`<line x1="${px0}" y1="${Y.toFixed(1)}" x2="${px1}" y2="${Y.toFixed(1)}" stroke="#666" stroke-width="1" stroke-dasharray="2,3"/>`);
    parts.push(`<text x="${px0 + 4}" y="${(Y - 3).toFixed(1)}" font-size="10" fill="#555">${esc(h.label)}</text>`);
  }
  // series
  o.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    const segs: string[] = [];
    let cur: string[] = [];
    const pts: [number, number][] = [];
    for (let j = 0; j < s.xs.length; j++) {
      const xv = s.xs[j];
      const yv = s.ys[j];
      const ok = yv !== null && Number.isFinite(yv) && Number.isFinite(xv) && (!ylog || yv > 0) && (!xlog || xv > 0);
      if (!ok) {
        if (cur.length > 1) segs.push(cur.join(' '));
        cur = [];
        continue;
      }
      // clamp far-out values so that a curve below the axis floor still shows where it went
      const yc = Math.min(Math.max(yv, ylog ? ymin / 2 : ymin - (ymax - ymin)), ylog ? ymax * 2 : ymax + (ymax - ymin));
      const P: [number, number] = [sx(xv), sy(yc)];
      pts.push(P);
      cur.push(`${P[0].toFixed(1)},${P[1].toFixed(1)}`);
    }
    if (cur.length > 1) segs.push(cur.join(' '));
    for (const seg of segs) {
      parts.push(`<polyline clip-path="url(#${clip})" points="${seg}" fill="none" stroke="${color}" stroke-width="${s.width ?? 1.6}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} stroke-linejoin="round"/>`);
    }
    if (s.markers) for (const [X, Y] of pts) parts.push(`<circle clip-path="url(#${clip})" cx="${X.toFixed(1)}" cy="${Y.toFixed(1)}" r="3" fill="${color}"/>`);
  });
  parts.push(`<rect x="${px0}" y="${py1}" width="${px1 - px0}" height="${py0 - py1}" fill="none" stroke="#333" stroke-width="1"/>`);
  // labels
  parts.push(`<text x="${((px0 + px1) / 2).toFixed(1)}" y="${o.y + 15}" font-size="13" font-weight="bold" text-anchor="middle" fill="#111">${esc(o.title)}</text>`);
  parts.push(`<text x="${((px0 + px1) / 2).toFixed(1)}" y="${py0 + 32}" font-size="12" text-anchor="middle" fill="#111">${esc(o.xAxis.label)}</text>`);
  const ly = (py0 + py1) / 2;
  parts.push(`<text x="${o.x + 12}" y="${ly.toFixed(1)}" font-size="12" text-anchor="middle" fill="#111" transform="rotate(-90 ${o.x + 12} ${ly.toFixed(1)})">${esc(o.yAxis.label)}</text>`);
  if ((o.legend ?? 'top-right') !== 'none' && o.series.length > 0) parts.push(legend(o, px0, px1, py0, py1));
  parts.push('</g>');
  return parts.join('\n');
}

function legend(o: LinePanelOptions, px0: number, px1: number, py0: number, py1: number): string {
  const rows = o.series.length + (o.legendTitle ? 1 : 0);
  const lh = 14;
  const widest = Math.max(...o.series.map((s) => s.label.length), (o.legendTitle ?? '').length);
  const w = 30 + widest * 6.3;
  const h = rows * lh + 6;
  const pos = o.legend ?? 'top-right';
  const x = pos.endsWith('right') ? px1 - w - 4 : px0 + 4;
  const y = pos.startsWith('top') ? py1 + 4 : py0 - h - 4;
  const out: string[] = [`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h}" fill="#ffffff" fill-opacity="0.85" stroke="#bbb" stroke-width="0.8"/>`];
  let r = 0;
  if (o.legendTitle) {
    out.push(`<text x="${(x + 5).toFixed(1)}" y="${(y + 13).toFixed(1)}" font-size="10.5" font-style="italic" fill="#333">${esc(o.legendTitle)}</text>`);
    r = 1;
  }
  o.series.forEach((s, i) => {
    const yy = y + 3 + (r + i) * lh + lh / 2;
    const color = s.color ?? PALETTE[i % PALETTE.length];
    out.push(`<line x1="${(x + 5).toFixed(1)}" y1="${yy.toFixed(1)}" x2="${(x + 23).toFixed(1)}" y2="${yy.toFixed(1)}" stroke="${color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    out.push(`<text x="${(x + 27).toFixed(1)}" y="${(yy + 3.5).toFixed(1)}" font-size="10.5" fill="#111">${esc(s.label)}</text>`);
  });
  void px0;
  void py0;
  return out.join('\n');
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
  out.push(`<text x="${(o.x + o.size / 2).toFixed(1)}" y="${o.y - 6}" font-size="12" text-anchor="middle" fill="#111">${esc(o.title)}</text>`);
  for (let i = 0; i < o.n; i++) {
    for (let j = 0; j < o.n; j++) {
      const v = o.values[i * o.n + j];
      if (Math.abs(v) < 1 / 512) continue; // white background shows through
      out.push(`<rect x="${(o.x + j * c).toFixed(2)}" y="${(o.y + i * c).toFixed(2)}" width="${(c + 0.05).toFixed(2)}" height="${(c + 0.05).toFixed(2)}" fill="${divergingColor(v)}"/>`);
    }
  }
  if (o.block && o.block < o.n) {
    for (let b = o.block; b < o.n; b += o.block) {
      const p = (b * c).toFixed(2);
      out.push(`<line x1="${(o.x + Number(p)).toFixed(2)}" y1="${o.y}" x2="${(o.x + Number(p)).toFixed(2)}" y2="${o.y + o.size}" stroke="#ccc" stroke-width="0.5"/>`);
      out.push(`<line x1="${o.x}" y1="${(o.y + Number(p)).toFixed(2)}" x2="${o.x + o.size}" y2="${(o.y + Number(p)).toFixed(2)}" stroke="#ccc" stroke-width="0.5"/>`);
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
    out.push(`<rect x="${x}" y="${(y + (i * height) / steps).toFixed(2)}" width="12" height="${(height / steps + 0.1).toFixed(2)}" fill="${divergingColor(v)}"/>`);
  }
  out.push(`<rect x="${x}" y="${y}" width="12" height="${height}" fill="none" stroke="#333" stroke-width="0.8"/>`);
  for (const [v, t] of [[1, '+1'], [0, '0'], [-1, '−1']] as const) {
    out.push(`<text x="${x + 16}" y="${(y + ((1 - v) / 2) * height + 4).toFixed(1)}" font-size="10.5" fill="#111">${t}</text>`);
  }
  out.push(`<text x="${x + 6}" y="${y + height + 16}" font-size="10.5" text-anchor="middle" fill="#333">${esc(label)}</text>`);
  out.push('</g>');
  return out.join('\n');
}

/** Lines of text (settings, notes) starting at (x, y). */
export function textBlock(x: number, y: number, lines: readonly string[], size = 11.5, lineHeight = 15.5): string {
  return `<g ${FONT}>${lines
    .map((l, i) => {
      const bold = l.startsWith('**');
      const t = bold ? l.slice(2) : l;
      return `<text x="${x}" y="${(y + i * lineHeight).toFixed(1)}" font-size="${size}" fill="#111"${bold ? ' font-weight="bold"' : ''} xml:space="preserve">${esc(t)}</text>`;
    })
    .join('\n')}</g>`;
}

/** The whole figure: a white canvas with a title and the parts. */
export function svgDocument(width: number, height: number, title: string, parts: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="24" ${FONT} font-size="16" font-weight="bold" text-anchor="middle" fill="#111">${esc(title)}</text>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
