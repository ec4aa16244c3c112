import { describe, expect, it } from 'vitest';
import L2 from '../../src/claims/catalogue/A.L2.ts';
import { runClaim } from '../../src/claims/engine.ts';
import { scheduleWithoutDecay } from '../../src/impl/plants.ts';
import { renderJunit } from '../../src/report/junit.ts';
import { failureBlocks, renderFailureText } from '../../src/report/failure.ts';
import { escapeXml } from '../../src/report/format.ts';
import { renderHtml } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { buildReport, counterexampleFile, counterexampleFileName, withoutTiming } from '../../src/report/report.ts';

/** The report of a violated claim (A.L2 under a planted bug): counterexample file, Markdown and JUnit say so. */
describe('reports of a violation', () => {
  const result = runClaim(L2, { profile: 'quick', impl: scheduleWithoutDecay.impl, probes: false });
  const report = buildReport([result], { profile: 'quick', seed: result.seed, modes: ['float', 'exact'], frontEnd: 'cli' }, new Date(0));

  it('the counterexample file has the shrunk values, seed and path, both verdicts, the trajectory window and the replay command', () => {
    expect(result.verdict).toBe('violated');
    const claim = report.claims[0]!;
    const m = claim.modes.find((x) => x.counterexample)!;
    const name = counterexampleFileName('A.L2', m.counterexample!.value);
    expect(report.counterexampleFiles['A.L2']).toContain(name);
    const f = counterexampleFile(claim, m.counterexample!, name, 'reports');
    expect(f.schema).toBe('muon-claims/counterexample');
    expect(f.value).toEqual(m.counterexample!.value);
    expect(typeof f.seed).toBe('number');
    expect(f.verdicts[m.mode]).toBe('violated');
    const trace = f.trace as { from: number; sigma: string[]; eta: string[] };
    expect(trace.sigma.length).toBeGreaterThan(1);
    expect(trace.eta.length).toBe(trace.sigma.length - 1);
    expect(f.replay).toBe(`npx muon-claims replay reports/counterexamples/${name}`);
  });

  it('Markdown and JUnit carry the verdict; JUnit marks the violation as a failure', () => {
    expect(renderMarkdown(report)).toMatch(/\| A\.L2 \| reconstructed \| violated \|/);
    const xml = renderJunit(report);
    expect(xml).toMatch(/<failure type="violation" message=/);
    expect(xml).toMatch(/failures="[1-9]/);
  });

  it('the failure block (shrunk case, failing bound with its lhs and rhs, verdicts, file, replay) is the same in the terminal/vitest text and in the HTML', () => {
    const blocks = failureBlocks(report.claims[0]!, 'reports');
    expect(blocks.length).toBeGreaterThan(0);
    const text = renderFailureText(blocks);
    const ce = report.claims[0]!.modes.find((m) => m.counterexample)!.counterexample!;
    expect(text).toContain(JSON.stringify(ce.value));
    expect(text).toMatch(/bound: +\(.*\): lhs [\d.e+-]+ > rhs [\d.e+-]+/);
    expect(text).toMatch(/verdicts: +(exact: violated|float: violated; exact re-check)/);
    expect(text).toContain(`replay:   npx muon-claims replay reports/counterexamples/${counterexampleFileName('A.L2', ce.value)}`);
    const html = renderHtml(report);
    expect(html).toContain('class="failure"');
    expect(html).toContain(escapeXml(JSON.stringify(ce.value)));
  });

  it('withoutTiming drops exactly the wall-clock fields', () => {
    const t = withoutTiming(report) as Record<string, unknown>;
    expect(t.timing).toBeUndefined();
    expect(JSON.stringify(t)).not.toMatch(/"timeMs"/);
    expect(t.summary).toEqual(report.summary);
  });
});
