import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { pinCommand } from '../../src/cli/pin.ts';
import { acquireOutputLock, OutputError, validateOutputDir, writeOutputSet } from '../../src/report/atomic.ts';
import type { Report } from '../../src/report/report.ts';
import { vitestReportDir } from '../../src/report/vitest-results.ts';

/*
 * The output set as a unit (issue 13, item 5): --out validated before anything runs; the set staged and swapped in,
 * the old one whole until the new one is complete; a lock against a second writer; vitest runs in their own folders;
 * relative paths in counterexample files and pin notes.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/muon-claims.mjs');
let err: string[];
let out: string[];
beforeEach(() => {
  err = [];
  out = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());
const tmp = (): string => mkdtempSync(join(tmpdir(), 'muon-out-'));
const read = (p: string): string => readFileSync(p, 'utf8');
const SET = (tag: string): Map<string, string> =>
  new Map([
    ['claims.json', `{"run": "${tag}"}`],
    ['claims.md', `# ${tag}`],
    ['index.html', `<p>${tag}</p>`],
    ['junit.xml', `<testsuites name="${tag}"/>`],
    [`counterexamples/${tag}.json`, `{"run": "${tag}"}`],
  ]);

describe('--out is validated before anything runs', () => {
  it('a file, or a path below a file, is refused with exit 2 and left as it was', async () => {
    const d = tmp();
    const file = join(d, 'report.txt');
    writeFileSync(file, 'mine');
    expect(await main(['check', '--claim', 'B.msign', '--profile', 'quick', '--out', file])).toBe(2);
    expect(err.join('\n')).toMatch(/--out .*report\.txt: is a file, not a directory/);
    expect(read(file)).toBe('mine');
    expect(out.join('\n')).not.toMatch(/claim, profile/);
    err = [];
    expect(await main(['check', '--claim', 'B.msign', '--out', join(file, 'sub')])).toBe(2);
    expect(err.join('\n')).toMatch(/report\.txt is a file, so .* cannot be a directory/);
    err = [];
    expect(await main(['merge', d, '--out', file])).toBe(2);
    expect(err.join('\n')).toMatch(/is a file, not a directory/);
    err = [];
    expect(await main(['reproduce', 'fig1', '--out', file])).toBe(2);
    expect(err.join('\n')).toMatch(/is a file, not a directory/);
  });

  it('a directory that cannot be written is refused with exit 2', async () => {
    let dir: string;
    if (process.getuid?.() === 0) {
      dir = '/sys/muon-claims-out'; // root writes anywhere but on sysfs
    } else {
      const d = tmp();
      dir = join(d, 'ro');
      mkdirSync(dir);
      chmodSync(dir, 0o555);
    }
    expect(() => validateOutputDir(dir)).toThrow(OutputError);
    expect(await main(['check', '--claim', 'B.msign', '--profile', 'quick', '--out', dir])).toBe(2);
    expect(err.join('\n')).toMatch(/--out .*: (not writable|on a read-only file system|cannot be written)/);
    expect(out.join('\n')).not.toMatch(/claim, profile/);
  });
});

describe('the set is swapped in whole', () => {
  it('replaces the old set, counterexamples/ with it, and leaves other files alone', () => {
    const d = tmp();
    writeOutputSet(d, SET('one'), ['counterexamples']);
    mkdirSync(join(d, 'figures'));
    writeFileSync(join(d, 'figures', 'fig1.svg'), '<svg/>');
    writeFileSync(join(d, 'bench.json'), '{}');
    writeOutputSet(d, SET('two'), ['counterexamples']);
    expect(read(join(d, 'claims.json'))).toBe('{"run": "two"}');
    expect(readdirSync(join(d, 'counterexamples'))).toEqual(['two.json']);
    const noCe = SET('three');
    noCe.delete('counterexamples/three.json');
    writeOutputSet(d, noCe, ['counterexamples']);
    expect(existsSync(join(d, 'counterexamples'))).toBe(false);
    expect(read(join(d, 'figures', 'fig1.svg'))).toBe('<svg/>');
    expect(read(join(d, 'bench.json'))).toBe('{}');
    expect(readdirSync(d).filter((f) => f.startsWith('.muon-claims'))).toEqual([]);
  });

  it('a write that fails before the commit leaves the old set whole and no staging behind', () => {
    const d = tmp();
    writeOutputSet(d, SET('old'), ['counterexamples']);
    const bad = SET('new');
    bad.set('junit.xml/impossible', 'x'); // junit.xml is also a file of the set: this write fails
    expect(() => writeOutputSet(d, bad, ['counterexamples'])).toThrow();
    for (const [name, text] of SET('old')) expect(read(join(d, name)), name).toBe(text);
    expect(readdirSync(d).filter((f) => f.startsWith('.muon-claims'))).toEqual([]);
  });

  it('a commit cut short (the writer killed mid-swap) is finished by the next writer', () => {
    const d = tmp();
    writeOutputSet(d, SET('old'), ['counterexamples']);
    // What a writer leaves when killed after its commit record: the staged set, half of it already swapped in.
    const staging = join(d, '.muon-claims-staging-dead');
    mkdirSync(join(staging, 'counterexamples'), { recursive: true });
    for (const [name, text] of SET('new')) writeFileSync(join(staging, name), text);
    writeFileSync(join(d, 'claims.json'), read(join(staging, 'claims.json')));
    writeFileSync(join(d, '.muon-claims.commit'), JSON.stringify({ staging: '.muon-claims-staging-dead', files: ['claims.md', 'index.html', 'junit.xml'], dirs: ['counterexamples'], clear: [] }));
    const release = acquireOutputLock(d);
    release();
    for (const [name, text] of SET('new')) expect(read(join(d, name)), name).toBe(text);
    expect(readdirSync(join(d, 'counterexamples'))).toEqual(['new.json']);
    expect(readdirSync(d).filter((f) => f.startsWith('.muon-claims'))).toEqual([]);
  });

  it('staging left by a writer killed before its commit is removed; the old set is untouched', () => {
    const d = tmp();
    writeOutputSet(d, SET('old'), ['counterexamples']);
    mkdirSync(join(d, '.muon-claims-staging-dead'));
    writeFileSync(join(d, '.muon-claims-staging-dead', 'claims.json'), 'half');
    acquireOutputLock(d)();
    for (const [name, text] of SET('old')) expect(read(join(d, name)), name).toBe(text);
    expect(existsSync(join(d, '.muon-claims-staging-dead'))).toBe(false);
  });
});

describe('a lock against concurrent writers', () => {
  it('a live writer holds the directory; a stale lock (its process gone) is taken over', () => {
    const d = tmp();
    const host = hostname();
    writeFileSync(join(d, '.muon-claims.lock'), JSON.stringify({ pid: process.ppid, host, startedAt: '2026-01-01T00:00:00Z' }));
    expect(() => acquireOutputLock(d)).toThrow(new RegExp(`another muon-claims run \\(pid ${process.ppid}`));
    expect(() => writeOutputSet(d, SET('x'), ['counterexamples'])).toThrow(OutputError);
    expect(existsSync(join(d, 'claims.json'))).toBe(false);
    writeFileSync(join(d, '.muon-claims.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host, startedAt: '2026-01-01T00:00:00Z' }));
    writeOutputSet(d, SET('x'), ['counterexamples']);
    expect(read(join(d, 'claims.json'))).toBe('{"run": "x"}');
    expect(existsSync(join(d, '.muon-claims.lock'))).toBe(false);
  });

  it('a second check into the same --out is refused (exit 2) while the first runs; the first then writes its set', async () => {
    const d = tmp();
    const child = spawn(process.execPath, [BIN, 'check', '--claim', 'A.T1b', '--profile', 'deep', '--out', d], { cwd: ROOT, stdio: 'pipe' });
    let text = '';
    child.stdout.on('data', (x) => (text += String(x)));
    child.stderr.on('data', (x) => (text += String(x)));
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    await new Promise<void>((r) => {
      const poll = setInterval(() => {
        if (/claim, profile deep/.test(text)) {
          clearInterval(poll);
          r();
        }
      }, 50);
    });
    expect(await main(['check', '--claim', 'B.msign', '--profile', 'quick', '--out', d])).toBe(2);
    expect(err.join('\n')).toMatch(/another muon-claims run \(pid \d+.*\) is writing this report directory/);
    child.kill('SIGTERM');
    expect(await exited, text).toBe(143);
    // The first run's set (deep, interrupted), not the refused one's.
    const r = JSON.parse(read(join(d, 'claims.json'))) as Report;
    expect(r.run.profile).toBe('deep');
    expect(r.incomplete).toMatch(/interrupted by SIGTERM/);
    expect(existsSync(join(d, '.muon-claims.lock'))).toBe(false);
  }, 120_000);
});

describe('vitest runs write their own folders', () => {
  it('a shard, a full run and a partial run go to different folders', () => {
    expect(vitestReportDir(['A.L2'], { index: 2, count: 4 }, '/r')).toBe('/r/shard-2-of-4');
    expect(vitestReportDir(['A.L2'], undefined, '/r')).toBe('/r/partial');
    expect(vitestReportDir(['A.L2'], { index: 1, count: 1 }, '/r')).toBe('/r/partial');
  });
});

describe('paths stored in files are relative', () => {
  it('counterexample files carry a relative replay command; pin notes a relative path', async () => {
    const d = tmp();
    const rel = relative(process.cwd(), d);
    expect(await main(['check', '--claim', 'A.T1a', '--profile', 'quick', '--out', d])).toBe(0);
    const r = JSON.parse(read(join(d, 'claims.json'))) as Report;
    const name = r.counterexampleFiles['A.T1a']![0]!;
    const cf = JSON.parse(read(join(d, 'counterexamples', name))) as { replay: string };
    expect(cf.replay).toBe(`npx muon-claims replay ${rel}/counterexamples/${name}`);
    expect(cf.replay).not.toContain(' /');
    const regs = tmp();
    expect(await pinCommand([join(d, 'counterexamples', name)], regs)).toBe(0);
    const pinned = JSON.parse(read(join(regs, 'A.T1a.json'))) as { cases: { note: string }[] };
    expect(pinned.cases[0]!.note).toContain(`pinned from ${rel}/counterexamples/${name}`);
    expect(pinned.cases[0]!.note).not.toMatch(/from \//);
  }, 60_000);
});

