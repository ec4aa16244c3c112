import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { pinCommand } from '../../src/cli/pin.ts';
import { withoutTiming, type Report } from '../../src/report/report.ts';

/*
 * The CLI as a user meets it: bad usage answered with exit 2 and a message naming the parameter and its range, and no
 * report written; a check writes every report file; the same seed gives the same claims.json; shards merge; SIGINT
 * leaves an incomplete report.
 */

const BIN = fileURLToPath(new URL('../../bin/muon-claims.mjs', import.meta.url));
let err: string[];
let out: string[];

beforeEach(() => {
  err = [];
  out = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

const tmp = (): string => mkdtempSync(join(tmpdir(), 'muon-cli-'));
const readReport = (dir: string): Report => JSON.parse(readFileSync(join(dir, 'claims.json'), 'utf8')) as Report;

describe('bad usage: exit 2, the parameter and its range named, nothing written', () => {
  const cases: [string[], RegExp][] = [
    [['--profile', 'fast'], /--profile must be one of quick, default, deep, got 'fast'/],
    [['--seed', '-1'], /--seed must be an integer in \[0, 2\^31 − 1\]/],
    [['--seed', 'abc'], /--seed must be an integer/],
    [['--mode', 'fast'], /--mode must be float, exact or both/],
    [['--shard', '3/2'], /--shard must be i\/n with 1 ≤ i ≤ n/],
    [['--shard', 'x'], /--shard must be i\/n/],
    [['--time-limit', '-5'], /--time-limit must be a number of seconds in \(0, 1e7\]/],
    [['--claim'], /--claim needs a value \(ID\[,ID…\]\|GLOB\)/],
    [['--claim', 'A.L99'], /unknown claim id 'A\.L99'; known ids: /],
    [['--frobnicate'], /unknown option '--frobnicate'/],
  ];
  for (const [args, message] of cases) {
    it(`check ${args.join(' ')}`, async () => {
      const dir = join(tmp(), 'never');
      expect(await main(['check', ...args, '--out', dir])).toBe(2);
      expect(err.join('\n')).toMatch(message);
      expect(existsSync(dir)).toBe(false);
    });
  }

  it('an unknown command', async () => {
    expect(await main(['frobnicate'])).toBe(2);
    expect(err.join('\n')).toMatch(/unknown command 'frobnicate'/);
  });

  it('replay and pin of a missing, corrupt or foreign counterexample file', async () => {
    const d = tmp();
    const write = (name: string, text: string): string => {
      writeFileSync(join(d, name), text);
      return join(d, name);
    };
    const files: [string, RegExp][] = [
      [join(d, 'missing.json'), /cannot be read \(ENOENT\)/],
      [write('corrupt.json', '{"schema": "muon-claims/counterexample", '), /not valid JSON/],
      [write('foreign.json', '{"hello": 1}'), /"schema" must be "muon-claims\/counterexample"/],
      [write('unknown.json', '{"schema": "muon-claims/counterexample", "claim": "A.L99", "mode": "float", "value": 1}'), /unknown claim id 'A\.L99'/],
      [write('mode.json', '{"schema": "muon-claims/counterexample", "claim": "B.msign", "mode": "fast", "value": 1}'), /"mode" must be "float" or "exact"/],
      [write('novalue.json', '{"schema": "muon-claims/counterexample", "claim": "B.msign", "mode": "float"}'), /"value" is missing/],
      [write('path.json', '{"schema": "muon-claims/counterexample", "claim": "B.msign", "mode": "float", "value": 1, "seed": 1, "path": "a:b"}'), /"path" must match/],
    ];
    for (const [file, message] of files) {
      err = [];
      expect(await main(['replay', file]), file).toBe(2);
      expect(err.join('\n')).toMatch(message);
      err = [];
      expect(await pinCommand([file], d), file).toBe(2);
      expect(err.join('\n')).toMatch(message);
    }
  });

  it('a stored case that is not a valid instance is named, not run', async () => {
    const d = tmp();
    const bad = { schema: 'muon-claims/counterexample', claim: 'B.msign', mode: 'float', value: { m: 2, n: 2, rank: 2, seed: 1, G: { rows: 2, cols: 2, data: [1, 2, 3] }, competitors: [] } };
    writeFileSync(join(d, 'bad.json'), JSON.stringify(bad));
    const code = await main(['replay', join(d, 'bad.json')]);
    expect(code).not.toBe(0);
  });
});

describe('check, replay, pin and merge', () => {
  it('writes claims.json, claims.md, index.html and junit.xml; the same seed gives the same claims.json', async () => {
    const a = tmp();
    const b = tmp();
    expect(await main(['check', '--claim', 'B.msign', '--profile', 'quick', '--seed', '7', '--out', a])).toBe(0);
    expect(await main(['check', '--claim', 'B.msign', '--profile', 'quick', '--seed', '7', '--out', b])).toBe(0);
    for (const f of ['claims.json', 'claims.md', 'index.html', 'junit.xml']) expect(existsSync(join(a, f)), f).toBe(true);
    const r = readReport(a);
    expect(r.schema).toBe('muon-claims/claims-report');
    expect(r.complete).toBe(true);
    expect(r.run).toMatchObject({ profile: 'quick', seed: 7, frontEnd: 'cli' });
    expect(withoutTiming(r)).toEqual(withoutTiming(readReport(b)));
    expect(out.some((l) => /^✔ B\.msign/.test(l))).toBe(true);
  });

  it('replays a pinned regression: the fixture file itself, and the counterexample file a check writes for it', async () => {
    const pinned = fileURLToPath(new URL('../../fixtures/regressions/A.T1a.json', import.meta.url));
    expect(await main(['replay', pinned])).toBe(0);
    expect(out.join('\n')).toMatch(/every pinned case reproduces as pinned/);
    const dir = tmp();
    expect(await main(['check', '--claim', 'A.T1a', '--profile', 'quick', '--out', dir])).toBe(0);
    const r = readReport(dir);
    expect(r.claims[0]!.verdict).toBe('violated (known erratum)');
    const file = r.counterexampleFiles['A.T1a']![0]!;
    out = [];
    expect(await main(['replay', join(dir, 'counterexamples', file)])).toBe(0);
    expect(out.join('\n')).toMatch(/exact: violated/);
    expect(out.join('\n')).toMatch(/verdict: violated \(known erratum A\.T1a-alpha-boundary\)/);
    // pin refuses a duplicate of what is already pinned
    const regs = tmp();
    expect(await pinCommand([join(dir, 'counterexamples', file)], regs)).toBe(0);
    expect(await pinCommand([join(dir, 'counterexamples', file)], regs)).toBe(0);
    expect(JSON.parse(readFileSync(join(regs, 'A.T1a.json'), 'utf8')).cases).toHaveLength(1);
  }, 60_000);

  it('merges shards; a missing shard or a claim twice is reported', async () => {
    const s1 = tmp();
    const s2 = tmp();
    const merged = tmp();
    expect(await main(['check', '--claim', 'B.msign', '--profile', 'quick', '--shard', '1/2', '--out', s1])).toBe(0);
    expect(await main(['check', '--claim', 'B.msign', '--profile', 'quick', '--shard', '2/2', '--out', s2])).toBe(0);
    expect(readReport(s2).claims).toHaveLength(0);
    expect(await main(['merge', s1, s2, '--out', merged])).toBe(0);
    expect(readReport(merged).claims.map((c) => c.id)).toEqual(['B.msign']);
    // Only B.msign was checked: the merged report lists the other claims as not run, but no shard as missing.
    expect(readReport(merged).incomplete ?? '').not.toMatch(/shards missing/);
    expect(await main(['merge', s1, '--out', merged])).toBe(0);
    expect(readReport(merged).incomplete).toMatch(/shards missing: 2\/2/);
    expect(await main(['merge', s1, s1, '--out', merged])).toBe(2);
    expect(err.join('\n')).toMatch(/appears in more than one report/);
  });

  it('SIGINT stops the run and leaves a report marked incomplete (exit 130)', async () => {
    const dir = tmp();
    const child = spawn(process.execPath, [BIN, 'check', '--claim', 'A.T1b', '--profile', 'deep', '--out', dir], { stdio: 'pipe' });
    let text = '';
    child.stdout.on('data', (d) => (text += String(d)));
    child.stderr.on('data', (d) => (text += String(d)));
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    // Interrupt once the claim is running (its first progress line), not while the CLI is still loading.
    await new Promise<void>((r) => {
      const poll = setInterval(() => {
        if (/claims?, profile deep/.test(text)) {
          clearInterval(poll);
          setTimeout(r, 500);
        }
      }, 50);
    });
    child.kill('SIGINT');
    const code = await exited;
    expect(code, text).toBe(130);
    const r = readReport(dir);
    expect(r.complete).toBe(false);
    expect(r.incomplete).toMatch(/interrupted by SIGINT/);
    expect(r.claims.every((c) => c.verdict !== 'holds')).toBe(true);
  }, 60_000);
});
