import { counterexampleFileName } from './report.ts';
import { num } from './format.ts';
import { describeReason } from './reasons.ts';
import type { ReportBound, ReportClaim, ReportCounterexample } from './schema.ts';

/*
 * The failure block, fast-check style: what a researcher needs in front of them when a claim fails — the shrunk
 * values, the failing bound with the shrunk case's lhs and rhs, the float and exact verdicts, the counterexample file
 * and the command that replays it. The CLI prints it under the verdict line, the vitest harness puts it in the
 * assertion message, and the HTML report shows the same lines in the claim's section.
 */

export interface FailureBlock {
  readonly title: string;
  readonly lines: readonly (readonly [label: string, text: string])[];
}

const bounds = (bs: readonly ReportBound[]): string => bs.map((b) => `${b.name}: lhs ${num(b.lhs)} > rhs ${num(b.rhs)}${b.at !== undefined ? ` (at step ${b.at})` : ''}`).join('; ');

function verdicts(ce: ReportCounterexample): string {
  const found = `${ce.mode}: ${ce.error !== undefined ? `the check threw (${ce.error})` : 'violated'}`;
  if (ce.mode === 'exact') return `${found} (found in exact arithmetic)`;
  const c = ce.confirmation;
  const exact = c.verdict === 'confirmed' ? 'violated (confirmed)' : c.verdict === 'float artifact' ? 'holds — a float artifact' : `${c.verdict}${c.note ? ` (${c.note})` : ''}`;
  return `${found}; exact re-check${c.field ? ` in ${c.field}` : ''}${c.rung !== undefined ? ` (the ladder's ${c.rung} rung)` : ''}: ${exact}`;
}

/** The confirmation ladder's rungs as tried: "double-double: open (within the argued error: (35)) → Q: decided". */
export function ladderText(c: ReportCounterexample['confirmation']): string | undefined {
  if (!c.attempts || c.attempts.length === 0) return undefined;
  return c.attempts.map((a) => `${a.field}: ${a.decided ? 'decided' : `undecided${a.note ? ` (${a.note})` : ''}`} in ${num(a.ms)} ms`).join(' → ');
}

/**
 * The failure blocks of a claim (one per violated mode and per pinned case that fails), or none. `dir` is the report
 * folder as the reader should type it (relative to where they run the command).
 */
export function failureBlocks(c: ReportClaim, dir = 'reports', claimsFile?: string): FailureBlock[] {
  const out: FailureBlock[] = [];
  const withClaims = claimsFile ? ` --claims ${claimsFile}` : '';
  for (const m of c.modes) {
    if (m.verdict !== 'violated' && m.verdict !== 'violated (known erratum)') continue;
    const ce = m.counterexample;
    if (!ce) continue;
    const file = `${dir}/counterexamples/${counterexampleFileName(c.id, ce.value)}`;
    out.push({
      title: `${c.id} ${m.verdict} [${m.mode}] — ${describeReason(m.reason)}`,
      lines: [
        ['case', JSON.stringify(ce.value)],
        ['bound', ce.error !== undefined ? `the check threw: ${ce.error}` : bounds(ce.failedBounds)],
        ['verdicts', verdicts(ce)],
        ...(ladderText(ce.confirmation) !== undefined ? ([['ladder', ladderText(ce.confirmation)!]] as const) : []),
        ['found', `seed ${ce.seed}${ce.path !== undefined ? `, path ${ce.path}` : ''}, ${ce.numShrinks} shrink${ce.numShrinks === 1 ? '' : 's'} (run seed ${c.seed}, profile ${c.profile})`],
        ...(ce.erratum ? ([['erratum', ce.erratum]] as const) : []),
        ['file', file],
        ['replay', `npx muon-claims replay ${file}${withClaims}`],
      ],
    });
  }
  for (const g of c.regressions) {
    if (g.status !== 'violated' || (g.expect === 'violated' && g.erratum)) continue;
    const file = `${dir}/counterexamples/${counterexampleFileName(c.id, g.value)}`;
    out.push({
      title: `${c.id} pinned case "${g.note}" (${g.mode}) fails`,
      lines: [
        ['case', JSON.stringify(g.value)],
        ['bound', g.error !== undefined ? `the check threw: ${g.error}` : bounds(g.failedBounds)],
        ['pinned', `fixtures/regressions/${c.id}.json expects ${g.expect}`],
        ['file', file],
        ['replay', `npx muon-claims replay ${file}${withClaims}`],
      ],
    });
  }
  return out;
}

/** The blocks as terminal text (long values cut at `width` characters). */
export function renderFailureText(blocks: readonly FailureBlock[], width = 600): string {
  return blocks
    .map((b) => [b.title, ...b.lines.map(([l, t]) => `  ${`${l}:`.padEnd(10)}${t.length > width ? `${t.slice(0, width)}…` : t}`)].join('\n'))
    .join('\n\n');
}
