import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.ts';

/*
 * The package's shape, checked without building it (scripts/package-smoke.sh, run by .ci/run, packs and installs the
 * real tarball): every export points at the build of an existing source, the tarball's file list ships the build and
 * the catalogue's fixtures and nothing of our tests, and src/index.ts exports what README "Writing a claim" promises.
 */

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  main: string;
  types: string;
  exports: Record<string, string | { types: string; default: string }>;
  files: string[];
  bin: Record<string, string>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};
const exists = (path: string): boolean => existsSync(new URL(path, root));
/** dist/a/b.js (or .d.ts) → src/a/b.ts: the source tsconfig.build.json compiles it from. */
const sourceOf = (target: string): string => target.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$|\.js$/, '.ts');

describe('package.json', () => {
  it('main, types and every export point at the build of an existing source', () => {
    expect(sourceOf(pkg.main)).toBe('src/index.ts');
    expect(sourceOf(pkg.types)).toBe('src/index.ts');
    expect(Object.keys(pkg.exports)).toEqual(['.', './vitest', './package.json']);
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') continue;
      expect(target.types, subpath).toMatch(/^\.\/dist\/.*\.d\.ts$/);
      expect(sourceOf(target.types), subpath).toBe(sourceOf(target.default));
      expect(exists(sourceOf(target.default)), `${subpath} → ${sourceOf(target.default)}`).toBe(true);
    }
  });

  it('the tarball holds the build, the bin and the catalogue fixtures, no test, property file or source', () => {
    for (const f of ['dist/', 'bin/', 'fixtures/errata.json', 'fixtures/regressions/']) expect(pkg.files, f).toContain(f);
    for (const f of pkg.files) expect(f, 'a folder of ours that is no part of the package').not.toMatch(/^(src|test|properties|examples|scripts|asm|reports)\b|^fixtures\/?$/);
    for (const f of pkg.files.filter((f) => f !== 'dist/')) expect(exists(f), f).toBe(true);
    expect(exists(pkg.bin['muon-claims']!)).toBe(true);
  });

  it('npm ci builds dist/ (prepare), with the kernels first when there is a kernel build', () => {
    // prepare reports a failed build without failing npm ci (tsc still emits on a type error, which the type check
    // names; the test run is not lost to it).
    expect(pkg.scripts.prepare).toMatch(/^npm run build \|\| /);
    expect(pkg.scripts.build).toContain('npm run build:dist');
    if (pkg.scripts['build:kernels']) expect(pkg.scripts.build).toMatch(/^npm run build:kernels && /);
    expect(pkg.scripts['build:dist']).toBe('node scripts/build-dist.mjs');
    expect(readFileSync(new URL('scripts/build-dist.mjs', root), 'utf8')).toContain("'-p', 'tsconfig.build.json'");
    const build = readFileSync(new URL('tsconfig.build.json', root), 'utf8');
    for (const option of ['"rewriteRelativeImportExtensions": true', '"declaration": true', '"outDir": "dist"']) expect(build).toContain(option);
    expect(readFileSync(new URL('.gitignore', root), 'utf8').split('\n')).toContain('dist/');
  });

  it('what the .d.ts files import is a dependency; vitest is an optional peer', () => {
    for (const d of ['fast-check', 'decimal.js', 'ml-matrix', 'tsx']) expect(pkg.dependencies[d], d).toBeDefined();
    expect(pkg.peerDependencies?.vitest).toBeDefined();
    expect(pkg.peerDependenciesMeta?.vitest?.optional).toBe(true);
  });
});

describe("src/index.ts ('muon-claims')", () => {
  it('exports the kit, the engine, the registry, the fields, the algorithms and the generators', () => {
    for (const name of ['defineClaim', 'probe', 'hyp', 'float64Field', 'rational', 'decimal', 'rhoBin', 'decade', 'runClaim', 'claimById', 'float64', 'exactField', 'rationalField', 'msign', 'svd', 'muon', 'run', 'geo', 'scalarProblem', 'rng', 'fc']) {
      expect(api[name as keyof typeof api], name).toBeDefined();
    }
    expect(api.reference.name).toBe('reference');
    expect(api.plants.length).toBeGreaterThan(0);
    expect(api.claims.length).toBeGreaterThanOrEqual(26);
    expect(typeof api.generators.rho256).toBe('function');
    expect(typeof api.matrix.matmul).toBe('function');
  });
});
