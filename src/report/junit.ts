import type { Report } from './report.ts';
import { escapeXml as x, num } from './format.ts';
import { describeReason } from './reasons.ts';
import type { ReportClaim } from './schema.ts';

/**
 * reports/junit.xml — every verdict of the report as a JUnit test case, so that a CI that reads only JUnit sees what
 * claims.json says:
 *  - a testsuite per claim, with tests, failures, errors, skipped, time and timestamp;
 *  - a testcase per mode: a violation that is not a recorded erratum is a <failure type="violation"> (a check that
 *    threw is an <error type="check-threw">); an inconclusive mode is <skipped>; a known erratum is <skipped> with
 *    type-like message "known erratum …" and the verdict in a property, so that it is neither lost nor red;
 *  - a testcase per pinned regression (fixtures/regressions): one that fails unexpectedly, or a pinned counterexample
 *    that no longer fails, is a <failure type="pinned-regression">; an erratum's witness that fails as pinned is
 *    <skipped> "known erratum";
 *  - a testcase per erratum the run matched, naming its witness;
 *  - a testcase per necessity probe: not found is a <failure type="probe-not-found">.
 */

interface Case {
  readonly name: string;
  readonly time: number;
  readonly verdict: string;
  readonly failure?: { readonly type: string; readonly message: string; readonly body?: string };
  readonly error?: { readonly type: string; readonly message: string };
  readonly skipped?: string;
  readonly out?: string;
}

const secs = (ms: number): string => (ms / 1000).toFixed(3);

function casesOf(c: ReportClaim): Case[] {
  const out: Case[] = [];
  for (const m of c.modes) {
    const name = `${c.id} [${m.mode}]`;
    const why = describeReason(m.reason);
    const base = { name, time: m.timeMs, verdict: m.verdict };
    if (m.verdict === 'violated') {
      const ce = m.counterexample;
      if (ce?.error !== undefined) out.push({ ...base, error: { type: 'check-threw', message: why } });
      else out.push({ ...base, failure: { type: 'violation', message: why, body: JSON.stringify(ce?.value ?? null) } });
    } else if (m.verdict === 'violated (known erratum)') out.push({ ...base, skipped: `known erratum ${m.counterexample?.erratum ?? ''}: ${why}` });
    else if (m.verdict === 'inconclusive') out.push({ ...base, skipped: `inconclusive: ${why}` });
    else out.push({ ...base, out: `${m.cases} cases; slack ${m.slack.map((s) => `${s.bound} ${num(s.max)}`).join(', ')}` });
  }
  for (const g of c.regressions) {
    const name = `${c.id} pinned "${g.note}" (${g.mode})`;
    const base = { name, time: 0, verdict: g.status };
    const bounds = g.error ?? g.failedBounds.map((b) => `${b.name}: ${num(b.lhs)} > ${num(b.rhs)}`).join('; ');
    if (g.status === 'violated' && g.erratum) out.push({ ...base, skipped: `known erratum ${g.erratum}: the pinned witness fails as recorded (${bounds})` });
    else if (g.status === 'violated') out.push({ ...base, failure: { type: 'pinned-regression', message: `pinned case fails: ${bounds}`, body: JSON.stringify(g.value) } });
    else if (g.expect === 'violated') out.push({ ...base, failure: { type: 'pinned-regression', message: `pinned counterexample no longer fails (${g.status})`, body: JSON.stringify(g.value) } });
    else if (g.status === 'inconclusive') out.push({ ...base, skipped: 'pinned case inconclusive' });
    else out.push({ ...base, out: 'holds as pinned' });
  }
  const errata = new Map<string, unknown>();
  for (const m of c.modes) if (m.counterexample?.erratum) errata.set(m.counterexample.erratum, m.counterexample.value);
  for (const g of c.regressions) if (g.erratum && !errata.has(g.erratum)) errata.set(g.erratum, g.value);
  for (const [id, witness] of errata) out.push({ name: `${c.id} erratum ${id}`, time: 0, verdict: 'violated (known erratum)', skipped: `known erratum ${id}; witness ${JSON.stringify(witness)}` });
  for (const p of c.probes) {
    const name = `${c.id} probe ${p.id}`;
    if (p.found) out.push({ name, time: p.timeMs, verdict: 'found', out: p.summary });
    else out.push({ name, time: p.timeMs, verdict: 'not found', failure: { type: 'probe-not-found', message: `necessity probe found no counterexample: ${p.summary}` } });
  }
  return out;
}

function caseXml(classname: string, k: Case): string {
  const head = `    <testcase classname="${x(classname)}" name="${x(k.name)}" time="${secs(k.time)}">`;
  const props = `<properties><property name="verdict" value="${x(k.verdict)}"/></properties>`;
  const inner = k.failure
    ? `<failure type="${x(k.failure.type)}" message="${x(k.failure.message)}">${x(k.failure.body ?? '')}</failure>`
    : k.error
      ? `<error type="${x(k.error.type)}" message="${x(k.error.message)}"/>`
      : k.skipped !== undefined
        ? `<skipped message="${x(k.skipped)}"/>`
        : `<system-out>${x(k.out ?? '')}</system-out>`;
  return `${head}${props}${inner}</testcase>`;
}

export function renderJunit(r: Report): string {
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
  const suites = r.claims.map((c) => {
    const cases = casesOf(c);
    const t = {
      tests: cases.length,
      failures: cases.filter((k) => k.failure).length,
      errors: cases.filter((k) => k.error).length,
      skipped: cases.filter((k) => k.skipped !== undefined).length,
      time: c.timeMs,
    };
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += t[key];
    const attrs = `name="${x(`${c.id} — ${c.title}`)}" tests="${t.tests}" failures="${t.failures}" errors="${t.errors}" skipped="${t.skipped}" time="${secs(t.time)}" timestamp="${x(r.timing.startedAt)}"`;
    return `  <testsuite ${attrs}>\n    <properties><property name="verdict" value="${x(c.verdict)}"/><property name="provenance" value="${x(c.provenance)}"/><property name="seed" value="${c.seed}"/><property name="profile" value="${c.profile}"/></properties>\n${cases.map((k) => caseXml(c.id, k)).join('\n')}\n  </testsuite>`;
  });
  const incomplete = r.complete ? '' : `  <!-- INCOMPLETE: ${x(r.incomplete ?? '').replaceAll('--', '—')} -->\n`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="muon-claims" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${secs(totals.time)}" timestamp="${x(r.timing.startedAt)}">\n${incomplete}${suites.join('\n')}\n</testsuites>\n`;
}
