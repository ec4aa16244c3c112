import fc, { type Arbitrary } from 'fast-check';
import { exactField, type Decimal } from '../../arith/exact.ts';
import { proveExact } from '../../arith/exactness.ts';
import type { Field } from '../../arith/field.ts';
import { float64 } from '../../arith/float64.ts';
import { fromRows, zeros } from '../../linalg/mat.ts';
import { probeSearch } from '../search.ts';
import type { Bound, CaseOutcome, CheckContext, Claim, Mode } from '../types.ts';
import type { Impl } from '../../impl/impl.ts';
import { decade, decades, decimalIn, geoEtas, rhoBin, U64 } from './aligned-cases.ts';

/*
 * A.L9 (paper A, Lemma 9, §4; reconstructed): the ICL scalar sequence w_{t+1} = w_t − η_t sign(w_t − 1/λ) (73) from
 * w_0 = 0 with η_t = Cρ^t, ρ ∈ [1/2, 1), C ≥ 1/(2λ_min) (λ ≥ λ_min) satisfies (74) |w_{t+1} − 1/λ| ≤ η_t for all t.
 *
 * The sequence is produced by the implementation under test: P.icl with Σ = [λ] (d = 1, where msign is the sign) run
 * by Muon with S.geo, one run per eigenvalue λᵢ of a Σ whose smallest eigenvalue fixes C. The right-hand side η_t is
 * computed here from (C, ρ), not read back from the schedule, so a schedule that forgets ρ^t is caught.
 *
 * Exact mode: λᵢ = λ_max/(2^a·5^b) with λ_max = 2^x·5^y·10^z, so 1/λᵢ is a finite decimal, and C, ρ are decimals:
 * every w_t is a finite decimal, and proveExact (P vs 2P digits) proves the run exact. Float mode: the same decimal
 * parameters rounded to doubles, with the argued tolerance below.
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

/** Eigenvalues λ_max / (2^a 5^b) as exact decimal strings (descending), λ_max first. */
export function friendlyLambdas(F: Field<Decimal>, lmax: string, divs: readonly (readonly [number, number])[]): string[] {
  const L = F.of(lmax);
  const vals = [L, ...divs.map(([a, b]) => F.div(L, F.of(2 ** a * 5 ** b)))];
  vals.sort((x, y) => y.cmp(x));
  return vals.map((v) => v.toFixed());
}

/** 1/(2λ_min)·(1 + f) as a decimal string (exact: 1/λ_min is a finite decimal). */
export function prefactorFor(F: Field<Decimal>, lambdaMin: string, f: string): string {
  return F.mul(F.div(F.one, F.mul(F.of(2), F.of(lambdaMin))), F.add(F.one, F.of(f))).toFixed();
}

const BIG = exactField(200);

function build(maxLog10: number, f: Arbitrary<string>, rho: Arbitrary<string>, steps: Arbitrary<number>): Arbitrary<L9Case> {
  return fc.record({ spec: inverseFriendly(maxLog10), f, rho, steps }).map(({ spec, f, rho, steps }) => {
    const lambdas = friendlyLambdas(BIG, spec.lmax, spec.divs);
    return { lambdas, C: prefactorFor(BIG, lambdas[lambdas.length - 1]!, f), rho, steps };
  });
}

// f ∈ [0, 1] with the boundary C = 1/(2λ_min) (f = 0) drawn on purpose; ρ ∈ [1/2, 1).
const fArb = fc.oneof({ arbitrary: decimalIn(0, 1, 2), weight: 4 }, { arbitrary: fc.constant('0'), weight: 1 });
const arbitraries: Record<Mode, Arbitrary<L9Case>> = {
  exact: build(6, fArb, fc.oneof(decimalIn(0.5, 0.99, 2), fc.constant('0.5')), fc.integer({ min: 1, max: 40 })),
  float: build(8, fArb, decimalIn(0.5, 0.999, 3), fc.integer({ min: 1, max: 120 })),
};

/** Runs (73) through the implementation: P.icl with Σ = [λ], W₀ = 0, Muon, S.geo(C, ρ). */
function runScalar<T>(F: Field<T>, impl: Impl, lambda: string, C: string, rho: string, steps: number): T[] {
  const la = impl.over(F);
  const problem = impl.problems.icl(la, { Sigma: fromRows(F, [[lambda]]) });
  const tr = impl.run({ problem, optimizer: impl.optimizers.muon(), schedule: impl.schedules.geo({ C, rho }), x0: zeros(F, 1, 1), steps, keepIterates: true });
  if (tr.status !== 'completed') throw new Error(`A.L9: run ended ${tr.status}: ${tr.message ?? ''}`);
  return tr.iterates!.map((x) => x.X.data[0]!);
}

interface Worst {
  ratio: number;
  lhs: number;
  rhs: number;
  holds: boolean;
  t: number;
  i: number;
}

function evaluate<T>(F: Field<T>, c: L9Case, ws: readonly T[][], tol: (i: number, t: number) => number): Worst {
  const etas = geoEtas(F, c.C, c.rho, 1, c.steps);
  let worst: Worst = { ratio: -Infinity, lhs: 0, rhs: 1, holds: true, t: 0, i: 0 };
  let allHold = true;
  c.lambdas.forEach((lam, i) => {
    const inv = F.div(F.one, F.of(lam));
    for (let t = 0; t < c.steps; t++) {
      const dev = F.abs(F.sub(ws[i]![t + 1]!, inv));
      const tl = tol(i, t);
      const holds = tl === 0 ? F.le(dev, etas[t]!) : F.toNumber(dev) <= F.toNumber(etas[t]!) + tl;
      if (!holds) allHold = false;
      const ratio = F.toNumber(dev) / F.toNumber(etas[t]!);
      if (ratio > worst.ratio || (!holds && worst.holds)) worst = { ratio, lhs: F.toNumber(dev), rhs: F.toNumber(etas[t]!) + tl, holds, t, i };
    }
  });
  worst.holds = allHold;
  return worst;
}

function bins(c: L9Case): Record<string, string> {
  const l = c.lambdas.map(Number);
  const kappa = Math.max(...l) / Math.min(...l);
  const f = Number(c.C) * 2 * Math.min(...l) - 1;
  return { 'κ decade': kappa < 10 ? '1e0–1e1' : decade(kappa), 'ρ range': rhoBin(Number(c.rho)), 'C·2λ_min − 1': f === 0 ? 'boundary 0' : f < 0.5 ? '(0, 0.5)' : '[0.5, 1]', d: String(c.lambdas.length) };
}

function branchesOf(c: L9Case): string[] {
  // Proof of (74): each step either approaches (δ_t ≥ η_t: δ_{t+1} = δ_t − η_t) or overshoots (δ_{t+1} = η_t − δ_t).
  const F = BIG;
  const etas = geoEtas(F, c.C, c.rho, 1, c.steps);
  const out = new Set<string>();
  for (const lam of c.lambdas) {
    const inv = F.div(F.one, F.of(lam));
    let w = F.zero;
    for (let t = 0; t < c.steps; t++) {
      const d = F.abs(F.sub(w, inv));
      out.add(d.isZero() ? 'at target (sign 0)' : F.le(etas[t]!, d) ? 'approach' : 'overshoot');
      w = F.sub(w, F.mul(etas[t]!, F.sign(F.sub(w, inv))));
    }
  }
  return [...out];
}

function checkExact(c: L9Case, impl: Impl): CaseOutcome {
  // w_t has ≤ places(C) + t·places(ρ) + places(1/λ) decimals and a few integer digits.
  const places = (s: string): number => (s.includes('.') ? s.length - s.indexOf('.') - 1 : 0);
  const P = Math.min(480, 40 + places(c.C) + c.steps * Math.max(1, places(c.rho)) + 2 * Math.max(...c.lambdas.map(places)));
  const r = proveExact(
    P,
    (F) => c.lambdas.map((lam) => runScalar(F, impl, lam, c.C, c.rho, c.steps)),
    (ws) => ws.flat(),
  );
  const F = exactField(P);
  const w = evaluate(F, c, r.value, () => 0);
  const bound: Bound = { name: '(74)', lhs: w.lhs, rhs: w.rhs, holds: w.holds };
  return {
    bounds: [bound],
    ...(r.exact ? {} : { inconclusive: `run not proven exact at ${P} digits (error estimate ${r.errorEstimateText})` }),
    exactness: { exact: r.exact, precision: P, errorEstimate: r.errorEstimateText },
    branches: branchesOf(c),
    bins: bins(c),
    trace: { worstAt: { t: w.t, i: w.i } },
  };
}

function checkFloat(c: L9Case, impl: Impl): CaseOutcome {
  const F = float64;
  const ws = c.lambdas.map((lam) => runScalar(F, impl, lam, c.C, c.rho, c.steps));
  const Cn = Number(c.C);
  // Tolerance after step t: each update w ← w − η rounds by ≤ u·|w| ≤ u(1/λ + C) (|w| never exceeds 1/λ + η_0), η_t
  // carries t + 1 rounded products (≤ (t + 1)·u·C), 1/λ one rounding; a sign decided wrongly because δ_t sits below
  // that error moves w by η_t away, which (74)'s induction absorbs with the same additive slack (ρ ≥ 1/2). Summed over
  // t + 1 steps with a factor 2 for the second-order terms: 2(t + 2)·u·(1/λ + 2C).
  const tol = (i: number, t: number): number => 2 * (t + 2) * U64 * (1 / Number(c.lambdas[i]) + 2 * Cn);
  const w = evaluate(F, c, ws, tol);
  return {
    bounds: [{ name: '(74)', lhs: w.lhs, rhs: w.rhs, holds: w.holds, tolerance: '2(t + 2)·u·(1/λ + 2C): t + 1 rounded updates of |w| ≤ 1/λ + C and of η_t' }],
    branches: branchesOf(c),
    bins: bins(c),
    trace: { worstAt: { t: w.t, i: w.i } },
  };
}

function check(c: L9Case, ctx: CheckContext): CaseOutcome {
  return ctx.mode === 'exact' ? checkExact(c, ctx.impl) : checkFloat(c, ctx.impl);
}

const probeSmallC = build(6, decimalIn(-0.5, -0.01, 2), decimalIn(0.5, 0.99, 2), fc.integer({ min: 1, max: 20 }));
const probeSmallRho = build(6, fArb, decimalIn(0.2, 0.49, 2), fc.integer({ min: 2, max: 30 }));

export const claim: Claim<L9Case> = {
  id: 'A.L9',
  title: 'ICL scalar sequence: |w_{t+1} − 1/λ| ≤ η_t for η_t = Cρ^t, C ≥ 1/(2λ_min), ρ ∈ [1/2, 1)',
  source: { paper: 'A', where: 'Lemma 9, §4 (proof of Theorem 3)', equations: ['(73)', '(74)', '(76)–(78)'] },
  provenance: 'reconstructed',
  statement: 'w_{t+1} = w_t − η_t sign(w_t − 1/λ), w_0 = 0, η_t = Cρ^t with ρ ∈ [1/2, 1), C ≥ 1/(2λ_min), λ ≥ λ_min > 0: |w_{t+1} − 1/λ| ≤ η_t for all t ≥ 0 (74).',
  hypotheses: [
    { name: 'λ', text: 'λ ≥ λ_min > 0 (eigenvalues of Σ; λ_max/λ_min up to 1e6 exact, 1e8 float)', domain: { kind: 'real', min: 1e-9, max: 10, closed: 'both', scale: 'log' } },
    { name: 'C', text: 'C ≥ 1/(2λ_min) (drawn in [1, 2]/(2λ_min), boundary included)', domain: { kind: 'real', min: 1, max: 2, closed: 'both' }, necessary: true },
    { name: 'ρ', text: 'ρ ∈ [1/2, 1)', domain: { kind: 'real', min: 0.5, max: 1, closed: 'left' }, necessary: true },
    { name: 'w₀', text: 'w_0 = 0', domain: { kind: 'structure' } },
    { name: 'T', text: 'steps (exact 1–40, float 1–120)', domain: { kind: 'int', min: 1, max: 120 } },
  ],
  modes: ['exact', 'float'],
  cases: { quick: { exact: 15, float: 25 }, default: { exact: 80, float: 150 }, deep: { exact: 3000, float: 6000 } },
  arbitrary: (mode) => arbitraries[mode],
  check,
  probes: [
    {
      id: 'C-below-1/(2λmin)',
      drops: 'C ≥ 1/(2λ_min) dropped: C ∈ [0.5, 0.99]/(2λ_min)',
      run: ({ seed, impl }) => probeSearch(probeSmallC, (c) => checkExact(c, impl), seed, 30, '(74)'),
    },
    {
      id: 'rho-below-1/2',
      drops: 'ρ ≥ 1/2 dropped: ρ ∈ [0.2, 0.49]',
      run: ({ seed, impl }) => probeSearch(probeSmallRho, (c) => checkExact(c, impl), seed, 60, '(74)'),
    },
  ],
  binSpace: {
    'κ decade': decades(0, 6),
    'ρ range': ['[0.5,0.7)', '[0.7,0.9)', '[0.9,1)'],
    'C·2λ_min − 1': ['boundary 0', '(0, 0.5)', '[0.5, 1]'],
  },
  branchSpace: ['approach', 'overshoot'],
};


export default claim;
