import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runClaim } from '../../src/claims/engine.ts';
import { projectErrata, projectRegressions } from '../../src/claims/fixtures.ts';
import { claims } from '../../src/claims/registry.ts';
import { buildReport } from '../../src/report/report.ts';
import { REPORTS_DIR } from '../../src/report/vitest-results.ts';
import { writeReports } from '../../src/report/write.ts';

/*
 * reports/index.html in a real browser: Debian's chromium driven by playwright-core. Every claim row must render,
 * the page must log no console error, and a screenshot goes to reports/index.png for a person to look at.
 * The report is made here from a small run of every claim (the full run's report is written after all tests).
 * .ci/run installs chromium; elsewhere the test is skipped when /usr/bin/chromium is missing (and says so).
 */

const CHROMIUM = '/usr/bin/chromium';
const inCi = process.env.CI === 'true' || process.env.CI === '1';

describe('the HTML report in headless Chromium', () => {
  it.skipIf(!existsSync(CHROMIUM) && !inCi)('renders every claim row without a console error', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: .ci/run installs it with apt-get`).toBe(true);
    const started = new Date();
    // A few cases per mode and no probes: the page's structure is what is tested here, and this keeps it to seconds.
    const results = claims.map((c) => runClaim(c, { profile: 'quick', numRuns: 4, probes: false, errata: projectErrata(), regressions: projectRegressions(c.id) }));
    const report = buildReport(results, { profile: 'quick', seed: results[0]!.seed, modes: ['float', 'exact'], frontEnd: 'vitest' }, started);
    writeReports(REPORTS_DIR.replace(/\/$/, ''), report);

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
      await page.goto(pathToFileURL(join(REPORTS_DIR, 'index.html')).href);
      const rows = page.locator('tr.claim-row');
      expect(await rows.count()).toBe(claims.length);
      for (const c of claims) {
        const row = page.locator(`tr.claim-row[data-claim="${c.id}"]`);
        await expect.poll(() => row.isVisible()).toBe(true);
        const text = await row.innerText();
        expect(text).toContain(c.id);
        expect(text).toMatch(/holds|violated|inconclusive/);
      }
      await page.screenshot({ path: join(REPORTS_DIR, 'index.png') });
      await page.screenshot({ path: join(REPORTS_DIR, 'index-full.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
