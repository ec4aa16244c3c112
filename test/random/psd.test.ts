import { describe, expect, it } from 'vitest';
import { float64 } from '../../src/arith/float64.ts';
import { eigh } from '../../src/linalg/eigh.ts';
import { orthonormalityError } from '../../src/random/matrices.ts';
import { psdTarget } from '../../src/random/psd.ts';
import { rng } from '../../src/random/rng.ts';
import { SPECTRUM_PATTERNS } from '../../src/random/spectrum.ts';

const u = 2 ** -53;

describe('psdTarget', () => {
  it('is exactly symmetric, hits κ exactly, and eigh recovers its spectrum within 10·d·(r+2)·u·λ_max', () => {
    // Error budget. Forming M entrywise, each entry Σ_l λ_l V_il V_jl (|Σ_l V_il V_jl| ≤ 1) is off by ≤ (r+2)·u·λ_max,
    // so ‖ΔM‖₂ ≤ ‖ΔM‖_F ≤ d·(r+2)·u·λ_max; V's departure from orthonormality (O(d·u), haar) perturbs each λ_i only
    // relatively; Jacobi's backward error is O(d·u·‖M‖). By Weyl every eigenvalue is then within a small multiple of
    // d·(r+2)·u·λ_max of the exact one — an absolute bound, so λ_min is only known to about κ·d·r·u relative.
    const r = rng('psd');
    let worst = 0;
    for (const pattern of SPECTRUM_PATTERNS) {
      for (let t = 0; t < 12; t++) {
        const d = r.int(1, 10);
        const rank = r.int(1, d);
        const kappa = rank === 1 ? 1 : Math.exp(r.uniform() * Math.log(1e10));
        const lambdaMax = 0.5 + 4 * r.uniform();
        const P = psdTarget(r.fork(`${pattern}/${t}`), { d, r: rank, kappa, lambdaMax, pattern });
        expect([P.d, P.r, P.kappa, P.pattern]).toEqual([d, rank, kappa, pattern]);
        expect(P.lambdas[0] / P.lambdas[rank - 1]).toBe(kappa);
        for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) expect(P.M.data[i * d + j]).toBe(P.M.data[j * d + i]);
        const { values } = eigh(float64, P.M);
        const expected = [...P.lambdas, ...new Array<number>(d - rank).fill(0)];
        const tol = 10 * d * (rank + 2) * u * P.lambdaMax;
        for (let i = 0; i < d; i++) {
          const err = Math.abs(values[i] - expected[i]);
          worst = Math.max(worst, err / tol);
          expect(err).toBeLessThanOrEqual(tol);
        }
      }
    }
    expect(worst).toBeGreaterThan(0); // the comparison is not vacuous
  });

  it('has V = the first r columns of an orthogonal basis, and M·v_l = λ_l·v_l', () => {
    const P = psdTarget(rng(11), { d: 8, r: 3, kappa: 1e3, pattern: 'geometric' });
    expect([P.V.rows, P.V.cols, P.basis.rows, P.basis.cols]).toEqual([8, 3, 8, 8]);
    expect(orthonormalityError(P.basis)).toBeLessThan(10 * 8 * u);
    for (let i = 0; i < 8; i++) for (let l = 0; l < 3; l++) expect(P.V.data[i * 3 + l]).toBe(P.basis.data[i * 8 + l]);
    for (let l = 0; l < 8; l++) {
      const lambda = l < 3 ? P.lambdas[l] : 0;
      for (let i = 0; i < 8; i++) {
        let mv = 0;
        for (let j = 0; j < 8; j++) mv += P.M.data[i * 8 + j] * P.basis.data[j * 8 + l];
        expect(Math.abs(mv - lambda * P.basis.data[i * 8 + l])).toBeLessThan(100 * u);
      }
    }
  });

  it('keeps the basis of a seed when only the spectrum changes, and is deterministic', () => {
    const a = psdTarget(rng(4), { d: 5, r: 2, kappa: 10 });
    const b = psdTarget(rng(4), { d: 5, r: 2, kappa: 1e6, pattern: 'uniform' });
    expect(b.basis).toEqual(a.basis);
    expect(psdTarget(rng(4), { d: 5, r: 2, kappa: 10 })).toEqual(a);
  });

  it('validates d and r with the allowed range in the message', () => {
    expect(() => psdTarget(rng(1), { d: 0, r: 1, kappa: 1 })).toThrow(/d must be a positive integer/);
    expect(() => psdTarget(rng(1), { d: 3, r: 4, kappa: 2 })).toThrow(/r must be an integer in \[1, d\] = \[1, 3\], got 4/);
    expect(() => psdTarget(rng(1), { d: 3, r: 1, kappa: 2 })).toThrow(/kappa must be 1 when r = 1/);
  });
});
