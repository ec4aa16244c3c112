/*
 * B.Fig1 / B.Fig2 over seeds 1 … N: which assertions fail, with the settings overridden by a JSON object.
 *   npx tsx scripts/b-fig-seeds.ts 1 '{"T":200}' 30          (Fig. 1, 30 seeds)
 *   npx tsx scripts/b-fig-seeds.ts 2 '{}' 16                 (Fig. 2 at the figure's size, 16 seeds)
 *   npx tsx scripts/b-fig-seeds.ts 2 '{"d":10,"B":100,"T":300}' 10
 * docs/findings/B-structure.md quotes its output.
 */
import { BFIG1, runBFig1, assessBFig1 } from '../src/reproduce/b-fig1.ts';
import { BFIG2, runBFig2, assessBFig2 } from '../src/reproduce/b-fig2.ts';
import { reference } from '../src/impl/impl.ts';
const which = process.argv[2]; const over = JSON.parse(process.argv[3] ?? '{}'); const n = Number(process.argv[4] ?? 8);
const fails: Record<string, number> = {}; let ms = 0;
for (let seed = 1; seed <= n; seed++) {
  const d = which === '1' ? runBFig1({ ...BFIG1, ...over, seed }, reference) : runBFig2({ ...BFIG2, ...over, seed }, reference);
  ms += d.elapsedMs;
  const as = which === '1' ? assessBFig1(d as any) : assessBFig2(d as any);
  for (const a of as) if (!a.holds) { fails[a.name] = (fails[a.name] ?? 0) + 1; console.log('seed', seed, 'FAIL', a.name, a.tolerance); }
}
console.log('mean ms', ms / n, fails);
