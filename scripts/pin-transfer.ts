/*
 * Pins every transfer-matrix counterexample of a check run (files <claim>@<variant>-<hash>.json) into
 * fixtures/regressions/<claim>.json, expecting "violated": each failing cell's shrunk, confirmed case is then replayed
 * first in its own cell on every later run (a variant pin never replays in the claim's own run).
 *   node bin/muon-claims.mjs check --out /tmp/run && npx tsx scripts/pin-transfer.ts /tmp/run/counterexamples
 * A case already pinned is skipped by pin itself (same values); an unconfirmed one is refused, as by `muon-claims pin`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pinCommand } from '../src/cli/pin.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npx tsx scripts/pin-transfer.ts COUNTEREXAMPLES_DIR');
  process.exit(2);
}
const files = readdirSync(dir).filter((f) => /^[^@]+@[^-]+(?:-[^-]+)*-[0-9a-f]+\.json$/.test(f) && f.includes('@')).sort();
let pinned = 0;
let refused = 0;
for (const f of files) {
  const code = await pinCommand([join(dir, f), '--expect', 'violated', '--note', `transfer matrix: ${f.replace(/-[0-9a-f]+\.json$/, '')} (a finding about practical Muon, not an erratum of the paper)`]);
  if (code === 0) pinned++;
  else refused++;
}
console.log(`${files.length} variant counterexamples: ${pinned} pinned, ${refused} refused`);
