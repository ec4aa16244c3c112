import { describe, expect, it } from 'vitest';
import { BC42, assessBC42, renderBC42, runBC42, summaryBC42 } from '../../src/reproduce/b-c42.ts';
import { reference } from '../../src/impl/impl.ts';

describe('reproduce B.C42 (tiny settings)', () => {
  const d = runBC42({ ...BC42, Ts: [16, 64, 256], seeds: 4 }, reference);
  it('runs both arms of three panels, one run per T at σ = 0, with limits around the means', () => {
    expect(d.arms.map((a) => `${a.panel}/${a.rule}`)).toEqual(['skewed/momentum', 'skewed/none', 'gaussian/momentum', 'gaussian/none', 'deterministic/momentum', 'deterministic/none']);
    for (const a of d.arms) {
      expect(a.T).toEqual([16, 64, 256]);
      for (let i = 0; i < a.T.length; i++) {
        expect(a.lo[i]).toBeLessThanOrEqual(a.mean[i]);
        expect(a.hi[i]).toBeGreaterThanOrEqual(a.mean[i]);
        if (a.panel === 'deterministic') expect(a.hi[i]).toBe(a.lo[i]);
      }
    }
  });
  it('assesses B.C42’s six statements and prints its settings in the figure', () => {
    const as = assessBC42(d);
    expect(as).toHaveLength(6);
    expect(as.every((a) => a.claim === 'B.C42')).toBe(true);
    const svg = renderBC42(d);
    expect(svg).toContain('each T a separate run'); // the step-size rule's line is printed
    expect(svg).toContain('independent noise seeds per point');
    expect(svg).toContain('<polygon');
    expect(summaryBC42(d)[0]).toContain('σ = 5‖∇f(W₀)‖_F');
  });
});
