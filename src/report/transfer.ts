import { counterexampleFileName, type Report } from './report.ts';
import { escapeXml as e, num } from './format.ts';
import { describeReason } from './reasons.ts';
import type { ReportTransfer, ReportTransferCell } from './schema.ts';
import { richHtml as rich } from '../util/math.ts';
import { witnessHtml } from './witness.ts';

/*
 * The practical-Muon transfer matrix (src/claims/transfer.ts) as the terminal, claims.md, the README and index.html
 * show it: claims × variants, each cell holds (cases, worst slack) / violated (the bound its confirmed counterexample
 * breaks, the file and the replay command) / inconclusive (why) / not applicable (why). The rows are the claims that
 * at least one variant applies to; the others are named in one line. Every rendering says what a failing cell is: a
 * finding about practical Muon, not an erratum of the paper.
 */

export const CELL_MARK: Readonly<Record<ReportTransferCell['status'], string>> = { holds: '✔', violated: '✘', inconclusive: '?', 'not applicable': '–', 'deep only': '…' };

const COLORS: Readonly<Record<ReportTransferCell['status'], string>> = { holds: '#1a7f37', violated: '#cf222e', inconclusive: '#6e7781', 'not applicable': '#d0d7de', 'deep only': '#8c959f' };

/** The worst slack of a cell's float run: the bound and its max lhs/rhs. */
export function cellSlack(c: ReportTransferCell): { bound: string; value: number } | undefined {
  let best: { bound: string; value: number } | undefined;
  for (const s of c.float?.slack ?? []) if (!best || s.max > best.value || (Number.isNaN(s.max) && !Number.isNaN(best.value))) best = { bound: s.bound, value: s.max };
  return best;
}

/** The counterexample a failing cell shows: its shrunk one, else its first failing pinned case. */
export function cellFailure(c: ReportTransferCell): { value: unknown; bounds: readonly { name: string; lhs: number; rhs: number }[]; error?: string; confirmation?: string; pinned?: string } | undefined {
  const ce = c.float?.counterexample;
  if (ce) return { value: ce.value, bounds: ce.failedBounds, ...(ce.error !== undefined ? { error: ce.error } : {}), confirmation: `${ce.confirmation.verdict}${ce.confirmation.note ? ` — ${ce.confirmation.note}` : ''}` };
  const g = c.regressions?.find((x) => x.status === 'violated');
  if (g) return { value: g.value, bounds: g.failedBounds, ...(g.error !== undefined ? { error: g.error } : {}), pinned: g.note };
  return undefined;
}

const cut = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** One cell in words, short: "✔ 60 cases, slack 0.51", "✘ (35)", "? inconclusive", "–"; bound names cut at `max`. */
export function cellShort(c: ReportTransferCell, max = Infinity): string {
  const m = CELL_MARK[c.status];
  switch (c.status) {
    case 'holds': {
      const w = cellSlack(c);
      return `${m} ${c.float?.cases ?? 0} cases${w ? `, slack ${num(w.value)}` : ''}`;
    }
    case 'violated': {
      const f = cellFailure(c);
      return `${m} ${f?.error !== undefined ? 'the check threw' : cut(f?.bounds.map((b) => b.name).join('; ') ?? 'violated', max)}`;
    }
    case 'inconclusive':
      return `${m} inconclusive`;
    case 'not applicable':
      return m;
    case 'deep only':
      return `${m} deep only`;
  }
}

/** The claims any variant applies to, in the report's order, and those no variant applies to. */
export function matrixRows(t: ReportTransfer): { rows: string[]; none: string[] } {
  const ids = [...new Set(t.cells.map((c) => c.claim))];
  const rows = ids.filter((id) => t.cells.some((c) => c.claim === id && c.status !== 'not applicable'));
  return { rows, none: ids.filter((id) => !rows.includes(id)) };
}

/** The claims whose cells run in the deep profile only, with the reason (once per claim). */
export function deepOnlyClaims(t: ReportTransfer): [string, string][] {
  const out = new Map<string, string>();
  for (const c of t.cells) if (c.status === 'deep only' && c.deepOnly !== undefined) out.set(c.claim, c.deepOnly);
  return [...out.entries()];
}

const cellOf = (t: ReportTransfer, claim: string, variant: string): ReportTransferCell | undefined => t.cells.find((c) => c.claim === claim && c.variant === variant);

export function summaryText(t: ReportTransfer): string {
  const s = t.summary;
  return `${s.cells} cells (${t.variants.length} variant${t.variants.length === 1 ? '' : 's'}): ${s.holds} hold, ${s.violated} violated, ${s.inconclusive} inconclusive, ${s.notApplicable} not applicable${s.deepOnly ? `, ${s.deepOnly} deep only` : ''}`;
}

/** The failing and inconclusive cells, one line each, for the terminal (claims.md and index.html show the cases). */
function detailLines(t: ReportTransfer, dir: string): string[] {
  const out: string[] = [];
  for (const c of t.cells) {
    if (c.status === 'violated') {
      const f = cellFailure(c)!;
      const file = `${dir}/counterexamples/${counterexampleFileName(c.claim, f.value, c.variant)}`;
      const first = f.bounds[0];
      out.push(`✘ ${c.claim} × ${c.variant}: ${f.error !== undefined ? 'the check threw' : first ? `${cut(first.name, 40)}: ${num(first.lhs)} > ${num(first.rhs)}${f.bounds.length > 1 ? ` (+${f.bounds.length - 1})` : ''}` : 'violated'} — npx muon-claims replay ${file}`);
    } else if (c.status === 'inconclusive' && c.reason) out.push(`? ${c.claim} × ${c.variant}: ${cut(describeReason(c.reason), 200)}`);
  }
  for (const [claim, why] of deepOnlyClaims(t)) out.push(`… ${claim}: deep only (--profile deep) — ${why}`);
  return out;
}

/** The matrix for the terminal (check's summary). */
export function matrixText(t: ReportTransfer, dir = 'reports'): string {
  const { rows, none } = matrixRows(t);
  const W = 22;
  const widths = t.variants.map((v) => Math.max(v.id.length, ...rows.map((id) => cellShort(cellOf(t, id, v.id) ?? ({ status: 'not applicable' } as ReportTransferCell), W).length)));
  const idw = Math.max(5, ...rows.map((r) => r.length));
  const lines = [
    `practical-Muon transfer matrix — ${summaryText(t)}; cases per cell: ${t.budget}`,
    `  ${'claim'.padEnd(idw)}  ${t.variants.map((v, i) => v.id.padEnd(widths[i]!)).join('  ')}`,
    ...rows.map((id) => `  ${id.padEnd(idw)}  ${t.variants.map((v, i) => cellShort(cellOf(t, id, v.id) ?? ({ status: 'not applicable' } as ReportTransferCell), W).padEnd(widths[i]!)).join('  ')}`),
  ];
  if (none.length) lines.push(`  not applicable to any variant: ${none.join(', ')}`);
  const details = detailLines(t, dir);
  if (details.length) lines.push(...details.map((l) => `  ${l}`));
  if (t.summary.violated > 0) lines.push(`  A violated cell is ${t.meaning}.`);
  return lines.join('\n');
}

const mdEscape = (s: string): string => s.replaceAll('|', '\\|');

/** The matrix as a Markdown table with its legend and the failing cells (claims.md, the README's generated region). */
export function matrixMarkdown(t: ReportTransfer, dir = 'reports', run?: { readonly seed: number; readonly profile: string }): string {
  const { rows, none } = matrixRows(t);
  const out: string[] = [];
  out.push(
    `Every claim whose check calls msign (or Muon) is run under each practical variant${run ? ` (profile ${run.profile}, seed ${run.seed})` : ''}; cases per cell: ${t.budget}. **${summaryText(t)}.** A violated cell is ${t.meaning}.`,
    '',
    `| claim | ${t.variants.map((v) => `${v.id} (${v.precision})`).join(' | ')} |`,
    `|---|${t.variants.map(() => '---').join('|')}|`,
  );
  for (const id of rows) out.push(`| ${id} | ${t.variants.map((v) => mdEscape(cellShort(cellOf(t, id, v.id) ?? ({ status: 'not applicable' } as ReportTransferCell), 40))).join(' | ')} |`);
  out.push('');
  if (none.length) out.push(`Not applicable to any variant (exact mode only, or the check never calls msign): ${none.join(', ')}.`, '');
  for (const [claim, why] of deepOnlyClaims(t)) out.push(`${claim}: deep only (\`--profile deep\`) — ${why}.`, '');
  out.push('Variants:', '', ...t.variants.map((v) => `- **${v.id}** — ${v.title} (${v.what})`), '');
  const failing = t.cells.filter((c) => c.status === 'violated');
  if (failing.length) {
    out.push('Failing cells (each counterexample shrunk, confirmed in the variant’s terms — a bf16 failure by re-running the same bf16 computation, a float64 one with the variant’s Newton–Schulz at higher precision — and holding with the reference msign):', '');
    for (const c of failing) {
      const f = cellFailure(c)!;
      const file = `${dir}/counterexamples/${counterexampleFileName(c.claim, f.value, c.variant)}`;
      out.push(`- **${c.claim} × ${c.variant}**: ${f.error !== undefined ? `the check threw` : mdEscape(f.bounds.map((b) => `${b.name}: ${num(b.lhs)} > ${num(b.rhs)}`).join('; '))} at \`${JSON.stringify(f.value).slice(0, 200)}\` — \`npx muon-claims replay ${file}\``);
    }
    out.push('');
  }
  return out.join('\n');
}

/** The matrix section of index.html. */
export function matrixHtml(r: Report): string {
  const t = r.transfer;
  if (!t) return '';
  const { rows, none } = matrixRows(t);
  const td = (c: ReportTransferCell | undefined): string => {
    if (!c || c.status === 'not applicable') return `<td class="tcell na" title="${e(c?.notApplicable ?? 'not run')}">–</td>`;
    if (c.status === 'deep only') return `<td class="tcell na" title="${e(c.deepOnly ?? '')}">deep only</td>`;
    const files = t.counterexampleFiles[`${c.claim}@${c.variant}`] ?? [];
    const why = c.reason ? describeReason(c.reason) : '';
    const link = files.length ? ` ${files.map((f, i) => `<a href="counterexamples/${e(f)}" title="counterexamples/${e(f)}">${files.length === 1 ? 'file' : i + 1}</a>`).join(' ')}` : '';
    const body = c.status === 'violated' ? rich(cellShort(c)) : e(cellShort(c));
    return `<td class="tcell" style="border-left:4px solid ${COLORS[c.status]}" title="${e(why)}">${body}${link}</td>`;
  };
  const table = `<table class="transfer"><thead><tr><th>claim</th>${t.variants.map((v) => `<th title="${e(v.what)}">${e(v.id)}<br><span class="small">${e(v.precision)}</span></th>`).join('')}</tr></thead><tbody>${rows
    .map((id) => `<tr><td><a href="#claim-${id.replace(/[^A-Za-z0-9]/g, '-')}"><b>${e(id)}</b></a></td>${t.variants.map((v) => td(cellOf(t, id, v.id))).join('')}</tr>`)
    .join('')}</tbody></table>`;
  const failing = t.cells
    .filter((c) => c.status === 'violated')
    .map((c) => {
      const f = cellFailure(c)!;
      const file = `counterexamples/${counterexampleFileName(c.claim, f.value, c.variant)}`;
      const bounds = f.error !== undefined ? `the check threw: ${e(f.error)}` : f.bounds.map((b) => `${rich(b.name)}: ${num(b.lhs)} &gt; ${num(b.rhs)}`).join('; ');
      return `<div class="failure"><p><b>${e(c.claim)} × ${e(c.variant)}</b> — ${bounds}</p><table><tr><th>case</th><td>${witnessHtml(f.value)}</td></tr>${f.confirmation ? `<tr><th>confirmed</th><td class="small">${e(f.confirmation)}</td></tr>` : ''}${f.pinned !== undefined ? `<tr><th>pinned</th><td>${e(f.pinned)}</td></tr>` : ''}<tr><th>file</th><td><a href="${e(file)}">${e(file)}</a></td></tr><tr><th>replay</th><td><code>npx muon-claims replay reports/${e(file)}</code></td></tr></table></div>`;
    })
    .join('\n');
  const inconclusive = t.cells.filter((c) => c.status === 'inconclusive');
  return `<section id="transfer"><h2>Practical Muon: does each guarantee transfer?</h2>
<p>Every claim whose float check calls msign (or Muon) is run under each variant people run in place of the exact msign — ${e(summaryText(t))}. Cases per cell: ${e(t.budget)}. <b>A violated cell is ${e(t.meaning)}.</b></p>
${table}
${none.length ? `<p class="small">Not applicable to any variant (exact mode only, or the check never calls msign): ${e(none.join(', '))}.</p>` : ''}
${deepOnlyClaims(t).map(([claim, why]) => `<p class="small">${e(claim)}: deep only (<code>--profile deep</code>) — ${rich(why)}.</p>`).join('')}
<ul class="small">${t.variants.map((v) => `<li><b>${e(v.id)}</b> — ${rich(v.title)} (${e(v.what)})</li>`).join('')}</ul>
${failing}
${inconclusive.length ? `<p class="small">Inconclusive cells: ${inconclusive.map((c) => `${e(c.claim)} × ${e(c.variant)} (${rich(c.reason ? describeReason(c.reason) : 'no reason')})`).join('; ')}</p>` : ''}
</section>`;
}
