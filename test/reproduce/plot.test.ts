import { describe, expect, it } from 'vitest';
import { divergingColor, esc, fmtTick, heatmap, linePanel, linearTicks, logTicks, scaleOf, svgDocument } from '../../src/reproduce/plot.ts';

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
  it('a document is one well-formed svg element with a title', () => {
    const doc = svgDocument(100, 50, 'T & t', ['<g></g>']);
    expect(doc.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(doc.trim().endsWith('</svg>')).toBe(true);
    expect(doc).toContain('<title>T &amp; t</title>');
  });
});
