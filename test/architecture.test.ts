import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * The one-way dependency rule of src/ (issue 10): every relative import of every src/**\/*.ts file —
 * `import`, `import type`, `export … from` and `import('…')` alike, read with TypeScript's own pre-processor so that
 * code in comments does not count — goes to the importer's own folder or to a folder BELOW it in LAYERS. Inside
 * src/claims the same rule holds between its rooms (CLAIM_ROOMS), and a catalogue file (one claim) imports no other
 * catalogue file: it is written on the kit and the lower folders only.
 *
 * A new folder must be given its place here before anything imports it (the test fails on a folder it does not know).
 */

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** The folders of src/, lowest first; one row is one rank (its folders may import each other). */
const LAYERS: readonly (readonly string[])[] = [
  ['util'], // plain Node helpers, no project imports (the atomic write)
  ['arith'], // fields: float64, decimal, Q
  ['linalg'], // matrices, msign, SVD, norms (and the fast kernels, linalg/fast)
  ['problems', 'schedules', 'optimizers'], // the objects of the papers and the algorithms under test
  ['random'], // Rng-based builders of instances
  ['generators'], // fast-check arbitraries
  ['impl'], // the implementation under test and its planted bugs
  ['cases'], // case builders and runners shared by claims (through an Impl)
  ['reproduce'], // the paper's figures and table (and their assertions)
  ['claims'], // the kit, the catalogue, the engine (rooms below)
  ['report'], // claims.json, markdown, html, junit
  ['cli', 'bench', 'testing', 'index.ts'], // front ends: the CLI, the benchmarks, the vitest front end, the package entry
];

/**
 * The rooms of src/claims, by path inside claims/, and the rooms each may import (besides the lower folders): the
 * engine's vocabulary and searches; the kit on top of them; the catalogue on the kit alone (it reaches the vocabulary
 * through the kit's re-exports, and never another catalogue file); the engine, registry and fixtures over all of them.
 */
const CLAIM_ROOMS: readonly { readonly room: string; readonly holds: (path: string) => boolean; readonly mayImport: readonly string[] }[] = [
  { room: 'claims/{types,search,binomial}', holds: (p) => ['types.ts', 'search.ts', 'binomial.ts'].includes(p), mayImport: ['claims/{types,search,binomial}'] },
  { room: 'claims/kit', holds: (p) => p.startsWith('kit/'), mayImport: ['claims/kit', 'claims/{types,search,binomial}'] },
  { room: 'claims/catalogue', holds: (p) => p.startsWith('catalogue/'), mayImport: ['claims/kit'] },
  { room: 'claims (engine, registry, …)', holds: () => true, mayImport: ['claims/{types,search,binomial}', 'claims/kit', 'claims/catalogue', 'claims (engine, registry, …)'] },
];


type Place = { readonly rank: number; readonly room?: (typeof CLAIM_ROOMS)[number]; readonly what: string };

function rankOf(path: string): number | undefined {
  const top = path.includes('/') ? path.slice(0, path.indexOf('/')) : path;
  const i = LAYERS.findIndex((row) => row.includes(top));
  return i < 0 ? undefined : i;
}

/** Where a file (relative to src/, with '/') sits: its rank, and inside claims/ its room. */
function placeOf(path: string): Place | undefined {
  const rank = rankOf(path);
  if (rank === undefined) return undefined;
  if (!path.startsWith('claims/')) return { rank, what: path.split('/')[0]! };
  const inner = path.slice('claims/'.length);
  const room = CLAIM_ROOMS.find((r) => r.holds(inner))!;
  return { rank, room, what: room.room };
}

/** Why `from` may not import `to` (both relative to src/), or undefined when it may. */
function violation(from: string, to: string): string | undefined {
  if (to.startsWith('..')) return 'imports from outside src/';
  const a = placeOf(from);
  const b = placeOf(to);
  if (!a) return `${from} is in a folder without a place in LAYERS`;
  if (!b) return `${to} is in a folder without a place in LAYERS`;
  if (b.rank > a.rank) return `${a.what} (rank ${a.rank}) imports ${b.what} (rank ${b.rank}), a folder above it`;
  if (a.room && b.room && !a.room.mayImport.includes(b.room.room)) {
    if (a.room === b.room) return 'a catalogue file imports another catalogue file (claims share code through src/cases, src/generators, src/linalg or the kit)';
    return `${a.what} imports ${b.what}: within claims/ it may import only ${a.room.mayImport.join(', ')}`;
  }
  return undefined;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : name.endsWith('.ts') ? [p] : [];
  });
}

const posix = (p: string): string => p.split(sep).join('/');

/** Every relative import of src/, as [importer, imported] relative to src/. */
function imports(): [string, string][] {
  const out: [string, string][] = [];
  for (const file of tsFiles(SRC)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) continue; // packages and node: builtins
      out.push([posix(relative(SRC, file)), posix(relative(SRC, resolve(dirname(file), fileName)))]);
    }
  }
  return out;
}

describe('architecture: the one-way dependency rule of src/', () => {
  const all = imports();

  it('reads the imports of every folder', () => {
    expect(all.length).toBeGreaterThan(100);
    for (const row of LAYERS) for (const f of row) if (f !== 'index.ts') expect(statSync(join(SRC, f), { throwIfNoEntry: false }), `LAYERS names src/${f}, which does not exist`).toBeDefined();
  });

  it('every folder of src/ has a place in the order', () => {
    const unknown = readdirSync(SRC).filter((n) => rankOf(n) === undefined && (statSync(join(SRC, n)).isDirectory() || n.endsWith('.ts')));
    expect(unknown, 'give each new folder its rank in LAYERS (test/architecture.test.ts)').toEqual([]);
  });

  it('no folder imports from a folder above it; catalogue files import only the kit and the lower folders', () => {
    const bad: string[] = [];
    for (const [from, to] of all) {
      const why = violation(from, to);
      if (why) bad.push(`src/${from} → src/${to}: ${why}`);
    }
    expect(bad, bad.join('\n')).toEqual([]);
  });

  it('the rule itself (examples)', () => {
    expect(violation('reproduce/common.ts', 'claims/types.ts')).toMatch(/above/);
    expect(violation('reproduce/index.ts', 'report/atomic.ts')).toMatch(/above/);
    expect(violation('report/atomic.ts', 'util/atomic.ts')).toBeUndefined();
    expect(violation('optimizers/muon.ts', 'problems/problem.ts')).toBeUndefined(); // one rank
    expect(violation('claims/catalogue/A.L2.ts', 'claims/kit/index.ts')).toBeUndefined();
    expect(violation('claims/catalogue/A.L2.ts', 'cases/scalar.ts')).toBeUndefined();
    expect(violation('claims/catalogue/A.L2.ts', 'claims/types.ts')).toMatch(/may import only/);
    expect(violation('claims/catalogue/A.T3.ts', 'claims/catalogue/A.L9.ts')).toMatch(/another catalogue file/);
    expect(violation('claims/kit/define.ts', 'claims/search.ts')).toBeUndefined();
    expect(violation('claims/kit/define.ts', 'claims/engine.ts')).toMatch(/may import only/);
    expect(violation('claims/types.ts', 'claims/kit/index.ts')).toMatch(/may import only/);
    expect(violation('claims/registry.ts', 'claims/catalogue/A.L2.ts')).toBeUndefined();
    expect(violation('cli/main.ts', 'bench/bench.ts')).toBeUndefined();
    expect(violation('linalg/msign.ts', '../asm/kernels.ts')).toMatch(/outside/);
    expect(violation('nowhere/x.ts', 'arith/field.ts')).toMatch(/without a place/);
  });
});
