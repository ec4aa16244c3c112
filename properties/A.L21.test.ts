import { describe, expect, it } from 'vitest';
import claim, { C_GATE } from '../src/claims/catalogue/A.L21.ts';
import { l21Ratios } from '../src/cases/gaussian.ts';
import { clopperPearson } from '../src/claims/kit/rate.ts';
import { lsSlope } from '../src/linalg/fit.ts';
import { reference } from '../src/impl/impl.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);

/*
 * The open constant C of (196), measured with c = 0 (the Gaussian form; with c > 0 the bound only loosens). Per
 * shape N×n, 600 Gaussian draws (fixed streams, so the numbers below are reproducible); on a fixed grid of ε,
 * p̂(ε) = #{σ_min ≤ ε(√N − √(n−1))}/600 with its Clopper–Pearson interval, Bonferroni-corrected over the grid. Then
 *  - C_lo = max_ε lo(ε)^{1/(N−n+1)}/ε: every C below it is rejected by the data (95 %, simultaneously over the grid) —
 *    the smallest C consistent with the data;
 *  - Ĉ = max_ε p̂(ε)^{1/(N−n+1)}/ε over the ε with ≥ 5 events, the point estimate on the grid (no upper bound
 *    exists from finite data: the sup may sit at an ε below the grid);
 *  - the fitted slope of log p̂ against log ε where 5 ≤ #events ≤ 300: the rate exponent, against N − n + 1.
 * The gate's constant C_gate = 2 must stay consistent with the data: asserted with the interval at 1 − 1e-7 (so that
 * the assertion itself false-alarms less than once in 10⁷ runs if the sup over the grid is ≤ 2).
 */
const GRID = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
const SHAPES: readonly [number, number][] = [[1, 1], [8, 8], [3, 2], [12, 10], [20, 10], [40, 20], [30, 1]];
const DRAWS = 600;

describe('A.L21: the constant C of (196) measured (c = 0)', () => {
  it('per shape: the smallest C consistent with the data, the grid estimate, the rate exponent; C_gate = 2 consistent', () => {
    const rows: string[] = [];
    for (const [N, n] of SHAPES) {
      const m = N - n + 1;
      const ratios = l21Ratios(reference.float, `A.L21 constant ${N}x${n}`, N, n, DRAWS);
      let cLo = 0;
      let cHat = 0;
      let cStrict = 0;
      let at = 0;
      const xs: number[] = [];
      const ys: number[] = [];
      for (const eps of GRID) {
        const k = ratios.filter((x) => x <= eps).length;
        const lo = clopperPearson(k, DRAWS, 0.025 / GRID.length).lo;
        const strict = clopperPearson(k, DRAWS, 1e-7 / GRID.length).lo;
        const hat = (k / DRAWS) ** (1 / m) / eps;
        if (k >= 5 && hat > cHat) {
          cHat = hat;
          at = eps;
        }
        cLo = Math.max(cLo, lo ** (1 / m) / eps);
        cStrict = Math.max(cStrict, strict ** (1 / m) / eps);
        if (k >= 5 && k <= DRAWS / 2) {
          xs.push(Math.log(eps));
          ys.push(Math.log(k / DRAWS));
        }
      }
      const slope = xs.length >= 2 ? lsSlope(xs, ys).toFixed(2) : 'n/a';
      rows.push(`${N}×${n} (N−n+1 = ${m}): C_lo = ${cLo.toFixed(3)}, Ĉ = ${cHat.toFixed(3)} at ε = ${at}, rate exponent ${slope} (${xs.length} ε)`);
      expect(cStrict, `${N}×${n}: the data reject C = ${C_GATE}`).toBeLessThanOrEqual(C_GATE);
    }
    console.log(`A.L21, smallest C consistent with ${DRAWS} draws per shape (95 %, Bonferroni over ${GRID.length} ε):\n  ${rows.join('\n  ')}`);
  }, 60_000);
});
