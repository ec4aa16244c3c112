import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runClaim } from '../../src/claims/engine.ts';
import { projectErrata, projectRegressions } from '../../src/claims/fixtures.ts';
import { claims } from '../../src/claims/registry.ts';
import { scheduleWithoutDecay } from '../../src/impl/plants.ts';
import { buildReport } from '../../src/report/report.ts';
import { REPORTS_DIR } from '../../src/report/vitest-results.ts';
import { writeReports } from '../../src/report/write.ts';
import { linePanel, svgDocument, textBlock } from '../../src/reproduce/plot.ts';
import { writePng } from '../../src/reproduce/png.ts';

/*
 * index.html in a real browser: Debian's chromium driven by playwright-core. The report is made here from a small run
 * of every claim, with A.L2 run on the planted bug scheduleWithoutDecay (src/impl/plants.ts) so that the page has a
 * violated claim and its failure blocks, A.T1a with its known erratum, and a figure beside it (drawn here with
 * src/reproduce/plot.ts, labels in the catalogue's notation). It goes to reports/browser/ — its own folder, so that the
 * planted bug never stands in the project's reports/ — with screenshots for a person to look at:
 *   reports/browser/index.png       the top of the page: the figures link, the counts, the verdict table
 *   reports/browser/claim.png       A.L2's section: statement with maths, slack per bound, failure blocks
 *   reports/browser/failure.png     one failure block: the case as key = value, the failing bound, the replay command
 *   reports/browser/erratum.png     A.T1a's row: the erratum, its bound and witness
 *   reports/browser/figures.png     the figures section
 *   reports/browser/index-full.png  the whole page
 * Checked: every claim row renders, no console error, no request leaves the page (KaTeX's fonts are inlined), the
 * maths is rendered by KaTeX in its own fonts, and no literal TeX ($, \frac, ^{, _{, \command) is left in the text.
 * .ci/run installs chromium; elsewhere the test is skipped when /usr/bin/chromium is missing (and says so).
 */

const CHROMIUM = '/usr/bin/chromium';
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const OUT = join(REPORTS_DIR, 'browser');

/** A small figure in the figures folder of the report (SVG, PNG and JSON, as `reproduce` writes them). */
function writeFigure(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const t = Array.from({ length: 200 }, (_, i) => i * 15);
  const series = [10, 100, 1000].map((k, i) => ({ label: `κ = ${k}`, xs: t, ys: t.map((x) => Math.max(1e-12 * (i + 1), 10 ** (1 - x / (60 * (i + 1))))) }));
  const svg = svgDocument(760, 380, 'Fig. 1 (reproduced) — test figure', [
    linePanel({ x: 10, y: 40, width: 380, height: 320, title: '(a) Muon, η_t = Cρ^t', xAxis: { label: 'iteration t', min: 0, max: 3000 }, yAxis: { label: '‖UUᵀ − M*‖_F / ‖M*‖_F', log: true, min: 1e-14, max: 10 }, series, hlines: [{ y: 1e-10, label: '1e-10' }], legendTitle: 'condition number' }),
    textBlock(410, 80, ['**Settings', 'U₀ = α·O, O Haar on O^{d×k}, α = 1e-3', 'λ geometric in [λ_max/κ, λ_max]'], 13, 19),
  ]);
  writeFileSync(join(dir, 'fig1.svg'), svg);
  writePng(join(dir, 'fig1.png'), svg);
  writeFileSync(join(dir, 'fig1.json'), JSON.stringify({ elapsedMs: 1000, assertions: [{ claim: 'A.Fig1', name: 'Muon ≤ 1e-10 within T = 1000 for every κ', lhs: 600, rhs: 1000, holds: true, tolerance: 'iterations to ‖UUᵀ − M*‖_F/‖M*‖_F ≤ 1e-10' }] }));
}

describe('the HTML report in headless Chromium', () => {
  it.skipIf(!existsSync(CHROMIUM) && !inCi)('renders every claim row, the maths, a failure block, an erratum and the figures, offline and without literal TeX', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: .ci/run installs it with apt-get`).toBe(true);
    const started = new Date();
    // A few cases per mode and no probes: the page's structure is what is tested here, and this keeps it to seconds.
    const results = claims.map((c) =>
      runClaim(c, { profile: 'quick', numRuns: 4, probes: false, errata: projectErrata(), regressions: projectRegressions(c.id), ...(c.id === 'A.L2' ? { impl: scheduleWithoutDecay.impl } : {}) }),
    );
    expect(results.find((r) => r.id === 'A.L2')!.verdict).toBe('violated');
    const report = buildReport(results, { profile: 'quick', seed: results[0]!.seed, modes: ['float', 'exact'], frontEnd: 'vitest' }, started);
    rmSync(OUT, { recursive: true, force: true });
    writeFigure(join(OUT, 'figures'));
    writeReports(OUT, report);

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
      page.on('request', (r) => {
        if (!/^(file|data):/.test(r.url())) problems.push(`request leaves the page: ${r.url()}`);
      });
      await page.goto(pathToFileURL(join(OUT, 'index.html')).href);
      await page.evaluate(() => document.fonts.ready);

      // every claim row
      const rows = page.locator('tr.claim-row');
      expect(await rows.count()).toBe(claims.length);
      for (const c of claims) {
        const row = page.locator(`tr.claim-row[data-claim="${c.id}"]`);
        await expect.poll(() => row.isVisible()).toBe(true);
        const text = await row.innerText();
        expect(text).toContain(c.id);
        expect(text).toMatch(/holds|violated|inconclusive/);
      }

      // the figures, linked from the top
      const nav = page.locator('nav.figlinks');
      expect(await nav.isVisible()).toBe(true);
      expect(await nav.locator('a[href="#figures"]').count()).toBe(1);
      expect(await nav.locator('a[href="#fig1"]').count()).toBe(1);
      expect(await page.locator('#fig1 svg').isVisible()).toBe(true);
      expect(await page.locator('#fig1 a[href="figures/fig1.png"]').count()).toBe(1);

      // the erratum and its witness in the claim's row; the failing bound in the counterexample column
      const t1a = page.locator('tr.claim-row[data-claim="A.T1a"]');
      expect(await t1a.locator('.erratum').innerText()).toMatch(/Known erratum[\s\S]*A\.T1a-alpha-boundary[\s\S]*fails at/);
      expect(await t1a.locator('.erratum .witness .katex').count()).toBeGreaterThan(5);
      expect(await page.locator('tr.claim-row[data-claim="A.L2"] ul.ces').innerText()).toMatch(/\((35|28a|28b)\)[\s\S]*\[(float|exact)\]/);

      // a failure block with the case as key = value
      const failure = page.locator('#claim-A-L2 .failure').first();
      expect(await failure.isVisible()).toBe(true);
      expect(await failure.locator('.witness .kv').count()).toBeGreaterThan(3);
      expect(await failure.innerText()).toMatch(/replay\s+npx muon-claims replay /);

      // the maths: KaTeX's HTML, laid out, in KaTeX's own fonts (inlined, loaded without a request)
      const mathCount = await page.locator('.katex').count();
      expect(mathCount).toBeGreaterThan(200);
      const sizes = await page.locator('blockquote.statement .katex').evaluateAll((els) => els.slice(0, 40).map((el) => el.getBoundingClientRect().width));
      expect(sizes.length).toBeGreaterThan(20);
      for (const w of sizes) expect(w).toBeGreaterThan(0);
      const fonts = await page.evaluate(() => [...document.fonts].filter((f) => f.family.replace(/"/g, '').startsWith('KaTeX_') && f.status === 'loaded').map((f) => f.family.replace(/"/g, '')));
      expect(fonts).toContain('KaTeX_Main');
      expect(fonts).toContain('KaTeX_Math');
      expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Math'))).toBe(true);

      // no literal TeX anywhere a reader looks
      const text = await page.locator('body').innerText();
      for (const tex of [/\$/, /\\frac/, /\^\{/, /_\{/, /\\[a-zA-Z]{2,}/]) expect(text, `literal TeX ${tex}`).not.toMatch(tex);
      const svgText = await page.locator('#figures svg').first().evaluate((el) => el.textContent ?? '');
      expect(svgText).not.toMatch(/[_^]\{|\\[a-z]/);

      await page.screenshot({ path: join(OUT, 'index.png') });
      await page.locator('#claim-A-L2').screenshot({ path: join(OUT, 'claim.png') });
      await failure.screenshot({ path: join(OUT, 'failure.png') });
      await t1a.screenshot({ path: join(OUT, 'erratum.png') });
      await page.locator('#figures').screenshot({ path: join(OUT, 'figures.png') });
      await page.screenshot({ path: join(OUT, 'index-full.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 240_000);
});
