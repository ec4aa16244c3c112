import { readFileSync } from 'node:fs';
import { mkdtempSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { summaryLine } from '../../src/cli/check.ts';
import { COMMANDS } from '../../src/cli/commands.ts';
import { main } from '../../src/cli/main.ts';
import { matchClaims, plural, UsageError } from '../../src/cli/options.ts';
import { claims } from '../../src/claims/registry.ts';
import type { Report } from '../../src/report/report.ts';

/*
 * CLI conventions (issue 13, item 7): --help on every command (exit 0), --version, the environment in the help,
 * --claim with commas and globs, plurals, bad options refused with exit 2 naming the option and its range before
 * anything runs, and `--claims FILE` running a user's own claims through the same engine.
 */

let err: string[];
let out: string[];
beforeEach(() => {
  err = [];
  out = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});
const tmp = (): string => mkdtempSync(join(tmpdir(), 'muon-conv-'));
const write = (d: string, name: string, text: string): string => {
  writeFileSync(join(d, name), text);
  return join(d, name);
};
const USER = new URL('./fixtures/user-claims.ts', import.meta.url).pathname;
const BAD_USER = new URL('./fixtures/user-claims-bad.mjs', import.meta.url).pathname;

describe('help and version', () => {
  for (const c of COMMANDS) {
    it(`${c.name} --help and -h print the usage and exit 0`, async () => {
      expect(await main([c.name, '--help'])).toBe(0);
      expect(out.join('\n')).toContain(`usage: muon-claims ${c.name}`);
      expect(out.join('\n')).toMatch(/-h, --help/);
      out = [];
      expect(await main([c.name, '-h'])).toBe(0);
      expect(out.join('\n')).toContain(`usage: muon-claims ${c.name}`);
      out = [];
      expect(await main(['help', c.name])).toBe(0);
      expect(out.join('\n')).toContain(`usage: muon-claims ${c.name}`);
    });
  }

  it('--help lists every command, the environment (MUON_SEED, MUON_PROFILE) and the exit codes', async () => {
    expect(await main(['--help'])).toBe(0);
    const text = out.join('\n');
    for (const c of COMMANDS) expect(text).toContain(`  ${c.name} `);
    expect(text).toMatch(/MUON_SEED/);
    expect(text).toMatch(/MUON_PROFILE/);
    expect(text).toMatch(/130 interrupted by SIGINT/);
    expect(text).toMatch(/143 terminated by SIGTERM/);
    out = [];
    expect(await main(['check', '--help'])).toBe(0);
    expect(out.join('\n')).toMatch(/MUON_SEED/);
  });

  it('--version and -V print the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await main(['--version'])).toBe(0);
    expect(await main(['-V'])).toBe(0);
    expect(out).toEqual([version, version]);
  });

  it('no command prints the help and exits 2; help of an unknown command exits 2', async () => {
    expect(await main([])).toBe(2);
    expect(err.join('\n')).toMatch(/usage: muon-claims <command>/);
    expect(await main(['help', 'frobnicate'])).toBe(2);
    expect(err.join('\n')).toMatch(/unknown command 'frobnicate'/);
  });
});

describe('--claim: ids, commas and globs', () => {
  const ids = claims.map((c) => c.id);
  it('matches ids, comma lists and globs in registry order', () => {
    expect(matchClaims(['B.NS5,A.L2'], ids)).toEqual(['A.L2', 'B.NS5']);
    expect(matchClaims(['A.L*'], ids)).toEqual(ids.filter((id) => id.startsWith('A.L')));
    expect(matchClaims(['B.?S5', 'A.L2'], ids)).toEqual(['A.L2', 'B.NS5']);
    expect(matchClaims(['A.L2', 'A.L2,A.L2'], ids)).toEqual(['A.L2']);
  });
  it('refuses an unknown id, a glob that matches nothing, and an empty item', () => {
    expect(() => matchClaims(['A.L99'], ids)).toThrow(/unknown claim id 'A\.L99'; known ids: A\.L1/);
    expect(() => matchClaims(['Z*'], ids)).toThrow(/--claim 'Z\*' matches no claim id/);
    expect(() => matchClaims(['A.L2,'], ids)).toThrow(UsageError);
  });
  it('list takes --claim globs and positional ids', async () => {
    expect(await main(['list', '--claim', 'B.*'])).toBe(0);
    expect(out.map((l) => l.split(' ')[0])).toEqual(ids.filter((id) => id.startsWith('B.')));
    out = [];
    expect(await main(['list', 'A.L2', 'B.msign,B.NS5'])).toBe(0);
    expect(out.map((l) => l.split(' ')[0])).toEqual(['A.L2', 'B.msign', 'B.NS5']);
  });
  it('check runs exactly the claims a comma list names', async () => {
    const dir = tmp();
    expect(await main(['check', '--claim', 'B.NS5,B.msign', '--profile', 'quick', '--out', dir])).toBe(0);
    const r = JSON.parse(readFileSync(join(dir, 'claims.json'), 'utf8')) as Report;
    expect(r.claims.map((c) => c.id)).toEqual(['B.msign', 'B.NS5']);
    expect(out[0]).toMatch(/^muon-claims check: 2 claims, profile quick/);
  }, 60_000);
});

describe('plurals', () => {
  it('one claim, two claims; one holds, two hold', () => {
    expect(plural(1, 'claim')).toBe('1 claim');
    expect(plural(2, 'claim')).toBe('2 claims');
    expect(plural(0, 'claim')).toBe('0 claims');
    const s = { claims: 1, holds: 1, violated: 0, knownErrata: 1, inconclusive: 0, probes: 1, probesFound: 1 };
    expect(summaryLine(s)).toBe('1 claim: 1 holds, 0 violated, 1 known erratum, 0 inconclusive; 1 of 1 necessity probe found its counterexample');
    expect(summaryLine({ ...s, claims: 2, holds: 2, knownErrata: 2, probes: 3, probesFound: 3 })).toBe('2 claims: 2 hold, 0 violated, 2 known errata, 0 inconclusive; 3 of 3 necessity probes found their counterexample');
  });
});

describe('bad options and environment: exit 2 before anything runs, naming the option and its range', () => {
  const cases: [string[], RegExp][] = [
    [['check', '--seed=-3'], /--seed must be an integer in \[0, 2\^31 − 1\], got '-3'/],
    [['check', '--seed', '2147483648'], /--seed must be an integer in \[0, 2\^31 − 1\]/],
    [['check', '--time-limit', '0'], /--time-limit must be a number of seconds in \(0, 1e7\]/],
    [['check', '--time-limit', 'Infinity'], /--time-limit must be a number of seconds in \(0, 1e7\]/],
    [['check', '--with-catalogue'], /--with-catalogue needs --claims FILE/],
    [['check', '--with-catalogue=yes'], /--with-catalogue takes no value/],
    [['check', '--claim', 'A.Q*'], /--claim 'A\.Q\*' matches no claim id/],
    [['check', '--profile'], /--profile needs a value \(quick\|default\|deep\)/],
    [['replay'], /needs exactly one FILE/],
    [['replay', 'a.json', '--time-limit', '-1'], /--time-limit must be a number of seconds/],
    [['pin', 'a.json', '--expect', 'maybe'], /--expect must be holds or violated, got 'maybe'/],
    [['merge'], /needs one or more shard directories/],
    [['merge', 'x', '--frob'], /unknown option '--frob' for merge/],
    [['reproduce', 'fig9'], /unknown experiment 'fig9' \(allowed: fig1, fig2, fig3, table1, B\.C42, B\.Fig1, B\.Fig2, all\)/],
    [['reproduce'], /needs an experiment/],
    [['bench', '--slow'], /unknown option '--slow' for bench \(allowed: --quick, --suites, --throughput-seconds, --help/],
    [['list', '--out', 'x'], /unknown option '--out' for list/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), async () => {
      const dir = join(tmp(), 'never');
      const withOut = args[0] === 'check' ? [...args, '--out', dir] : args;
      expect(await main(withOut)).toBe(2);
      expect(err.join('\n')).toMatch(message);
      expect(existsSync(dir)).toBe(false);
    });
  }

  it('a bad MUON_PROFILE or MUON_SEED is named', async () => {
    vi.stubEnv('MUON_PROFILE', 'fast');
    expect(await main(['check', '--out', join(tmp(), 'never')])).toBe(2);
    expect(err.join('\n')).toMatch(/MUON_PROFILE must be one of quick, default, deep, got 'fast'/);
    vi.stubEnv('MUON_PROFILE', 'quick');
    vi.stubEnv('MUON_SEED', '-1');
    expect(await main(['check', '--out', join(tmp(), 'never')])).toBe(2);
    expect(err.join('\n')).toMatch(/MUON_SEED must be an integer in \[0, 2\^31 − 1\], got '-1'/);
  });
});

describe('--claims FILE: a user module of claims, same engine and reports', () => {
  it('check runs the user claims instead of the catalogue', async () => {
    const dir = tmp();
    expect(await main(['check', '--claims', USER, '--profile', 'quick', '--out', dir])).toBe(0);
    const r = JSON.parse(readFileSync(join(dir, 'claims.json'), 'utf8')) as Report;
    expect(r.claims.map((c) => c.id)).toEqual(['U.square']);
    expect(r.claims[0]!.verdict).toBe('holds');
    expect(out.some((l) => /^✔ U\.square/.test(l))).toBe(true);
    for (const f of ['claims.md', 'index.html', 'junit.xml']) expect(existsSync(join(dir, f)), f).toBe(true);
  }, 60_000);

  it('--with-catalogue puts them beside the catalogue (list) and --claim selects among both', async () => {
    expect(await main(['list', '--claims', USER, '--with-catalogue'])).toBe(0);
    expect(out.map((l) => l.split(' ')[0])).toEqual(['U.square', ...claims.map((c) => c.id)]);
    const dir = tmp();
    out = [];
    expect(await main(['check', '--claims', USER, '--with-catalogue', '--claim', 'U.*,B.msign', '--profile', 'quick', '--out', dir])).toBe(0);
    const r = JSON.parse(readFileSync(join(dir, 'claims.json'), 'utf8')) as Report;
    expect(r.claims.map((c) => c.id).sort()).toEqual(['B.msign', 'U.square']);
  }, 60_000);

  it('a user claim that reuses a catalogue id is refused beside the catalogue', async () => {
    const d = tmp();
    const f = write(d, 'clash.mjs', `import { claims as c } from ${JSON.stringify(USER)}; export default { ...c[0], id: 'A.L2' };`);
    expect(await main(['list', '--claims', f, '--with-catalogue'])).toBe(2);
    expect(err.join('\n')).toMatch(/clash\.mjs: claim id 'A\.L2' is also a catalogue claim/);
    // alone, it is the user's own A.L2
    expect(await main(['list', '--claims', f])).toBe(0);
  });

  it('a bad module is refused with exit 2, naming the file and what is wrong', async () => {
    const d = tmp();
    const cases: [string, RegExp][] = [
      [BAD_USER, /user-claims-bad\.mjs: claim 'U\.bad': "check" must be a function.*"probes" must be an array/],
      [join(d, 'missing.ts'), /missing\.ts: no such file/],
      [USER.replace(/\.ts$/, '.json'), /no such file/],
      [write(d, 'noexport.mjs', 'export const x = 1;'), /noexport\.mjs: export a Claim or an array of Claims as `claims` or as the default export \(found exports: x\)/],
      [write(d, 'throws.mjs', 'throw new Error("boom");'), /throws\.mjs: the module failed to load: boom/],
      [write(d, 'empty.mjs', 'export const claims = [];'), /empty\.mjs: the exported array of claims is empty/],
      [write(d, 'notes.txt', 'hello'), /notes\.txt: must be a module ending in \.ts/],
      [write(d, 'twice.mjs', `import { claims as c } from ${JSON.stringify(USER)}; export const claims = [c[0], c[0]];`), /twice\.mjs: claim id 'U\.square' is exported twice/],
    ];
    for (const [file, message] of cases) {
      err = [];
      const dir = join(d, 'never');
      expect(await main(['check', '--claims', file, '--out', dir]), file).toBe(2);
      expect(err.join('\n')).toMatch(message);
      expect(existsSync(dir)).toBe(false);
    }
  });
});
