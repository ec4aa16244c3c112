import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { writeOutputSet } from './atomic.ts';
import { figuresSection } from '../reproduce/html.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { encodeJson } from '../util/json.ts';
import { cellCounterexamples, counterexampleFile, counterexampleFileName, counterexamplesOf, type Report } from './report.ts';

/** A path as stored in files that others read (replay commands, notes): relative to the working directory. */
export function portablePath(p: string, from = process.cwd()): string {
  const r = relative(from, resolve(p));
  if (r === '') return '.';
  return isAbsolute(r) ? p : r.split('\\').join('/');
}

export interface WriteOptions {
  /** Appended to index.html (the figures of `reproduce`). */
  readonly extraHtml?: string;
  /** How long to wait for another writer's lock on `dir` (ms; default 0: refuse at once). */
  readonly waitMs?: number;
}

/**
 * Writes the report set — claims.json, claims.md, index.html, junit.xml and counterexamples/<claim-id>-<hash>.json —
 * into `dir` as a unit (src/report/atomic.ts): staged beside, committed, swapped in under the directory's lock, so
 * that a reader or a killed run never sees half of one set and half of another, and counterexamples/ always matches
 * claims.json. Replay commands in the counterexample files name `dir` relative to the working directory.
 */
export function writeReports(dir: string, report: Report, extraHtmlOrOptions: string | WriteOptions = ''): string[] {
  const o: WriteOptions = typeof extraHtmlOrOptions === 'string' ? { extraHtml: extraHtmlOrOptions } : extraHtmlOrOptions;
  const files = new Map<string, string>();
  const shown = portablePath(dir);
  for (const c of report.claims) {
    for (const { ce, pinned } of counterexamplesOf(c)) {
      const name = counterexampleFileName(c.id, ce.value);
      files.set(`counterexamples/${name}`, `${encodeJson(counterexampleFile(c, ce, name, shown, pinned, report.run.claimsFile))}\n`);
    }
  }
  // The transfer matrix's cells: counterexamples/<claim-id>@<variant>-<hash>.json, replayed with their variant.
  for (const cell of report.transfer?.cells ?? []) {
    const claim = report.claims.find((c) => c.id === cell.claim);
    if (!claim) continue;
    for (const { ce, pinned } of cellCounterexamples(cell, report.run.seed)) {
      const name = counterexampleFileName(cell.claim, ce.value, cell.variant);
      files.set(`counterexamples/${name}`, `${encodeJson(counterexampleFile(claim, ce, name, shown, pinned, report.run.claimsFile, cell.variant))}\n`);
    }
  }
  // ±∞ and NaN spelled out (src/report/json.ts), as the JSON Schemas in schemas/ say.
  files.set('claims.json', `${encodeJson(report)}\n`);
  files.set('claims.md', renderMarkdown(report));
  files.set('junit.xml', renderJunit(report));
  // The reproductions of `muon-claims reproduce`, when they are there, go on the same page.
  const figures = join(dir, 'figures');
  files.set('index.html', renderHtml(report, o.extraHtml || (existsSync(join(figures, 'fig1.json')) || existsSync(join(figures, 'table1.json')) ? figuresSection(figures) : '')));
  return writeOutputSet(dir, files, ['counterexamples'], o.waitMs ?? 0);
}
