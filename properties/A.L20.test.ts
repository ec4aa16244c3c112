import { describe, expect, it } from 'vitest';
import claim from '../src/claims/catalogue/A.L20.ts';
import { l20Deviations } from '../src/cases/gaussian.ts';
import { clopperPearson } from '../src/claims/kit/rate.ts';
import { reference } from '../src/impl/impl.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);

/*
 * How loose (195) is, measured. Per (n, d), 300 Gaussian draws (fixed streams: reproducible) of the deviations
 * t = σ_max − √n − √d and u = √n − √d − σ_min; (195) says P[t ≥ x] ≤ e^{−x²/2} and P[u ≥ x] ≤ e^{−x²/2} for
 * x = √n·δ ≥ 0. Printed: the empirical tail at x = 0, 1, 2 with its 95 % Clopper–Pearson interval against e^{−x²/2}.
 * Asserted: the data never reject the bound (the interval at 1 − 1e-7 starts below e^{−x²/2}).
 */
const SHAPES: readonly [number, number][] = [[1, 1], [5, 5], [100, 20], [50, 50]];
const XS = [0, 1, 2];
const DRAWS = 300;

describe('A.L20: the tails of (195) measured', () => {
  it('per (n, d): P[t ≥ x] and P[u ≥ x] with intervals against e^{−x²/2}', () => {
    const rows: string[] = [];
    for (const [n, d] of SHAPES) {
      const dev = l20Deviations(reference.float, `A.L20 tails ${n}x${d}`, n, d, DRAWS);
      const cells: string[] = [];
      for (const [side, xs] of [['σ_max', dev.upper], ['σ_min', dev.lower]] as const) {
        for (const x of XS) {
          const k = xs.filter((t) => t >= x).length;
          const ci = clopperPearson(k, DRAWS);
          cells.push(`${side} x=${x}: ${k}/${DRAWS} [${ci.lo.toFixed(3)}, ${ci.hi.toFixed(3)}] vs ${Math.exp(-(x * x) / 2).toFixed(3)}`);
          expect(clopperPearson(k, DRAWS, 1e-7).lo, `n = ${n}, d = ${d}, ${side}, x = ${x}`).toBeLessThanOrEqual(Math.exp(-(x * x) / 2));
        }
      }
      rows.push(`n = ${n}, d = ${d}: mean t ${(dev.upper.reduce((a, b) => a + b, 0) / DRAWS).toFixed(3)}, max t ${dev.upper[DRAWS - 1]!.toFixed(3)}, max u ${dev.lower[DRAWS - 1]!.toFixed(3)}; ${cells.join('; ')}`);
    }
    console.log(`A.L20, tails of (195) (t = σ_max − √n − √d, u = √n − √d − σ_min; x = √n·δ):\n  ${rows.join('\n  ')}`);
  }, 60_000);
});
