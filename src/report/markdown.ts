import { counterexampleFileName, type Report } from './report.ts';
import { casesText, exactnessText, num, probesText, worstSlack } from './format.ts';
import { describeReason } from './reasons.ts';
import { matrixMarkdown } from './transfer.ts';

/** reports/claims.md: the verdict table and, per claim, slack, coverage, probes and counterexamples. */
export function renderMarkdown(r: Report): string {
  const s = r.summary;
  const out: string[] = [];
  out.push(`# muon-claims report${r.complete ? '' : ' (INCOMPLETE)'}`, '');
  if (!r.complete) out.push(`> **Incomplete:** ${r.incomplete}`, '');
  out.push(
    `Profile **${r.run.profile}**, seed ${r.run.seed}, modes ${r.run.modes.join(' + ')}${r.run.shard ? `, shard ${r.run.shard.index}/${r.run.shard.count}` : ''}; muon-claims ${r.tool.version}, Node ${r.node}, ${Object.entries(r.dependencies).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '',
    `**${s.claims} claims: ${s.holds} hold, ${s.violated} violated, ${s.knownErrata} known errata, ${s.inconclusive} inconclusive; necessity probes ${s.probesFound}/${s.probes} found their counterexample.**`,
    '',
    '| claim | provenance | verdict | cases | worst slack (LHS/RHS) | probes |',
    '|---|---|---|---|---|---|',
  );
  for (const c of r.claims) {
    const w = worstSlack(c);
    out.push(`| ${c.id} | ${c.provenance} | ${c.verdict} | ${casesText(c)} | ${w ? `${num(w.value)} (${w.bound}, ${w.mode})` : '—'} | ${probesText(c)} |`);
  }
  out.push('', 'Slack is the largest observed LHS/RHS of each bound over all cases: 1 means tight, above 1 only on a violating case.', '');
  if (r.transfer) out.push('## Practical Muon: the transfer matrix', '', matrixMarkdown(r.transfer, 'reports', r.run), '');
  for (const c of r.claims) {
    out.push(`## ${c.id} — ${c.title}`, '');
    out.push(`*${c.provenance}* · paper ${c.source.paper}, ${c.source.where}${c.source.equations.length ? ` · ${c.source.equations.join(', ')}` : ''}`, '');
    out.push(`**${c.verdict}** — ${describeReason(c.reason)}`, '');
    out.push(`> ${c.statement}`, '');
    out.push('Hypotheses: ' + c.hypotheses.map((h) => `${h.text}${h.necessary ? ' (necessary)' : ''}`).join('; '), '');
    for (const m of c.modes) {
      out.push(`- **${m.mode}**: ${m.verdict}, ${m.cases} cases${m.interrupted ? ` (cut short, ${m.requestedCases} requested)` : ''}${m.inconclusiveCases ? `, ${m.inconclusiveCases} inconclusive` : ''}${m.skipped ? `, ${m.skipped} outside the hypotheses (skipped: ${m.firstSkipped?.reason})` : ''}. ${exactnessText(m)}`);
      for (const sl of m.slack) out.push(`  - slack ${sl.bound}: ${num(sl.max)} (LHS ${num(sl.lhs)}, RHS ${num(sl.rhs)})${sl.tolerance ? ` — float tolerance: ${sl.tolerance}` : ''}`);
      if (m.binomial) {
        const b = m.binomial;
        out.push(`  - binomial test: ${b.failures} failures in ${b.n} runs, H0 "failure rate ≤ ${b.bound}", p = ${num(b.pValue)}, α = ${b.alpha}: ${b.rejected ? 'rejected' : `not rejected (${b.criticalFailures} failures would reject)`}`);
      }
      if (Object.keys(m.branches).length) out.push(`  - proof branches: ${Object.entries(m.branches).map(([k, v]) => `${k} ×${v}`).join(', ')}`);
      for (const [axis, bins] of Object.entries(m.bins)) out.push(`  - ${axis}: ${Object.entries(bins).map(([k, v]) => `${k} ×${v}`).join(', ')}`);
      if (m.counterexample) {
        const ce = m.counterexample;
        const file = counterexampleFileName(c.id, ce.value);
        out.push(`  - counterexample (${ce.confirmation.verdict}${ce.erratum ? `, erratum ${ce.erratum}` : ''}): \`${JSON.stringify(ce.value).slice(0, 300)}\` — replay: \`npx muon-claims replay reports/counterexamples/${file}\``);
      }
    }
    const un = [...Object.entries(c.unreached.bins).map(([a, b]) => `${a}: ${b.join(', ')}`), ...(c.unreached.branches.length ? [`branches: ${c.unreached.branches.join(', ')}`] : [])];
    if (un.length) out.push(`- never reached: ${un.join('; ')}`);
    for (const p of c.probes) out.push(`- probe **${p.id}** (${p.drops}): ${p.found ? 'found' : 'NOT found'} — ${p.summary}`);
    for (const g of c.regressions) out.push(`- pinned "${g.note}" (${g.mode}): ${g.status}${g.erratum ? ` (erratum ${g.erratum})` : ''}`);
    out.push('');
  }
  return out.join('\n');
}
