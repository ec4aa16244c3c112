import fc, { type Arbitrary } from 'fast-check';
import { exactField } from '../../arith/exact.ts';
import type { Field } from '../../arith/field.ts';
import { fromRows, zeros } from '../../linalg/mat.ts';
import type { Impl } from '../../impl/impl.ts';
import { decimalIn } from '../../generators/index.ts';
import { friendlyLambdas, geoEtas, iclScalar, measured, placesOf, prefactorFor, provenExact } from '../../cases/aligned.ts';
import { decade, decades, defineClaim, float64Field, hyp, probe, rhoBin, RHO_BINS, worstAt } from '../kit/index.ts';

/*
 * A.L9 (paper A, Lemma 9, §4; reconstructed): the ICL scalar sequence w_{t+1} = w_t − η_t sign(w_t − 1/λ) (73) from
 * w_0 = 0 with η_t = Cρ^t, ρ ∈ [1/2, 1), C ≥ 1/(2λ_min) (λ ≥ λ_min) satisfies (74) |w_{t+1} − 1/λ| ≤ η_t for all t.
 *
 * The sequence is produced by the implementation under test: P.icl with Σ = [λ] (d = 1, where msign is the sign) run
 * by Muon with S.geo, one run per eigenvalue λᵢ of a Σ whose smallest eigenvalue fixes C. The right-hand side η_t is
 * computed here from (C, ρ), not read back from the schedule, so a schedule that forgets ρ^t is caught.
 *
 * Exact mode: λᵢ = λ_max/(2^a·5^b) with λ_max = 2^x·5^y·10^z, so 1/λᵢ is a finite decimal, and C, ρ are decimals:
 * every w_t is a finite decimal, and proveExact (P vs 2P digits) proves the run exact; (74) is then decided exactly.
 * Float mode: the same decimal parameters rounded to doubles, with the argued tolerance below.
 */

export interface L9Case {
  /** Eigenvalues λᵢ of Σ (decimal strings); λ_min is the smallest. */
  readonly lambdas: readonly string[];
  /** C ≥ 1/(2λ_min) (decimal string). */
  readonly C: string;
  readonly rho: string;
  readonly steps: number;
}

/** λ_max·2^-a·5^-b: finite decimal with a finite-decimal inverse. */
const LMAX = ['1', '2', '4', '5', '0.5', '0.25', '0.2', '8', '10', '0.1'];
function inverseFriendly(maxLog10: number): Arbitrary<{ lmax: string; divs: [number, number][] }> {
  const div = fc.tuple(fc.integer({ min: 0, max: Math.ceil(maxLog10 * 3.33) }), fc.integer({ min: 0, max: Math.ceil(maxLog10 * 1.44) })).filter(([a, b]) => a * Math.log10(2) + b * Math.log10(5) <= maxLog10 + 1e-9);
  return fc.record({ lmax: fc.constantFrom(...LMAX), divs: fc.array(div, { minLength: 0, maxLength: 3 }) });
}

/** Cases with κ ≤ 10^maxLog10 and C = (1 + f)/(2λ_min). */
function draws(maxLog10: number, f: Arbitrary<string>, rho: Arbitrary<string>, steps: Arbitrary<number>): Arbitrary<L9Case> {
  return fc.record({ spec: inverseFriendly(maxLog10), f, rho, steps }).map(({ spec, f, rho, steps }) => {
    const lambdas = friendlyLambdas(spec.lmax, spec.divs);
    return { lambdas, C: prefactorFor(lambdas[lambdas.length - 1]!, f), rho, steps };
  });
}

// f ∈ [0, 1] with the boundary C = 1/(2λ_min) (f = 0) drawn on purpose; ρ ∈ [1/2, 1).
const f = fc.oneof({ arbitrary: decimalIn(0, 1, 2), weight: 4 }, { arbitrary: fc.constant('0'), weight: 1 });
const exactCases = draws(6, f, fc.oneof(decimalIn(0.5, 0.99, 2), fc.constant('0.5')), fc.integer({ min: 1, max: 40 }));
const floatCases = draws(8, f, decimalIn(0.5, 0.999, 3), fc.integer({ min: 1, max: 120 }));

/** Runs (73) through the implementation: P.icl with Σ = [λ], W₀ = 0, Muon, S.geo(C, ρ). */
function runScalar<T>(F: Field<T>, impl: Impl, lambda: string, C: string, rho: string, steps: number): T[] {
  const la = impl.over(F);
  const problem = impl.problems.icl(la, { Sigma: fromRows(F, [[lambda]]) });
  const tr = impl.run({ problem, optimizer: impl.optimizers.muon(), schedule: impl.schedules.geo({ C, rho }), x0: zeros(F, 1, 1), steps, keepIterates: true });
  if (tr.status !== 'completed') throw new Error(`A.L9: run ended ${tr.status}: ${tr.message ?? ''}`);
  return tr.iterates!.map((x) => x.X.data[0]!);
}

/** The proof of (74) per step: approach (δ_t ≥ η_t: δ_{t+1} = δ_t − η_t) or overshoot (δ_{t+1} = η_t − δ_t), on the exact sequence. */
function proofBranches(c: L9Case): string[] {
  const F = exactField(200);
  const etas = geoEtas(F, c.C, c.rho, 1, c.steps);
  const out = new Set<string>();
  for (const lam of c.lambdas) {
    const { gap } = iclScalar(F, F.zero, F.div(F.one, F.of(lam)), etas);
    gap.forEach((g, t) => out.add(g.isZero() ? 'at target (sign 0)' : F.le(etas[t]!, F.abs(g)) ? 'approach' : 'overshoot'));
  }
  return [...out];
}

export default defineClaim<L9Case>({
  id: 'A.L9',
  title: 'ICL scalar sequence: |w_{t+1} − 1/λ| ≤ η_t for η_t = Cρ^t, C ≥ 1/(2λ_min), ρ ∈ [1/2, 1)',
  source: { paper: 'A', where: 'Lemma 9, §4 (proof of Theorem 3)', equations: ['(73)', '(74)', '(76)–(78)'] },
  provenance: 'reconstructed',
  statement: 'w_{t+1} = w_t − η_t sign(w_t − 1/λ), w_0 = 0, η_t = Cρ^t with ρ ∈ [1/2, 1), C ≥ 1/(2λ_min), λ ≥ λ_min > 0: |w_{t+1} − 1/λ| ≤ η_t for all t ≥ 0 (74).',
  hypotheses: [
    hyp.real('λ', 'λ ≥ λ_min > 0 (eigenvalues of Σ; λ_max/λ_min up to 1e6 exact, 1e8 float)', 1e-9, 10, { scale: 'log' }),
    hyp.real('C', 'C ≥ 1/(2λ_min) (drawn in [1, 2]/(2λ_min), boundary included)', 1, 2, { necessary: true }),
    hyp.real('ρ', 'ρ ∈ [1/2, 1)', 0.5, 1, { closed: 'left', necessary: true }),
    hyp.structure('w₀', 'w_0 = 0'),
    hyp.int('T', 'steps (exact 1–40, float 1–120)', 1, 120),
  ],
  modes: { exact: provenExact, float: float64Field },
  cases: { quick: { exact: 15, float: 25 }, default: { exact: 80, float: 150 }, deep: { exact: 3000, float: 6000 } },
  generate: (mode) => (mode === 'exact' ? exactCases : floatCases),

  check(c, k) {
    const l = c.lambdas.map(Number);
    k.bin('κ decade', decade(Math.max(...l) / Math.min(...l)));
    k.bin('ρ range', rhoBin(Number(c.rho)));
    const f = Number(c.C) * 2 * Math.min(...l) - 1;
    k.bin('C·2λ_min − 1', f === 0 ? 'boundary 0' : f < 0.5 ? '(0, 0.5)' : '[0.5, 1]');
    k.bin('d', String(c.lambdas.length));
    for (const b of proofBranches(c)) k.branch(b);

    // w_t has ≤ places(C) + t·places(ρ) + places(1/λ) decimals and a few integer digits.
    const P = Math.min(480, 40 + placesOf(c.C) + c.steps * Math.max(1, placesOf(c.rho)) + 2 * Math.max(...c.lambdas.map((x) => placesOf(x))));
    const run = measured(k, { P, compute: (F) => c.lambdas.map((lam) => runScalar(F, k.impl, lam, c.C, c.rho, c.steps)), numbers: (ws) => ws.flat() });
    const F = run.field;
    const etas = geoEtas(F, c.C, c.rho, 1, c.steps); // the claimed η_t = Cρ^t (its own ρ^t, not the schedule's)
    // Float tolerance after step t: each update w ← w − η rounds by ≤ u·|w| ≤ u(1/λ + C) (|w| never exceeds
    // 1/λ + η_0), η_t carries t + 1 rounded products (≤ (t + 1)·u·C), 1/λ one rounding; a sign decided wrongly because
    // δ_t sits below that error moves w by η_t away, which (74)'s induction absorbs with the same additive slack
    // (ρ ≥ 1/2). Summed over t + 1 steps with a factor 2 for the second-order terms: 2(t + 2)·u·(1/λ + 2C).
    const why = '2(t + 2)·u·(1/λ + 2C): t + 1 rounded updates of |w| ≤ 1/λ + C and of η_t';
    c.lambdas.forEach((lam, i) => {
      const inv = F.div(F.one, F.of(lam));
      for (let t = 0; t < c.steps; t++) {
        const tol = 2 * (t + 2) * k.u * (1 / Number(lam) + 2 * Number(c.C));
        k.bound('(74)', F.abs(F.sub(run.value[i]![t + 1]!, inv)), etas[t]!, { tol, why, at: i * c.steps + t }); // |w_{t+1} − 1/λ| ≤ η_t
      }
    });
    k.trace((bounds) => {
      const at = worstAt(bounds); // the instance index i·T + t
      return { worstAt: { t: at % c.steps, i: Math.floor(at / c.steps) } };
    });
  },

  probes: [
    probe({ id: 'C-below-1/(2λmin)', hypothesis: 'C', drops: 'C ≥ 1/(2λ_min) dropped: C ∈ [0.5, 0.99]/(2λ_min)', mode: 'exact', cases: draws(6, decimalIn(-0.5, -0.01, 2), decimalIn(0.5, 0.99, 2), fc.integer({ min: 1, max: 20 })), runs: 30, what: '(74)' }),
    probe({ id: 'rho-below-1/2', hypothesis: 'ρ', drops: 'ρ ≥ 1/2 dropped: ρ ∈ [0.2, 0.49]', mode: 'exact', cases: draws(6, f, decimalIn(0.2, 0.49, 2), fc.integer({ min: 2, max: 30 })), runs: 60, what: '(74)' }),
  ],
  // The search for the worst case moves f = 2λ_min·C − 1 ∈ [0, 1] and ρ ∈ [1/2, 1) on decimal grids (1e-6, 1e-4;
  // finite decimals, so the exact mode stays exact); the spectrum and T stay.
  search: {
    params: (c) => [Number(c.C) * 2 * Number(c.lambdas[c.lambdas.length - 1]) - 1, Number(c.rho)],
    withParams(c, [f, rho]) {
      const ff = Math.round(f! * 1e6) / 1e6;
      const r = Math.round(rho! * 1e4) / 1e4;
      if (!(ff >= 0 && ff <= 1) || !(r >= 0.5 && r < 1)) return undefined;
      return { ...c, C: prefactorFor(c.lambdas[c.lambdas.length - 1]!, ff.toFixed(6)), rho: r.toFixed(4) };
    },
  },
  bins: {
    'κ decade': decades(0, 6),
    'ρ range': RHO_BINS,
    'C·2λ_min − 1': ['boundary 0', '(0, 0.5)', '[0.5, 1]'],
  },
  branches: ['approach', 'overshoot'],
});
