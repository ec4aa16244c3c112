import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import L2 from '../../src/claims/catalogue/A.L2.ts';
import { runClaim } from '../../src/claims/engine.ts';
import { projectErrata, projectRegressions } from '../../src/claims/fixtures.ts';
import { claims } from '../../src/claims/registry.ts';
import { scheduleWithoutDecay } from '../../src/impl/plants.ts';
import { figuresNav, renderHtml } from '../../src/report/html.ts';
import { buildReport, counterexampleFileName } from '../../src/report/report.ts';
import { figuresSection } from '../../src/reproduce/html.ts';
import { linePanel, svgDocument } from '../../src/reproduce/plot.ts';

/*
 * index.html's content: the erratum and its witness in the claim's row, the counterexample column naming the failing
 * bound, cases as key = value, maths rendered (no literal TeX in what a reader sees), the figures linked at the top.
 * The same page in a real browser: test/report/browser.test.ts.
 */

function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<details class="json">[\s\S]*?<\/details>/g, '')
    .replace(/<title>[\s\S]*?<\/title>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const rowOf = (html: string, id: string): string => new RegExp(`<tr class="claim-row" data-claim="${id.replace('.', '\\.')}">[\\s\\S]*?</tr>`).exec(html)![0];

describe('the HTML report', () => {
  const T1a = claims.find((c) => c.id === 'A.T1a')!;
  const l2 = runClaim(L2, { profile: 'quick', numRuns: 6, impl: scheduleWithoutDecay.impl, probes: false });
  const t1a = runClaim(T1a, { profile: 'quick', numRuns: 3, probes: false, errata: projectErrata(), regressions: projectRegressions('A.T1a') });
  const report = buildReport([l2, t1a], { profile: 'quick', seed: l2.seed, modes: ['float', 'exact'], frontEnd: 'cli' }, new Date(0));
  const html = renderHtml(report);

  it('the known erratum, its failing bound and its witness (as key = value) are in the claim’s row', () => {
    expect(t1a.verdict).toBe('violated (known erratum)');
    const row = rowOf(html, 'A.T1a');
    expect(row).toContain('Known erratum');
    expect(row).toContain('A.T1a-alpha-boundary');
    expect(row).toMatch(/class="witness"/);
    expect(visibleText(row)).toContain('(7)'); // the bound, by its equation number
    expect(row).toMatch(/title="kappa"/);
  });

  it('the counterexample column names the failing bound and the mode, and links each file', () => {
    const row = rowOf(html, 'A.L2');
    const ce = report.claims[0]!.modes.find((m) => m.counterexample)!.counterexample!;
    const cell = /<ul class="ces">[\s\S]*?<\/ul>/.exec(row)![0];
    expect(visibleText(cell)).toMatch(/\(35\)|\(28a\)|\(28b\)/);
    expect(visibleText(cell)).toMatch(/\[(float|exact)\]/);
    expect(cell).toContain(`href="counterexamples/${counterexampleFileName('A.L2', ce.value)}"`);
  });

  it('failure blocks show the case as key = value with the exact JSON folded beside it', () => {
    const block = /<div class="failure">[\s\S]*?<\/div>/.exec(html)![0];
    expect(block).toMatch(/<th>case<\/th><td><span class="witness">/);
    expect(block).toMatch(/<details class="json"><summary>exact JSON<\/summary><code>\{/);
    expect(visibleText(block)).not.toMatch(/\d\.\d{9,}/); // no 17-digit numbers outside the folded JSON
  });

  it('statements and bound names are rendered by KaTeX, with no literal TeX left for the reader', () => {
    expect(html.match(/class="katex"/g)!.length).toBeGreaterThan(50);
    expect(html).toMatch(/<blockquote class="statement">[^]*?class="katex"/);
    const text = visibleText(html);
    expect(text).not.toMatch(/[_^]\{|\\frac|\\[a-z]{2,}\{|\$/);
    expect(text).not.toMatch(/δ_\{t\+1\}|σ_t|η_t/);
    expect(html).toContain('data:font/woff2;base64,'); // the fonts travel with the page
    expect(html).not.toMatch(/url\(fonts\/|https?:\/\/(?!www\.w3\.org)/); // nothing to fetch
  });

  it('with the reproductions on the page, the top links to them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'muon-html-figs-'));
    const svg = svgDocument(420, 300, 'Fig. 1 (reproduced)', [linePanel({ x: 0, y: 30, width: 420, height: 260, title: '(a) Muon', xAxis: { label: 'iteration t' }, yAxis: { label: '‖UUᵀ − M*‖_F', log: true }, series: [{ label: 'κ = 10', xs: [0, 1, 2], ys: [1, 1e-3, 1e-9] }] })]);
    writeFileSync(join(dir, 'fig1.svg'), svg);
    writeFileSync(join(dir, 'fig1.json'), JSON.stringify({ elapsedMs: 1, assertions: [] }));
    const page = renderHtml(report, figuresSection(dir, 'figures'));
    const nav = figuresNav(figuresSection(dir, 'figures'));
    expect(nav).toContain('href="#figures"');
    expect(nav).toContain('href="#fig1"');
    expect(page.indexOf('class="figlinks"')).toBeGreaterThan(0);
    expect(page.indexOf('class="figlinks"')).toBeLessThan(page.indexOf('<table class="verdicts"'));
    expect(renderHtml(report)).not.toContain('class="figlinks"');
  });
});
