import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figuresPage, figuresSection } from '../../src/reproduce/html.ts';
import {
  FONT_SIZES,
  coverCount,
  divergingColor,
  esc,
  fmtTick,
  heatmap,
  labelPieces,
  linePanel,
  linearTicks,
  logTicks,
  plainText,
  scaleOf,
  segmentHitsRect,
  svgDocument,
  svgText,
  textBlock,
  type LinePanelOptions,
  type Rect,
} from '../../src/reproduce/plot.ts';
import { svgToPng, writePng } from '../../src/reproduce/png.ts';

/** The legend box and the drawn polylines of a panel's SVG, in pixels. */
function parsePanel(svg: string): { legend: Rect | undefined; opacity: string | undefined; lines: [number, number][][]; frame: Rect } {
  const lg = /<rect class="legend" x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)" fill="#ffffff"(?: fill-opacity="([\d.]+)")?/.exec(svg);
  const lines = [...svg.matchAll(/<polyline [^>]*points="([^"]+)"/g)].map((m) => m[1]!.split(' ').map((p) => p.split(',').map(Number) as [number, number]));
  const fr = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="none" stroke="#333"/g)].pop()!;
  return {
    legend: lg ? { x: Number(lg[1]), y: Number(lg[2]), w: Number(lg[3]), h: Number(lg[4]) } : undefined,
    opacity: lg?.[5],
    lines,
    frame: { x: Number(fr[1]), y: Number(fr[2]), w: Number(fr[3]), h: Number(fr[4]) },
  };
}

const t = Array.from({ length: 301 }, (_, i) => i * 10);
/** Curves that start high and fall to a floor (as Muon's), and ones that stay high (as SignGD's). */
const falling = (k: number): number[] => t.map((x) => Math.max(1e-11 * k, 10 ** (1 - x / 40)));
const flat = (k: number): number[] => t.map((x) => 0.1 * k * 0.9995 ** x);
const base: Omit<LinePanelOptions, 'series'> = { x: 0, y: 0, width: 300, height: 240, title: '(a) panel', xAxis: { label: 'iteration t', min: 0, max: 3000 }, yAxis: { label: '‖UUᵀ − M*‖_F / ‖M*‖_F', log: true, min: 1e-14, max: 10 } };

describe('reproduce/plot', () => {
  it('log ticks are the powers of ten inside the range, thinned to at most max', () => {
    expect(logTicks(1e-14, 10, 6)).toEqual([-14, -11, -8, -5, -2, 1].map((e) => 10 ** e));
    expect(logTicks(1e-14, 10).length).toBe(8);
    expect(logTicks(1, 1000)).toEqual([1, 10, 100, 1000]);
    expect(logTicks(2, 9)).toEqual([]);
  });
  it('linear ticks are 1-2-5 steps covering the range', () => {
    expect(linearTicks(0, 3000, 4)).toEqual([0, 1000, 2000, 3000]);
    expect(linearTicks(0, 1.05, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
  it('tick labels: powers of ten as superscripts, others with ≤ 3 digits', () => {
    expect(fmtTick(1e-10, true)).toBe('10⁻¹⁰');
    expect(fmtTick(1000, true)).toBe('10³');
    expect(fmtTick(1, true)).toBe('1');
    expect(fmtTick(0.25, false)).toBe('0.25');
    expect(fmtTick(2000, false)).toBe('2000');
  });
  it('scales map the ends of the range to the ends of the pixel interval, log or linear', () => {
    const s = scaleOf(1e-14, 10, 300, 20, true);
    expect(s(1e-14)).toBeCloseTo(300, 9);
    expect(s(10)).toBeCloseTo(20, 9);
    expect(s(1e-2)).toBeCloseTo(300 - (12 / 15) * 280, 9);
    expect(scaleOf(0, 10, 0, 100, false)(2.5)).toBe(25);
  });
  it('escapes XML', () => {
    expect(esc('a<b & "c">')).toBe('a&lt;b &amp; &quot;c&quot;&gt;');
  });
  it('a line panel has its title, axis labels, one polyline per series, a legend, and skips non-positive values on a log axis', () => {
    const svg = linePanel({
      x: 0, y: 0, width: 300, height: 200, title: '(a) Muon', xAxis: { label: 'iteration t' }, yAxis: { label: 'error', log: true },
      series: [{ label: 'κ = 10', xs: [0, 1, 2, 3], ys: [1, 0.1, 0, 0.001] }, { label: 'κ = 100 <x>', xs: [0, 1], ys: [1, null] }],
    });
    expect(svg).toContain('(a) Muon');
    expect(svg).toContain('iteration t');
    expect(svg).toContain('κ = 100 &lt;x&gt;');
    // the zero splits the first curve into a 2-point piece (the 1-point tail is not drawn); the second has one point
    expect(svg.match(/<polyline/g)?.length).toBe(1);
    expect(svg).not.toContain('NaN');
  });
  it('heatmap colours are white at 0, red at +1, blue at −1, and clamp', () => {
    expect(divergingColor(0)).toBe('rgb(247,247,247)');
    expect(divergingColor(1)).toBe('rgb(178,24,43)');
    expect(divergingColor(-1)).toBe('rgb(33,102,172)');
    expect(divergingColor(5)).toBe(divergingColor(1));
    const h = heatmap({ x: 0, y: 0, size: 40, title: 't', values: [1, 0, 0, -1], n: 2 });
    expect(h.match(/<rect [^>]*fill="rgb/g)?.length).toBe(2); // zeros are left to the background
  });
  it('labels: scripts as SVG sub/superscripts, TeX commands as symbols, 1e-10 as 10⁻¹⁰ — no literal TeX', () => {
    expect(labelPieces('‖M*‖_F')).toEqual([{ text: '‖M*‖' }, { text: 'F', shift: 'sub' }]);
    expect(labelPieces('O^{d×k}')).toEqual([{ text: 'O' }, { text: 'd×k', shift: 'super' }]);
    expect(labelPieces('λ_max/κ')).toEqual([{ text: 'λ' }, { text: 'max', shift: 'sub' }, { text: '/κ' }]);
    expect(svgText('η_t = 1·0.95^t')).toBe('η<tspan baseline-shift="sub" font-size="72%">t</tspan> = 1·0.95<tspan baseline-shift="super" font-size="72%">t</tspan>');
    expect(svgText('the 1e-10 target, ε = 1.5e-8')).toBe('the 10⁻¹⁰ target, ε = 1.5·10⁻⁸');
    expect(svgText('\\kappa \\le 10')).toBe('κ ≤ 10');
    expect(svgText('a<b & c')).toBe('a&lt;b &amp; c');
    expect(plainText('Σ^{-1} and x_t')).toBe('Σ⁻¹ and xt');
    for (const l of ['I_d ⊗ (∇fᵀ∇f)^{-1/2}', 'cos(P_Muon, P_ScaledGD)', 'O^{d×k}', 'Σ_{i≤r}λ_i']) expect(svgText(l).replace(/<[^>]+>/g, '')).not.toMatch(/[_^]\{|\\[a-z]|[_^]/);
  });

  it('tick labels, axis labels and titles are set at talk size', () => {
    const svg = linePanel({ ...base, series: [{ label: 'κ = 10', xs: t, ys: falling(1) }] });
    const ticks = [...svg.matchAll(/<text class="tick"[^>]*font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ticks.length).toBeGreaterThanOrEqual(6);
    for (const f of ticks) expect(f).toBeGreaterThanOrEqual(14);
    expect(FONT_SIZES.axis).toBeGreaterThanOrEqual(15);
    // the y label: at most the axis size, shrunk to the plot's height but not below 11 px
    const ySize = Number(/font-size="([\d.]+)" text-anchor="middle" fill="#111" transform="rotate\(-90/.exec(svg)![1]);
    expect(ySize).toBeGreaterThanOrEqual(11);
    expect(ySize).toBeLessThanOrEqual(FONT_SIZES.axis);
  });

  it('segment–rectangle intersection and cover counts', () => {
    const r = { x: 10, y: 10, w: 20, h: 10 };
    expect(segmentHitsRect(0, 15, 40, 15, r)).toBe(true);
    expect(segmentHitsRect(0, 0, 40, 5, r)).toBe(false);
    expect(segmentHitsRect(15, 12, 16, 13, r)).toBe(true); // inside
    expect(segmentHitsRect(0, 30, 30, 0, r)).toBe(true); // diagonal through a corner region
    expect(coverCount(r, [[[0, 15], [40, 15]], [[0, 0], [5, 0]]], [[20, 15]], [50])).toBe(2);
  });

  it('the legend goes to the preferred corner when it is free, and elsewhere when a curve passes there — never over a curve', () => {
    const series = [1, 2, 3, 4].map((k, i) => ({ label: `κ = 10${'¹²³⁴'[i]}`, xs: t, ys: falling(k) }));
    const free = parsePanel(linePanel({ ...base, series, legend: 'top-right', legendTitle: 'condition number' }));
    expect(free.legend).toBeDefined();
    expect(free.legend!.x + free.legend!.w).toBeGreaterThan(free.frame.x + free.frame.w - 20); // right
    expect(free.legend!.y).toBeLessThan(free.frame.y + 20); // top
    // the same curves with the legend asked for bottom-right, where they run along the floor: it moves
    const moved = parsePanel(linePanel({ ...base, series, legend: 'bottom-right', legendTitle: 'condition number' }));
    expect(moved.legend!.y).toBeLessThan(moved.frame.y + moved.frame.h / 2);
    for (const p of [free, moved]) for (const pl of p.lines) for (let i = 1; i < pl.length; i++) expect(segmentHitsRect(pl[i - 1]![0], pl[i - 1]![1], pl[i]![0], pl[i]![1], p.legend!)).toBe(false);
  });

  it('with no free place inside: below the plot (the plot shrinks), or left out when optional, or translucent as a last resort', () => {
    // curves through every part of the plot
    const zig = (k: number): number[] => t.map((x, i) => 10 ** (-13 + ((i * 7 + k * 5) % 14)));
    const series = [1, 2, 3].map((k) => ({ label: `k = ${k}`, xs: t, ys: zig(k) }));
    const below = parsePanel(linePanel({ ...base, height: 400, series, legend: 'top-right' }));
    expect(below.legend!.y).toBeGreaterThan(below.frame.y + below.frame.h);
    expect(below.opacity).toBeUndefined();
    expect(parsePanel(linePanel({ ...base, height: 400, series, legendOptional: true })).legend).toBeUndefined();
    const cramped = parsePanel(linePanel({ ...base, height: 160, series }));
    expect(cramped.opacity).toBe('0.6');
    expect(linePanel({ ...base, series, legend: 'none' })).not.toContain('class="legend"');
  });

  it('a reference line keeps its label clear of the curves (and of the legend)', () => {
    const svg = linePanel({ ...base, series: [{ label: 'κ = 10', xs: t, ys: falling(1) }], hlines: [{ y: 1e-10, label: '1e-10' }] });
    // Muon-like curves cross the line's left end: the label moves to the right end
    expect(svg).toMatch(/text-anchor="end" fill="#444"[^>]*paint-order="stroke">10⁻¹⁰</);
  });

  it('a document is one well-formed svg element with a title', () => {
    const doc = svgDocument(100, 50, 'T & t', ['<g></g>']);
    expect(doc.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(doc.trim().endsWith('</svg>')).toBe(true);
    expect(doc).toContain('<title>T &amp; t</title>');
    expect(textBlock(0, 0, ['**Settings', 'U₀ = α·O, O Haar on O^{d×k}'])).toContain('<tspan baseline-shift="super" font-size="72%">d×k</tspan>');
  });
});

describe('reproduce/png', () => {
  it('rasterises the SVG at twice its size, with text, offline', () => {
    const svg = svgDocument(200, 120, 'PNG test', [linePanel({ ...base, width: 200, height: 100, y: 20, series: [{ label: 'a', xs: t, ys: falling(1) }] })]);
    const png = svgToPng(svg);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(400); // IHDR width
    expect(png.readUInt32BE(20)).toBe(240); // IHDR height
    const dir = mkdtempSync(join(tmpdir(), 'muon-png-'));
    writePng(join(dir, 'f.png'), svg, 1);
    expect(readFileSync(join(dir, 'f.png')).readUInt32BE(16)).toBe(200);
  });
});

describe('reproduce/html', () => {
  it('each figure is captioned with links to its SVG, PNG and data, relative to the page that embeds it; assertions with their maths rendered', () => {
    const dir = mkdtempSync(join(tmpdir(), 'muon-figs-'));
    writeFileSync(join(dir, 'fig1.svg'), svgDocument(100, 50, 'Fig. 1', []));
    writeFileSync(join(dir, 'fig1.png'), svgToPng(svgDocument(100, 50, 'Fig. 1', [])));
    writeFileSync(join(dir, 'fig1.json'), JSON.stringify({ elapsedMs: 5, assertions: [{ claim: 'A.Fig1', name: 'Muon ≤ 1e-10 within T = 1000 for every κ', lhs: 1, rhs: 2, holds: true, tolerance: '‖UUᵀ − M*‖_F' }] }));
    const section = figuresSection(dir, 'figures');
    expect(section).toContain('<section id="figures">');
    expect(section).toMatch(/<figure id="fig1"[^>]*>/);
    expect(section).toContain('href="figures/fig1.png"');
    expect(section).toContain('href="figures/fig1.svg"');
    expect(section).toContain('class="katex"');
    expect(section.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, '')).not.toMatch(/[_^]\{|_F/);
    const page = figuresPage(dir);
    expect(page).toContain('href="fig1.png"');
    expect(page).toContain('data:font/woff2;base64,');
  });
});
