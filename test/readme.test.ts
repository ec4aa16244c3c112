import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claims } from '../src/claims/registry.ts';
import {
  applyRegions,
  CATALOGUE,
  catalogueFrom,
  describeDrift,
  drift,
  lineDiff,
  loadSnapshot,
  README,
  regionOf,
  renderRegions,
  ROOT,
  SPEC,
} from '../scripts/readme.ts';

/*
 * The README stays true by construction (issue 13, item 10): its generated regions are rewritten by `npm run readme`
 * (scripts/readme.ts) from the registry, the CLI's option specs, the fixtures and docs/verdicts.json — the snapshot
 * of one default-profile run. This test regenerates every region from the same sources and fails on any difference,
 * and checks what it can without re-running the claims: the snapshot names exactly the registry's claims (modes,
 * requested cases, probes), the catalogue copy has every id, and every file the README names exists.
 */

const readme = readFileSync(README, 'utf8');
const FIX = 'run `npm run readme` (after `npm run readme -- --run` when a claim, its cases or a figure changed) and commit README.md and docs/verdicts.json';

describe('README.md', () => {
  it('every generated region equals what its sources give (npm run readme)', () => {
    const d = drift(readme).filter((x) => x.file === 'README.md');
    expect(d.length, `${describeDrift(d)}\n\n${FIX}`).toBe(0);
  });

  it('names no file outside the repository (a clone has no ../shared)', () => {
    expect(readme.replace(/\(`\.\.\/shared\/spec\/claims\.md`, outside this repository\)/, '')).not.toMatch(/\.\.\/shared/);
  });

  it('every file it links or names exists', () => {
    const prose = readme.replace(/^```[\s\S]*?^```/gm, '');
    const links = [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((h) => !/^(https?:|mailto:|#)/.test(h)).map((h) => h.replace(/#.*$/, ''));
    const named = [...prose.matchAll(/`([^`\s]+)`/g)]
      .map((m) => m[1]!)
      .filter((p) => /^(src|test|scripts|properties|fixtures|schemas|docs|examples|bin|asm|\.github)\//.test(p) && !/[<>*…{}]/.test(p));
    const missing = [...new Set([...links, ...named])].filter((p) => !existsSync(join(ROOT, p)));
    expect(missing, `README.md names files that do not exist: ${missing.join(', ')}`).toEqual([]);
  });

  it('links every findings document of docs/findings/', () => {
    const dir = join(ROOT, 'docs', 'findings');
    const docs = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')) : [];
    const unlinked = docs.filter((f) => !readme.includes(`](docs/findings/${f})`));
    expect(unlinked, FIX).toEqual([]);
  });
});

describe('docs/verdicts.json, the run the README quotes', () => {
  const s = loadSnapshot();

  it('names exactly the registry ids, in its order', () => {
    expect(s.check.claims.map((c) => c.id)).toEqual(claims.map((c) => c.id));
    expect(s.check.summary.claims, FIX).toBe(claims.length);
  });

  it("is a complete default-profile run of each claim's current modes, case counts and probes", () => {
    expect(s.check.profile).toBe('default');
    expect(s.check.complete).toBe(true);
    const stale: string[] = [];
    for (const claim of claims) {
      const c = s.check.claims.find((x) => x.id === claim.id)!;
      const modes = c.modes.map((m) => m.mode);
      if ([...modes].sort().join() !== [...claim.modes].sort().join()) stale.push(`${claim.id}: modes ${modes.join('+')} in the snapshot, ${claim.modes.join('+')} in the registry`);
      for (const m of c.modes) {
        const want = claim.cases.default[m.mode as 'float' | 'exact'];
        if (m.requested !== want) stale.push(`${claim.id} ${m.mode}: ${m.requested} cases requested in the snapshot, ${want} in the registry`);
      }
      if (c.probes.total !== claim.probes.length) stale.push(`${claim.id}: ${c.probes.total} probes in the snapshot, ${claim.probes.length} in the registry`);
    }
    expect(stale, `${stale.join('\n')}\n\n${FIX}`).toEqual([]);
  });

  it("summary counts agree with the claims' verdicts", () => {
    const n = (v: string): number => s.check.claims.filter((c) => c.verdict === v).length;
    expect(s.check.summary).toMatchObject({
      holds: n('holds'),
      violated: n('violated'),
      knownErrata: n('violated (known erratum)'),
      inconclusive: n('inconclusive'),
      probes: s.check.claims.reduce((k, c) => k + c.probes.total, 0),
      probesFound: s.check.claims.reduce((k, c) => k + c.probes.found, 0),
    });
  });

  it('records its seed, profile, date and commit, and the figures run', () => {
    expect(s.check.seed).toEqual(expect.any(Number));
    expect(s.check.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(s.check.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(s.figures?.experiments.map((e) => e.name)).toEqual(['fig1', 'fig2', 'fig3', 'table1']);
    for (const e of s.figures!.experiments) expect(e.lines.length, e.name).toBeGreaterThan(0);
  });
});

describe('docs/catalogue.md', () => {
  const text = readFileSync(CATALOGUE, 'utf8');

  it('has an entry (an anchor the claims table links) for every registry id', () => {
    const missing = claims.map((c) => c.id).filter((id) => !text.includes(`<a id="${id}"></a>`));
    expect(missing).toEqual([]);
  });

  it.runIf(existsSync(SPEC))('is the current copy of ../shared/spec/claims.md', () => {
    const d = drift(readme).filter((x) => x.file === 'docs/catalogue.md');
    expect(d.length, `${describeDrift(d)}\n\n${FIX}`).toBe(0);
    expect(text).toBe(catalogueFrom(readFileSync(SPEC, 'utf8')));
  });
});

describe('the generator', () => {
  const regions = renderRegions();

  it('reports a hand edit inside a region as drift, with the line', () => {
    const clean = applyRegions(readme, regions); // up to date, whatever the working tree holds
    const edited = clean.replace(/(<!-- generated:summary -->[\s\S]*?)(\*\*Status\.\*\*)/, '$1**Status (edited).**');
    expect(edited).not.toBe(clean);
    const d = drift(edited, regions).filter((x) => x.file === 'README.md');
    expect(d.map((x) => x.region)).toEqual(['summary']);
    const text = describeDrift(d);
    expect(text).toContain('region "summary"');
    expect(text).toMatch(/^ {4}- \*\*Status \(edited\)\.\*\*/m);
    expect(text).toMatch(/^ {4}\+ \*\*Status\.\*\*/m);
    // and applying the regions undoes it, leaving everything outside them alone
    expect(applyRegions(edited, regions)).toBe(clean);
  });

  it('refuses a README whose markers are missing or repeated', () => {
    expect(() => applyRegions(readme.replace('<!-- /generated:claims -->', ''), regions)).toThrow(/region "claims"/);
    expect(() => applyRegions(`${readme}\n<!-- generated:cli -->\n<!-- /generated:cli -->\n`, regions)).toThrow(/region "cli"/);
  });

  it('lineDiff marks removed and added lines', () => {
    expect(lineDiff('a\nb\nc', 'a\nB\nc')).toEqual(['  a', '- b', '+ B', '  c']);
    expect(lineDiff('same', 'same')).toEqual([]);
  });

  it('`npm run readme -- --check` prints the drift and exits 0 on an up-to-date README', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/readme.ts', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toMatch(/up to date/);
    expect(r.status).toBe(0);
  }, 60_000);
});
