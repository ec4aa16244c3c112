import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.ts';

/*
 * Signals (issue 13, item 6): SIGINT and SIGTERM end a run with a report marked incomplete (exit 130 / 143), also
 * when the signal arrives while the CLI is still loading (the previous complete report must not survive unmarked);
 * `npx muon-claims` forwards them — SIGINT, SIGTERM or SIGKILL to npx stop the run and leave no process behind;
 * replay honours --time-limit. Each test waits on output or on the process, never on a fixed delay that the result
 * depends on; the timeouts are generous.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/muon-claims.mjs');
const SLOW = fileURLToPath(new URL('./fixtures/slow-claims.mjs', import.meta.url));
const tmp = (): string => mkdtempSync(join(tmpdir(), 'muon-sig-'));
const readReport = (dir: string): Report => JSON.parse(readFileSync(join(dir, 'claims.json'), 'utf8')) as Report;

interface Run {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  text(): string;
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
}

function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(cmd, args, { cwd: ROOT, stdio: 'pipe', env: { ...process.env, MUON_PROFILE: '', MUON_SEED: '', ...env } });
  let text = '';
  child.stdout!.on('data', (d) => (text += String(d)));
  child.stderr!.on('data', (d) => (text += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return {
    child,
    exited,
    text: () => text,
    waitFor: (re, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const t0 = Date.now();
        const poll = setInterval(() => {
          if (re.test(text)) {
            clearInterval(poll);
            resolve();
          } else if (Date.now() - t0 > timeoutMs) {
            clearInterval(poll);
            reject(new Error(`timed out waiting for ${re} in:\n${text}`));
          }
        }, 50);
      }),
  };
}

/** A claim that runs for a long time at the deep profile (stopped by the signal long before its end). */
const LONG = ['check', '--claim', 'A.T1b', '--profile', 'deep', '--time-limit', '600'];

/** Processes whose command line mentions `marker` (our unique --out directory). */
function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      if (readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(marker)) pids.push(Number(p));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

async function until(cond: () => boolean, timeoutMs = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const linux = existsSync('/proc/self/status');

describe('signals end a run with an incomplete report', () => {
  it('SIGTERM: exit 143, report marked "interrupted by SIGTERM", no claim holds', async () => {
    const dir = tmp();
    const r = run(process.execPath, [BIN, ...LONG, '--out', dir]);
    await r.waitFor(/A\.T1b \[float\]|claim, profile deep/);
    r.child.kill('SIGTERM');
    const { code } = await r.exited;
    expect(code, r.text()).toBe(143);
    const rep = readReport(dir);
    expect(rep.complete).toBe(false);
    expect(rep.incomplete).toMatch(/interrupted by SIGTERM/);
    expect(rep.claims.every((c) => c.verdict !== 'holds')).toBe(true);
  }, 120_000);

  it('a SIGINT while the CLI is still loading marks the report incomplete instead of leaving the previous one', async () => {
    const dir = tmp();
    // A previous complete report in the directory.
    const first = run(process.execPath, [BIN, 'check', '--claim', 'B.msign', '--profile', 'quick', '--out', dir]);
    expect((await first.exited).code, first.text()).toBe(0);
    expect(readReport(dir).complete).toBe(true);
    const r = run(process.execPath, [BIN, ...LONG, '--out', dir], { MUON_CLAIMS_DEBUG: 'startup' });
    // As soon as bin has taken SIGINT (its first statement), long before tsx and the CLI have loaded.
    await r.waitFor(/signal handlers installed; loading/);
    expect(r.text()).not.toMatch(/claim, profile deep/);
    r.child.kill('SIGINT');
    const { code } = await r.exited;
    expect(code, r.text()).toBe(130);
    const rep = readReport(dir);
    expect(rep.complete).toBe(false);
    expect(rep.incomplete).toMatch(/interrupted by SIGINT/);
    expect(rep.claims).toHaveLength(0);
  }, 120_000);
});

describe.skipIf(!linux)('npx muon-claims: a signal to npx reaches the run, and nothing outlives npx', () => {
  it('without a signal, a run under npx completes (the launcher watch raises no false alarm)', async () => {
    const dir = tmp();
    const r = run('npx', ['--no-install', 'muon-claims', 'check', '--claim', 'B.msign,B.NS5', '--profile', 'quick', '--out', dir]);
    expect((await r.exited).code, r.text()).toBe(0);
    expect(readReport(dir).complete, r.text()).toBe(true);
  }, 120_000);

  for (const sig of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    it(`${sig} to npx`, async () => {
      const dir = tmp();
      const r = run('npx', ['--no-install', 'muon-claims', ...LONG, '--out', dir]);
      await r.waitFor(/claim, profile deep/, 90_000);
      r.child.kill(sig);
      // The CLI under npx notices within a fraction of a second, writes the incomplete report and exits.
      await until(() => processesWith(dir).length === 0, 60_000);
      const rep = readReport(dir);
      expect(rep.complete, r.text()).toBe(false);
      expect(rep.incomplete).toMatch(sig === 'SIGINT' ? /interrupted by SIGINT/ : /interrupted: the (parent|launching) process/);
      await r.exited;
    }, 150_000);
  }
});

describe('replay honours --time-limit', () => {
  it('a case that runs for an hour is cut at the limit: inconclusive, exit 0', async () => {
    const d = tmp();
    const file = join(d, 'slow.json');
    writeFileSync(file, JSON.stringify({ schema: 'muon-claims/counterexample', claim: 'U.slow', mode: 'float', value: { seconds: 3600 } }));
    const t0 = Date.now();
    const r = run(process.execPath, [BIN, 'replay', file, '--claims', SLOW, '--time-limit', '1']);
    const { code } = await r.exited;
    expect(code, r.text()).toBe(0);
    expect(r.text()).toMatch(/verdict: inconclusive — cut short by the time limit \(1 s/);
    expect(Date.now() - t0).toBeLessThan(60_000);
  }, 90_000);

  it('SIGTERM ends a replay (exit 143)', async () => {
    const d = tmp();
    const file = join(d, 'slow.json');
    writeFileSync(file, JSON.stringify({ schema: 'muon-claims/counterexample', claim: 'U.slow', mode: 'float', value: { seconds: 3600 } }));
    const r = run(process.execPath, [BIN, 'replay', file, '--claims', SLOW]);
    await r.waitFor(/U\.slow — /);
    r.child.kill('SIGTERM');
    expect((await r.exited).code, r.text()).toBe(143);
  }, 90_000);
});
