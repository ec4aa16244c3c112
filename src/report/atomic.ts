import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

// The atomic write of one file lives in the lowest folder (src/util), so that reproduce/ can use it without depending
// on report/; re-exported here for the report writers and the CLI.
import { writeFileAtomic } from '../util/atomic.ts';
export { writeFileAtomic };

/*
 * The output set (claims.json, claims.md, index.html, junit.xml, counterexamples/) is written as a unit:
 *  1. a lock file in the output directory keeps a second writer out (held from validation to the swap; a lock whose
 *     process is gone is stale and taken over);
 *  2. the new set is written into a staging directory inside the output directory (same file system);
 *  3. a commit record (.muon-claims.commit) is written atomically: from then on the new set is complete and will be
 *     swapped in, by this process or — if it dies half-way — by the next writer that takes the lock;
 *  4. the swap: counterexamples/ and each file renamed into place, the old ones removed; then the record.
 * Before step 3 the old set is untouched; a run killed before it leaves the old set whole (its staging directory is
 * removed by the next writer). Files that are not part of the set (figures/, coverage/, bench.json, other runs'
 * folders) are never touched.
 */

export class OutputError extends Error {
  override name = 'OutputError';
}

const LOCK = '.muon-claims.lock';
const COMMIT = '.muon-claims.commit';
const STAGING_PREFIX = '.muon-claims-staging-';

interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

interface Held {
  count: number;
}
const held = new Map<string, Held>();
let exitHook = false;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // A zombie has exited: its lock is stale.
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\S+ \(.*\) [ZX] /s.test(s);
  } catch {
    return true;
  }
}

function readLock(path: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/**
 * Checks that `dir` can hold the output set — it is a directory or can be created as one, and files can be written in
 * it — and creates it. Throws OutputError naming the directory and what is wrong, before any work is done.
 */
export function validateOutputDir(dir: string, option = '--out'): string {
  const abs = resolve(dir);
  let probe = abs;
  while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe);
  if (!statSync(probe).isDirectory()) {
    throw new OutputError(probe === abs ? `${option} ${dir}: is a file, not a directory (the report set is a directory: claims.json, claims.md, index.html, junit.xml, counterexamples/)` : `${option} ${dir}: ${probe} is a file, so ${dir} cannot be a directory`);
  }
  try {
    // One level at a time (a recursive mkdir can spin on special file systems such as /proc).
    const missing: string[] = [];
    for (let p = abs; p !== probe; p = dirname(p)) missing.unshift(p);
    for (const p of missing) mkdirSync(p);
    const test = mkdtempSync(join(abs, `${STAGING_PREFIX}probe-`));
    rmSync(test, { recursive: true, force: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const why = code === 'EACCES' || code === 'EPERM' ? 'not writable (permission denied)' : code === 'EROFS' ? 'on a read-only file system' : `cannot be written (${code || (e as Error).message})`;
    throw new OutputError(`${option} ${dir}: ${why}; choose a writable directory`);
  }
  return abs;
}

/**
 * Takes the output directory's lock (re-entrant within this process). If a live process holds it, waits up to
 * `waitMs` for it, then throws OutputError naming that process. A stale lock (its process gone) is taken over and
 * the directory recovered: a commit that was cut short is finished, staging directories left behind are removed.
 * Returns the release function.
 */
export function acquireOutputLock(dir: string, waitMs = 0): () => void {
  const abs = resolve(dir);
  const mine = held.get(abs);
  if (mine) {
    mine.count++;
    return release(abs);
  }
  mkdirSync(abs, { recursive: true });
  const path = join(abs, LOCK);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() } satisfies LockInfo));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const info = readLock(path);
      const stale = info !== undefined && info.host === hostname() && (info.pid === process.pid || !alive(info.pid));
      if (stale || (info === undefined && ageMs(path) > 10_000)) {
        rmSync(path, { force: true });
        continue;
      }
      if (Date.now() >= deadline) {
        throw new OutputError(`${dir}: another muon-claims run (pid ${info?.pid ?? '?'}${info?.host && info.host !== hostname() ? ` on ${info.host}` : ''}, since ${info?.startedAt ?? '?'}) is writing this report directory; wait for it to finish or choose another --out (a stale lock is ${path})`);
      }
      sleepMs(100);
    }
  }
  held.set(abs, { count: 1 });
  if (!exitHook) {
    exitHook = true;
    // An exit (a signal's process.exit, an uncaught error) leaves no lock behind.
    process.on('exit', () => {
      for (const d of held.keys()) rmSync(join(d, LOCK), { force: true });
    });
  }
  recover(abs);
  return release(abs);
}

function release(abs: string): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const h = held.get(abs);
    if (!h) return;
    if (--h.count > 0) return;
    held.delete(abs);
    rmSync(join(abs, LOCK), { force: true });
  };
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Infinity;
  }
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

interface CommitRecord {
  readonly staging: string;
  readonly files: readonly string[];
  /** Subdirectories of the set swapped in whole. */
  readonly dirs: readonly string[];
  /** Subdirectories of the set that the new set does not have: removed. */
  readonly clear: readonly string[];
}

/** Finishes a commit that a writer recorded but did not complete; removes staging directories nobody will commit. */
function recover(abs: string): void {
  const record = join(abs, COMMIT);
  if (existsSync(record)) {
    let c: CommitRecord | undefined;
    try {
      c = JSON.parse(readFileSync(record, 'utf8')) as CommitRecord;
    } catch {
      c = undefined;
    }
    if (c && existsSync(join(abs, c.staging))) applyCommit(abs, c);
    rmSync(record, { force: true });
  }
  for (const f of readdirSync(abs)) if (f.startsWith(STAGING_PREFIX)) rmSync(join(abs, f), { recursive: true, force: true });
}

function applyCommit(abs: string, c: CommitRecord): void {
  const staging = join(abs, c.staging);
  const trash = join(staging, '.replaced');
  mkdirSync(trash, { recursive: true });
  for (const d of c.dirs) {
    const fresh = join(staging, d);
    const target = join(abs, d);
    if (!existsSync(fresh)) continue; // already swapped in
    if (existsSync(target)) renameSync(target, join(trash, d));
    renameSync(fresh, target);
  }
  for (const d of c.clear ?? []) {
    const target = join(abs, d);
    if (existsSync(target)) renameSync(target, join(trash, d));
  }
  for (const f of c.files) {
    const fresh = join(staging, f);
    if (existsSync(fresh)) renameSync(fresh, join(abs, f));
  }
}

/**
 * Writes the output set `files` (name → text; names may be in one level of subdirectories such as counterexamples/,
 * which are replaced as a whole) into `dir` as a unit: staging, commit record, swap. `setDirs` are the
 * subdirectories owned by the set: they are replaced (or removed, when the new set has no file in them).
 */
export function writeOutputSet(dir: string, files: ReadonlyMap<string, string>, setDirs: readonly string[], waitMs = 0): string[] {
  const abs = resolve(dir);
  const unlock = acquireOutputLock(abs, waitMs);
  try {
    const staging = mkdtempSync(join(abs, STAGING_PREFIX));
    try {
      for (const [name, text] of files) {
        mkdirSync(dirname(join(staging, name)), { recursive: true });
        writeFileSync(join(staging, name), text);
      }
    } catch (e) {
      // Nothing committed: the old set stays as it was.
      rmSync(staging, { recursive: true, force: true });
      throw e;
    }
    const inDir = (n: string, d: string): boolean => n.startsWith(`${d}/`);
    const names = [...files.keys()];
    // Subdirectories of the set that the new set leaves empty are removed (the old counterexamples must go).
    const record: CommitRecord = {
      staging: basename(staging),
      files: names.filter((n) => !setDirs.some((d) => inDir(n, d))),
      dirs: setDirs.filter((d) => names.some((n) => inDir(n, d))),
      clear: setDirs.filter((d) => !names.some((n) => inDir(n, d))),
    };
    writeFileAtomic(join(abs, COMMIT), JSON.stringify(record));
    applyCommit(abs, record);
    rmSync(join(abs, COMMIT), { force: true });
    rmSync(staging, { recursive: true, force: true });
    return [...files.keys()].map((n) => join(dir, n));
  } finally {
    unlock();
  }
}
