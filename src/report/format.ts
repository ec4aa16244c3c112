import { slackOf } from '../claims/engine.ts';
import type { ReportClaim as ClaimResult, ReportMode as ModeResult } from './schema.ts';

/** Helpers shared by the Markdown, HTML and JUnit renderers. */

export function num(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e6 ? Number(x.toPrecision(4)).toString() : x.toExponential(2);
}

/** The largest slack over all bounds and modes of a claim, with its bound and mode. */
export function worstSlack(c: ClaimResult): { value: number; bound: string; mode: string } | undefined {
  let best: { value: number; bound: string; mode: string } | undefined;
  for (const m of c.modes) {
    for (const s of m.slack) {
      if (!best || s.max > best.value || (Number.isNaN(s.max) && !Number.isNaN(best.value))) best = { value: s.max, bound: s.bound, mode: m.mode };
    }
  }
  return best;
}

export function casesText(c: ClaimResult): string {
  return c.modes.map((m) => `${m.cases}${m.interrupted ? ` of ${m.requestedCases}` : ''} ${m.mode}`).join(', ') || '—';
}

export function probesText(c: ClaimResult): string {
  if (c.probes.length === 0) return '—';
  return `${c.probes.filter((p) => p.found).length}/${c.probes.length} found`;
}

export function exactnessText(m: ModeResult): string {
  if (!m.exactness) return '';
  const { proven, unproven, maxErrorEstimate } = m.exactness;
  return unproven === 0 ? `exact in all ${proven} cases (P and 2P agree)` : `${proven} exact, ${unproven} high-precision (error ≤ ${maxErrorEstimate})`;
}

export { slackOf };

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);
}
