import type { Report } from './report.ts';
import { escapeXml as x, num } from './format.ts';
import { describeReason } from './reasons.ts';

/**
 * reports/junit.xml: a testsuite per claim, a testcase per mode and per necessity probe. A violation that is not a
 * recorded erratum is a <failure>; an inconclusive mode is <skipped> with its reason; a known erratum passes with a
 * note in <system-out>.
 */
export function renderJunit(r: Report): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const c of r.claims) {
    const cases: string[] = [];
    for (const m of c.modes) {
      tests++;
      const name = x(`${c.id} [${m.mode}]`);
      const time = (m.timeMs / 1000).toFixed(3);
      if (m.verdict === 'violated') {
        failures++;
        cases.push(`    <testcase classname="${x(c.id)}" name="${name}" time="${time}"><failure message="${x(describeReason(m.reason))}">${x(JSON.stringify(m.counterexample?.value ?? null))}</failure></testcase>`);
      } else if (m.verdict === 'inconclusive') {
        skipped++;
        cases.push(`    <testcase classname="${x(c.id)}" name="${name}" time="${time}"><skipped message="${x(`inconclusive: ${describeReason(m.reason)}`)}"/></testcase>`);
      } else {
        const note = m.verdict === 'violated (known erratum)' ? `known erratum: ${describeReason(m.reason)}` : `${m.cases} cases; slack ${m.slack.map((s) => `${s.bound} ${num(s.max)}`).join(', ')}`;
        cases.push(`    <testcase classname="${x(c.id)}" name="${name}" time="${time}"><system-out>${x(note)}</system-out></testcase>`);
      }
    }
    for (const p of c.probes) {
      tests++;
      const name = x(`${c.id} probe ${p.id}`);
      if (p.found) cases.push(`    <testcase classname="${x(c.id)}" name="${name}" time="${(p.timeMs / 1000).toFixed(3)}"><system-out>${x(p.summary)}</system-out></testcase>`);
      else {
        failures++;
        cases.push(`    <testcase classname="${x(c.id)}" name="${name}" time="${(p.timeMs / 1000).toFixed(3)}"><failure message="${x(`necessity probe found no counterexample: ${p.summary}`)}"/></testcase>`);
      }
    }
    suites.push(`  <testsuite name="${x(`${c.id} — ${c.title}`)}" tests="${c.modes.length + c.probes.length}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="muon-claims" tests="${tests}" failures="${failures}" skipped="${skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}
