#!/usr/bin/env node
/**
 * `npm run build:dist`: the package's JavaScript and declarations. Empties dist/, compiles src/ with
 * tsconfig.build.json (`.ts` imports rewritten to `.js`, a `.d.ts` beside each file, the CLI's `.mjs` worker entries
 * carried over), then copies the other files of src/ that the code finds beside itself (src/bench/numpy_step.py).
 * Exits with tsc's status: on a type error tsc still emits everything, and the assets are copied all the same.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
process.chdir(root);
rmSync('dist', { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const { status } = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
const source = /\.([cm]?ts|mjs)$/; // compiled (or carried over) by tsc
cpSync('src', 'dist', { recursive: true, filter: (f) => statSync(f).isDirectory() || !source.test(f) });
process.exit(status ?? 1);
