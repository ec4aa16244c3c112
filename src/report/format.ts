import { slackOf } from '../claims/engine.ts';
import type { ReportClaim as ClaimResult, ReportMode as ModeResult } from './schema.ts';

/** Helpers shared by the Markdown, HTML and JUnit renderers. */

/**
 * A number for a reader: 4 significant digits, but never a rounding that looks like a different, meaningful value —
 * a slack of 0.9999999999999983 is not "1" (1 is tight), 1.0000001 is not "1", 1e-20 is not "0": digits are added
 * until the shown value differs from every rounder value that the true one is not.
 */
export function num(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  const fixed = a >= 1e-3 && a < 1e6;
  for (let p = 4; p <= 17; p++) {
    const shown = Number(x.toPrecision(p));
    // Good enough once the rounding is the value itself, or is not an integer nor a power of ten it could be read as.
    const misleading = shown !== x && (Number.isInteger(shown) || Number.isInteger(Math.log10(Math.abs(shown))));
    if (!misleading) return fixed ? shown.toString() : x.toExponential(Math.max(2, p - 2));
  }
  return x.toString();
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
