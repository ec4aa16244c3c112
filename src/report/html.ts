import type { ReportClaim as ClaimResult } from './schema.ts';
import type { Verdict } from '../claims/types.ts';
import { counterexampleFileName, counterexamplesOf, type Report } from './report.ts';
import { casesText, escapeXml as e, exactnessText, num, probesText, worstSlack } from './format.ts';
import { describeReason } from './reasons.ts';
import { failureBlocks, type FailureBlock } from './failure.ts';
import { katexStyle, richHtml as rich } from '../util/math.ts';
import { witnessHtml } from './witness.ts';
import { plainText, svgText } from '../reproduce/plot.ts';
import { matrixHtml } from './transfer.ts';

/*
 * reports/index.html: one self-contained page (inline CSS and SVG, no script, no network) that a researcher reads
 * in ten seconds: a link to the reproduced figures when they are on the page, the verdict counts, the verdict table
 * with each claim's worst slack as a bar on a log scale, its known erratum and the erratum's witness, and its
 * counterexample files named by the bound they break; then per claim its statement, slack per bound, how its cases
 * covered the hypothesis space and which regions were never reached, its necessity probes and its failure blocks.
 * The mathematics of statements, titles, bounds and reasons is rendered by KaTeX (src/report/math.ts) with its CSS
 * and fonts inlined; cases are shown as `key = value` (src/report/witness.ts), the exact JSON folded beside them.
 */

const COLORS: Record<Verdict, string> = {
  holds: '#1a7f37',
  violated: '#cf222e',
  'violated (known erratum)': '#9a6700',
  inconclusive: '#6e7781',
};

const anchor = (id: string): string => `claim-${id.replace(/[^A-Za-z0-9]/g, '-')}`;

function badge(v: Verdict): string {
  return `<span class="badge" style="background:${COLORS[v]}">${e(v)}</span>`;
}

/** Slack on a log axis from 1e-6 to 10, with the tight line at 1. */
function slackBar(value: number | undefined, width = 160): string {
  const h = 14;
  const lo = -6;
  const hi = 1;
  const xOf = (v: number): number => ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * width;
  const one = xOf(0);
  let bar = '';
  if (value !== undefined && Number.isFinite(value) && value > 0) {
    const color = value > 1 ? COLORS.violated : value > 0.9 ? '#bf8700' : '#0969da';
    bar = `<rect x="0" y="3" width="${xOf(Math.log10(value)).toFixed(1)}" height="${h - 6}" fill="${color}" rx="2"/>`;
  } else if (value !== undefined && !Number.isFinite(value)) {
    bar = `<rect x="0" y="3" width="${width}" height="${h - 6}" fill="${COLORS.violated}" rx="2"/>`;
  }
  return `<svg class="bar" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" role="img" aria-label="slack ${value === undefined ? 'none' : num(value)}"><rect width="${width}" height="${h}" fill="#f0f3f6"/>${bar}<line x1="${one}" x2="${one}" y1="0" y2="${h}" stroke="#24292f" stroke-width="1.5"/></svg>`;
}

/** Counts per bin as small bars; bins of the declared space that no case reached are drawn empty and named. */
function binChart(axis: string, counts: Readonly<Record<string, number>>, unreached: readonly string[], order: readonly string[] = []): string {
  // The declared order first (κ decades ascending, …), then any bin the claim did not declare.
  const seen = [...Object.keys(counts), ...unreached.filter((b) => !(b in counts))];
  const bins = [...order.filter((b) => seen.includes(b)), ...seen.filter((b) => !order.includes(b))];
  const max = Math.max(1, ...Object.values(counts));
  const bw = 58;
  const ch = 60;
  const w = Math.max(bw * bins.length, 120);
  const parts = bins.map((b, i) => {
    const n = counts[b] ?? 0;
    const bh = (n / max) * (ch - 14);
    const x = i * bw + 4;
    const label = b.length > 11 ? `${b.slice(0, 10)}…` : b;
    const rect =
      n > 0
        ? `<rect x="${x}" y="${(ch - bh).toFixed(1)}" width="${bw - 8}" height="${Math.max(bh, 1).toFixed(1)}" fill="#0969da"/>`
        : `<rect x="${x}" y="14" width="${bw - 8}" height="${ch - 14}" fill="none" stroke="${COLORS.violated}" stroke-dasharray="3 2"/>`;
    return `<g><title>${e(plainText(`${axis} ${b}: ${n} cases`))}</title>${rect}<text x="${x + (bw - 8) / 2}" y="${ch - bh - 3}" text-anchor="middle" font-size="9">${n > 0 ? n : 'never'}</text><text x="${x + (bw - 8) / 2}" y="${ch + 11}" text-anchor="middle" font-size="9">${svgText(label)}</text></g>`;
  });
  return `<figure class="bins"><figcaption>${rich(axis)}</figcaption><svg width="${w}" height="${ch + 16}" viewBox="0 0 ${w} ${ch + 16}" role="img" aria-label="${e(plainText(axis))} coverage">${parts.join('')}</svg></figure>`;
}

function mergedBins(c: ClaimResult): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const m of c.modes) {
    for (const [axis, bins] of Object.entries(m.bins)) {
      const t = (out[axis] ??= {});
      for (const [b, n] of Object.entries(bins)) t[b] = (t[b] ?? 0) + n;
    }
  }
  for (const axis of Object.keys(c.unreached.bins)) out[axis] ??= {};
  return out;
}

/** A case: readable `key = value`, with the exact JSON folded under it (what `replay` and `pin` read). */
function caseHtml(value: unknown): string {
  return `${witnessHtml(value)}<details class="json"><summary>exact JSON</summary><code>${e(JSON.stringify(value))}</code></details>`;
}

/** A failure block (src/report/failure.ts) as the page shows it: the same lines as the terminal and vitest. */
function failureHtml(b: FailureBlock): string {
  const cell = (label: string, text: string): string => {
    if (label === 'file') return `<a href="${e(text.replace(/^\.\//, ''))}">${e(text)}</a>`;
    if (label === 'replay') return `<code>${e(text)}</code>`;
    if (label === 'case') {
      try {
        return caseHtml(JSON.parse(text));
      } catch {
        return `<code>${e(text)}</code>`;
      }
    }
    return label === 'found' || label === 'erratum' ? e(text) : rich(text);
  };
  const rows = b.lines.map(([label, text]) => `<tr><th>${e(label)}</th><td>${cell(label, text)}</td></tr>`).join('');
  return `<div class="failure"><p><b>${rich(b.title)}</b></p><table>${rows}</table></div>`;
}

/** The bound names a counterexample breaks (or the error it threw), for the verdict table. */
function failedText(bounds: readonly { name: string }[], error: string | undefined): string {
  if (error !== undefined) return 'the check threw';
  return bounds.map((b) => b.name).join('; ') || 'violated';
}

/**
 * The verdict table's counterexample cell: the claim's files grouped by the bound their case breaks (and the mode),
 * each group named by the bound, its files linked as 1, 2, … (the file name in the link's title).
 */
function counterexampleCell(c: ClaimResult, files: readonly string[]): string {
  const groups = new Map<string, { label: string; files: string[] }>();
  const seen = new Set<string>();
  for (const { ce, pinned } of counterexamplesOf(c)) {
    const f = counterexampleFileName(c.id, ce.value);
    if (seen.has(f) || !files.includes(f)) continue;
    seen.add(f);
    const bound = failedText(ce.failedBounds, ce.error);
    const tag = `${ce.mode}${pinned !== undefined ? ', pinned' : ''}`;
    const key = `${bound}\u0000${tag}`;
    const g = groups.get(key) ?? { label: `${ce.error !== undefined ? e(bound) : rich(bound)} <span class="small">[${e(tag)}]</span>`, files: [] };
    g.files.push(f);
    groups.set(key, g);
  }
  const link = (f: string, text: string): string => `<a href="counterexamples/${e(f)}" title="counterexamples/${e(f)}">${text}</a>`;
  const items = [...groups.values()].map((g) => `<li>${g.label}: ${g.files.map((f, i) => link(f, g.files.length === 1 ? 'file' : String(i + 1))).join(' ')}</li>`);
  for (const f of files) if (!seen.has(f)) items.push(`<li>${link(f, e(f))}</li>`);
  return items.length ? `<ul class="ces">${items.join('')}</ul>` : '—';
}

/**
 * The known errata a claim matched, for the claim's row: per erratum its failing bound, the modes, and its witness
 * (the first case that shows it, compact: large matrices by their size); further witnesses folded under it.
 */
function errataHtml(c: ClaimResult): string {
  const byId = new Map<string, { bound: string; modes: Set<string>; values: Map<string, unknown> }>();
  const add = (id: string, bound: string, value: unknown, mode: string): void => {
    const x = byId.get(id) ?? { bound, modes: new Set<string>(), values: new Map<string, unknown>() };
    x.modes.add(mode);
    x.values.set(JSON.stringify(value), value);
    byId.set(id, x);
  };
  for (const g of c.regressions) if (g.erratum && g.status === 'violated') add(g.erratum, failedText(g.failedBounds, g.error), g.value, g.mode);
  for (const m of c.modes) if (m.counterexample?.erratum) add(m.counterexample.erratum, failedText(m.counterexample.failedBounds, m.counterexample.error), m.counterexample.value, m.mode);
  return [...byId.entries()]
    .map(([id, x]) => {
      const [first, ...more] = [...x.values.values()];
      const rest = more.length ? `<details class="more"><summary>${more.length} more witness${more.length === 1 ? '' : 'es'}</summary>${more.map((v) => `<div>${witnessHtml(v, true)}</div>`).join('')}</details>` : '';
      return `<div class="erratum"><b>Known erratum</b> <code>${e(id)}</code> <span class="small">[${e([...x.modes].join(', '))}]</span>: ${rich(x.bound)} fails at <span class="witness-line">${witnessHtml(first, true)}</span>${rest}</div>`;
    })
    .join('');
}

function claimSection(c: ClaimResult): string {
  const modes = c.modes
    .map((m) => {
      const rows = m.slack.map((s) => `<tr><td>${rich(s.bound)}</td><td class="num">${num(s.max)}</td><td class="num">${num(s.lhs)}</td><td class="num">${num(s.rhs)}</td><td>${slackBar(s.max, 120)}</td><td class="small">${rich(s.tolerance ?? '')}</td></tr>`).join('');
      const binom = m.binomial
        ? `<p>Binomial test: <b>${m.binomial.failures}</b> failures in <b>${m.binomial.n}</b> runs; H0 "failure rate ≤ ${m.binomial.bound}" ${m.binomial.rejected ? '<b>rejected</b>' : 'not rejected'} (p = ${num(m.binomial.pValue)}, α = ${m.binomial.alpha}${Number.isFinite(m.binomial.criticalFailures) ? `; ${m.binomial.criticalFailures} failures would reject` : ''}).</p>`
        : '';
      // A violated mode's counterexample is shown as its failure block below; an unconfirmed one as a line here.
      const ce = m.counterexample && m.verdict !== 'violated' && m.verdict !== 'violated (known erratum)'
        ? `<p class="ce">Counterexample (${e(m.counterexample.confirmation.verdict)}${m.counterexample.erratum ? `, erratum ${e(m.counterexample.erratum)}` : ''}) ${witnessHtml(m.counterexample.value)}: <a href="counterexamples/${e(counterexampleFileName(c.id, m.counterexample.value))}">counterexamples/${e(counterexampleFileName(c.id, m.counterexample.value))}</a> — <code>npx muon-claims replay reports/counterexamples/${e(counterexampleFileName(c.id, m.counterexample.value))}</code></p>`
        : '';
      const branches = Object.keys(m.branches).length ? `<p class="small">Proof branches: ${Object.entries(m.branches).map(([k, v]) => `${rich(k)} ×${v}`).join(', ')}</p>` : '';
      return `<h4>${e(m.mode)} ${badge(m.verdict)} <span class="small">${m.cases} cases${m.interrupted ? ` of ${m.requestedCases} (cut short)` : ''}${m.inconclusiveCases ? `, ${m.inconclusiveCases} inconclusive` : ''}${m.skipped ? `, ${m.skipped} outside the hypotheses (skipped)` : ''} · ${(m.timeMs / 1000).toFixed(1)} s · ${e(exactnessText(m))}</span></h4>
<p class="small">${rich(describeReason(m.reason))}</p>
${rows ? `<table class="slack"><thead><tr><th>bound</th><th>slack</th><th>LHS</th><th>RHS</th><th>log scale, | = 1</th><th>float tolerance</th></tr></thead><tbody>${rows}</tbody></table>` : ''}${binom}${branches}${ce}`;
    })
    .join('\n');
  const bins = Object.entries(mergedBins(c))
    .map(([axis, counts]) => binChart(axis, counts, c.unreached.bins[axis] ?? [], c.binSpace?.[axis]))
    .join('');
  const unreached = [...Object.entries(c.unreached.bins).map(([a, b]) => `${a}: ${b.join(', ')}`), ...(c.unreached.branches.length ? [`proof branches: ${c.unreached.branches.join(', ')}`] : [])];
  const probes = c.probes.length
    ? `<table class="probes"><thead><tr><th>necessity probe</th><th>hypothesis dropped</th><th>found?</th><th>what happened</th></tr></thead><tbody>${c.probes.map((p) => `<tr><td>${e(p.id)}</td><td>${rich(p.drops)}</td><td>${p.found ? '✔ found' : '<b class="bad">✘ not found</b>'}</td><td class="small">${rich(p.summary)}</td></tr>`).join('')}</tbody></table>`
    : '';
  const pinned = c.regressions.length ? `<p class="small">Pinned cases replayed first: ${c.regressions.map((g) => `"${rich(g.note)}" (${g.mode}) ${e(g.status)}`).join('; ')}</p>` : '';
  return `<section class="claim" id="${anchor(c.id)}">
<h3>${e(c.id)} — ${rich(c.title)} ${badge(c.verdict)}</h3>
<p class="small"><b>${e(c.provenance)}</b> · paper ${e(c.source.paper)}, ${e(c.source.where)}${c.source.equations.length ? ` · ${e(c.source.equations.join(', '))}` : ''}</p>
<blockquote class="statement">${rich(c.statement)}</blockquote>
<p class="small">${rich(describeReason(c.reason))}</p>
<details><summary>Hypotheses (${c.hypotheses.length})</summary><ul>${c.hypotheses.map((h) => `<li>${rich(h.text)}${h.necessary ? ' <b>(necessary)</b>' : ''}</li>`).join('')}</ul></details>
${modes}
${failureBlocks(c, '.').map(failureHtml).join('\n')}
${bins ? `<div class="binrow">${bins}</div>` : ''}
${unreached.length ? `<p class="unreached">Never reached: ${rich(unreached.join('; '))}</p>` : ''}
${probes}${pinned}
</section>`;
}

/**
 * The links to the figures that `extraSections` holds (src/reproduce/html.ts: a <section id="figures"> with one
 * <figure id="fig1"> … per reproduction, each captioned), for the top of the page; '' when there are none.
 */
export function figuresNav(extraSections: string): string {
  if (!/<section id="figures"/.test(extraSections)) return '';
  const figs = [...extraSections.matchAll(/<figure id="([A-Za-z0-9_-]+)"[^>]*>[\s\S]*?<figcaption>(?:<strong>)?([^<]*)/g)].map(([, id, title]) => `<a href="#${e(id!)}">${title!.split(' — ')[0]}</a>`);
  return `<nav class="figlinks"><b>Reproduced figures</b> (on this page): <a href="#figures">all</a>${figs.length ? ` · ${figs.join(' · ')}` : ''}</nav>`;
}

export function renderHtml(r: Report, extraSections = ''): string {
  const s = r.summary;
  const rows = r.claims
    .map((c) => {
      const w = worstSlack(c);
      const ces = r.counterexampleFiles[c.id] ?? [];
      return `<tr class="claim-row" data-claim="${e(c.id)}"><td><a href="#${anchor(c.id)}"><b>${e(c.id)}</b></a></td><td>${rich(c.title)}${errataHtml(c)}</td><td>${e(c.provenance)}</td><td>${badge(c.verdict)}</td><td class="num">${e(casesText(c))}</td><td>${slackBar(w?.value)} <span class="num">${w ? num(w.value) : '—'}</span></td><td>${e(probesText(c))}</td><td>${counterexampleCell(c, ces)}</td></tr>`;
    })
    .join('\n');
  const chips = ([['holds', s.holds], ['violated', s.violated], ['violated (known erratum)', s.knownErrata], ['inconclusive', s.inconclusive]] as const)
    .map(([v, n]) => `<span class="chip" style="border-color:${COLORS[v]};color:${COLORS[v]}"><b>${n}</b> ${e(v)}</span>`)
    .join(' ');
  const body = `<h1>muon-claims report</h1>
${figuresNav(extraSections)}
<p class="small">Profile <b>${e(r.run.profile)}</b> · seed ${r.run.seed} · modes ${e(r.run.modes.join(' + '))}${r.run.shard ? ` · shard ${r.run.shard.index}/${r.run.shard.count}` : ''} · ${e(r.run.frontEnd)} · muon-claims ${e(r.tool.version)} · Node ${e(r.node)} · ${e(Object.entries(r.dependencies).map(([k, v]) => `${k} ${v}`).join(', '))}</p>
${r.transfer ? `<nav class="figlinks"><a href="#transfer"><b>Practical Muon</b>: the transfer matrix</a> (claims × NS5/bf16/… variants: ${e(String(r.transfer.summary.violated))} violated cells)</nav>` : ''}
${r.complete ? '' : `<p class="incomplete"><b>Incomplete report:</b> ${e(r.incomplete ?? '')}</p>`}
<p>${s.claims} claims: ${chips} · necessity probes: <b>${s.probesFound}/${s.probes}</b> found their counterexample</p>
<p class="legend">Slack = the largest LHS/RHS of the claim's bounds over all cases, on a log scale from 10⁻⁶ to 10; the black line is 1 (tight). Blue: holds with room; amber: within 10% of tight; red: above 1 (a violating case). Provenance: <b>quoted</b> (statement and constants in a seed), <b>reconstructed</b> (derived from the proof outline: a failure says the reconstruction fails), <b>open</b> (measured, gates nothing). Counterexamples are named by the bound their case breaks; a known erratum is shown with its witness under the claim's title.</p>
<table class="verdicts"><thead><tr><th>claim</th><th>statement</th><th>provenance</th><th>verdict</th><th>cases</th><th>worst slack</th><th>probes</th><th>counterexamples</th></tr></thead><tbody>
${rows}
</tbody></table>
${matrixHtml(r)}
${r.claims.map(claimSection).join('\n')}
${extraSections}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>muon-claims report</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#24292f;margin:24px auto;max-width:1320px;padding:0 16px}
h1{margin:0 0 4px}h3{margin:28px 0 4px;border-top:1px solid #d0d7de;padding-top:16px}h4{margin:12px 0 2px}
.small{color:#57606a;font-size:12px}.num{font-variant-numeric:tabular-nums;white-space:nowrap}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:middle}
th{font-size:12px;color:#57606a;font-weight:600}.badge{color:#fff;border-radius:10px;padding:1px 8px;font-size:12px;white-space:nowrap}
.chip{border:1.5px solid;border-radius:12px;padding:2px 10px;margin-right:6px;font-size:13px}
.incomplete{background:#fff8c5;border:1px solid #d4a72c;padding:8px 12px;border-radius:6px}
blockquote{margin:6px 0;padding:4px 12px;border-left:3px solid #d0d7de;color:#424a53}
.binrow{display:flex;flex-wrap:wrap;gap:18px}.bins{margin:4px 0}.bins figcaption{font-size:12px;color:#57606a}
.unreached{color:#cf222e;font-size:13px}.bad{color:#cf222e}.bar{vertical-align:middle}
table.slack,table.probes{width:auto;margin:4px 0}code{font-size:12px;background:#f6f8fa;padding:1px 4px;border-radius:4px}
.legend{font-size:12px;color:#57606a;margin:6px 0 14px}
.failure{border:1.5px solid #cf222e;border-radius:6px;padding:4px 12px;margin:8px 0;background:#fff5f5}.failure th{width:70px;vertical-align:top}.failure code{word-break:break-all}
.figlinks{margin:4px 0 10px;padding:6px 12px;background:#ddf4ff;border:1px solid #54aeff;border-radius:6px}
.erratum{margin-top:4px;padding:3px 8px;font-size:12.5px;background:#fff8c5;border-left:3px solid #9a6700;border-radius:3px}
ul.ces{margin:0;padding-left:14px}ul.ces li{margin:1px 0}table.verdicts td:nth-child(2){min-width:360px}table.verdicts td:last-child{max-width:260px}details.more summary{font-size:11px;cursor:pointer}
.witness .kv{white-space:nowrap}
details.json summary{font-size:11px;color:#57606a;cursor:pointer}details.json code{display:block;max-height:8em;overflow:auto}
table.transfer{width:auto}table.transfer td.tcell{font-size:12.5px;white-space:nowrap}table.transfer td.na{color:#8c959f;text-align:center}
.katex{font-size:1.1em}blockquote.statement{line-height:1.8}
</style>
<style>${katexStyle(body)}</style></head><body>
${body}
</body></html>
`;
}
