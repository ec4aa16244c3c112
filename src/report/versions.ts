import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function versionOf(pkgJson: string): string {
  try {
    return (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The tool's version and the installed versions of the dependencies that decide verdicts, for claims.json. */
export function versions(): { tool: string; node: string; dependencies: Record<string, string> } {
  const deps = ['fast-check', 'decimal.js', 'ml-matrix', 'seedrandom', 'vitest'];
  return {
    tool: versionOf(`${ROOT}package.json`),
    node: process.version,
    dependencies: Object.fromEntries(deps.map((d) => [d, versionOf(`${ROOT}node_modules/${d}/package.json`)])),
  };
}
