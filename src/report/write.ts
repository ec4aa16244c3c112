import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.ts';
import { figuresSection } from '../reproduce/html.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { counterexampleFile, counterexampleFileName, counterexamplesOf, type Report } from './report.ts';

/**
 * Writes claims.json, claims.md, index.html, junit.xml and counterexamples/<claim-id>-<hash>.json into `dir`, each
 * atomically (temp file, then rename). Counterexample files of earlier runs are removed first so that the folder
 * matches the report. `extraHtml` is appended to index.html (the figures of `reproduce`).
 */
export function writeReports(dir: string, report: Report, extraHtml = ''): string[] {
  const written: string[] = [];
  const put = (name: string, text: string): void => {
    writeFileAtomic(join(dir, name), text);
    written.push(join(dir, name));
  };
  const ceDir = join(dir, 'counterexamples');
  if (existsSync(ceDir)) for (const f of readdirSync(ceDir)) if (f.endsWith('.json')) rmSync(join(ceDir, f), { force: true });
  for (const c of report.claims) {
    for (const { ce, pinned } of counterexamplesOf(c)) {
      const name = counterexampleFileName(c.id, ce.value);
      put(join('counterexamples', name), `${JSON.stringify(counterexampleFile(c, ce, name, dir, pinned), null, 2)}\n`);
    }
  }
  put('claims.json', `${JSON.stringify(report, null, 2)}\n`);
  put('claims.md', renderMarkdown(report));
  put('junit.xml', renderJunit(report));
  // The reproductions of `muon-claims reproduce`, when they are there, go on the same page.
  const figures = join(dir, 'figures');
  put('index.html', renderHtml(report, extraHtml || (existsSync(join(figures, 'fig1.json')) || existsSync(join(figures, 'table1.json')) ? figuresSection(figures) : '')));
  return written;
}
