import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/*
 * The lowest folder: plain Node helpers with no project imports, usable from every layer (reproduce writes its
 * figures with it, report its reports, cli its counterexample files).
 */

/**
 * Writes a file atomically: the text goes to a temporary file beside the target, which is then renamed over it.
 * A reader (or a run killed half-way) sees the old file or the new one, never half of one.
 */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
