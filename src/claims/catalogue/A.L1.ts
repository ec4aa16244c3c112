import fc, { type Arbitrary } from 'fast-check';
import type { Field } from '../../arith/field.ts';
import { float64 } from '../../arith/float64.ts';
import type { Impl } from '../../impl/impl.ts';
import { probeSearch } from '../search.ts';
import type { Bound, CaseOutcome, CheckContext, Claim, Mode, ProbeOutcome } from '../types.ts';
import { dyadicMagnitude, muonScalar, ratBits, rationalField, rho256, rhoBin, seedArb, uniformDyadic, worstStep, type Rat } from './scalar-recursion.ts';

/*
 * A.L1 (paper A, Lemma 1, §3.1, proof (29)–(31); reconstructed): any sequence σ_{t+1} = σ_t − η_t s_t with
 * s_t ∈ {−1, 0, 1}, σ₀ ≠ 0, η_t = C·c·ρ^t (c > 0, ρ ∈ (0, 1)), C ~ Unif[1, 2] independent of σ₀, has σ_t ≠ 0 for
 * all t with probability 1. Proof: σ_t = σ₀ − C·c·S_t with S_t = Σ_{τ<t} s_τ ρ^τ (29), so σ_t = 0 only for the one
 * critical C*_t = σ₀/(c·S_t) (30), a countable set (31).
 *
 * Two kinds of case: 'pattern' (an arbitrary sign sequence, the lemma's "any sequence", with η_t from the S.geo under
 * test) and 'muon' (the signs Muon on P.scalar chooses, (27), all from ctx.impl). C is drawn uniformly from a 2^24
 * grid of [1, 2] by a seeded stream, independent of σ₀ (see uniformDyadic). Bounds per case:
 *  - "σ_t ≠ 0 (Lemma 1)": the number of t ∈ [1, T] with σ_t = 0, ≤ 0;
 *  - "(29)": max_t |σ_t − (σ₀ − C·c·S_t)|, = 0 exactly (float: argued tolerance);
 *  - "(30) C*_t makes σ_t = 0" (exact): for the t whose critical value is nearest to C, the same sign prefix run with
 *    C = C*_t (a rational, through the S.geo under test) reaches exactly 0 at t — the "only one C" of the lemma.
 * Exact mode runs in Q (rationals, see scalar-recursion.ts): exact by construction, √ only on perfect squares.
 */

export interface L1Case {
  readonly kind: 'muon' | 'pattern';
  readonly sigma0: number;
  /** √λ of P.scalar (muon kind; 0 for pattern). */
  readonly sqrtLambda: number;
  /** c > 0 in η_t = C·c·ρ^t. */
  readonly scale: number;
  readonly rho: number;
  /** The prefactor: a dyadic number, or a rational "p/q" (the probes' critical C*). */
  readonly C: number | string;
  /** s_0 … s_{T−1} (pattern kind; empty for muon). */
  readonly signs: readonly number[];
  readonly steps: number;
}

const T_MAX: Record<Mode, number> = { exact: 60, float: 200 };

function arbitraryFor(mode: Mode): Arbitrary<L1Case> {
  const sign = fc.constantFrom(-1, 1);
  const base = fc.record({
    kind: fc.constantFrom<'muon' | 'pattern'>('muon', 'pattern'),
    sigma0: fc.tuple(sign, dyadicMagnitude(12, -6, 6)).map(([s, m]) => s * m),
    sqrtLambda: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: dyadicMagnitude(10, -4, 4), weight: 6 }),
    scale: dyadicMagnitude(10, -4, 4),
    rho: rho256(1, 255),
    Cseed: seedArb,
    steps: fc.integer({ min: 1, max: T_MAX[mode] }),
    signSeq: fc.array(fc.constantFrom(-1, 0, 1), { minLength: T_MAX[mode], maxLength: T_MAX[mode] }),
  });
  return base.map(({ kind, sigma0, sqrtLambda, scale, rho, Cseed, steps, signSeq }) => ({
    kind,
    sigma0,
    sqrtLambda: kind === 'muon' ? sqrtLambda : 0,
    scale,
    rho,
    C: uniformDyadic(Cseed, 1, 2),
    signs: kind === 'pattern' ? signSeq.slice(0, steps) : [],
    steps,
  }));
}

interface Run<T> {
  readonly sigma: T[];
  readonly eta: T[];
  readonly s: number[];
  readonly status: string;
}

/** The direct recursion σ_{t+1} = σ_t − η_t s_t with η_t from the S.geo under test. */
function patternRun<T>(impl: Impl, F: Field<T>, c: L1Case, C: number | string = c.C, steps = c.steps): Run<T> {
  const sizes = impl.schedules.geo({ scale: c.scale, rho: c.rho, C }).start(F);
  const sigma = [F.of(c.sigma0)];
  const eta: T[] = [];
  for (let t = 0; t < steps; t++) {
    const e = sizes.next(F.zero);
    eta.push(e);
    sigma.push(F.sub(sigma[t]!, F.mul(e, F.of(c.signs[t]!))));
  }
  return { sigma, eta, s: c.signs.slice(0, steps), status: 'completed' };
}

function runCase<T>(impl: Impl, F: Field<T>, c: L1Case): Run<T> {
  if (c.kind === 'pattern') return patternRun(impl, F, c);
  const r = muonScalar(impl, F, { sqrtLambda: c.sqrtLambda, sigma0: c.sigma0, scale: c.scale, rho: c.rho, C: c.C, steps: c.steps });
  return { sigma: r.sigma, eta: r.eta, s: r.s, status: r.status };
}

/** S_t = Σ_{τ<t} s_τ ρ^τ for t = 0 … T, with its own ρ^τ (not the schedule's). */
function prefixSums<T>(F: Field<T>, rho: T, s: readonly number[]): T[] {
  const S = [F.zero];
  let p = F.one;
  for (let t = 0; t < s.length; t++) {
    S.push(F.add(S[t]!, F.mul(F.of(s[t]!), p)));
    p = F.mul(p, rho);
  }
  return S;
}

function bins(c: L1Case): Record<string, string> {
  return {
    kind: c.kind,
    ρ: rhoBin(c.rho),
    T: c.steps <= 10 ? '1–10' : c.steps <= 50 ? '11–50' : '51–200',
    λ: c.kind === 'pattern' ? 'n/a' : c.sqrtLambda === 0 ? '0' : '>0',
  };
}

function checkExact(c: L1Case, ctx: CheckContext): CaseOutcome {
  const Q = rationalField();
  const run = runCase(ctx.impl, Q, c);
  if (run.status !== 'completed') return { bounds: [], inconclusive: `the run stopped: ${run.status}` };
  const T = run.sigma.length - 1;
  const sigma0 = Q.of(c.sigma0);
  const cC = Q.mul(Q.of(c.C), Q.of(c.scale));
  const S = prefixSums(Q, Q.of(c.rho), run.s);
  let zeros = 0;
  let firstZero = -1;
  let worst29 = Q.zero;
  // The critical C*_t = σ₀/(c·S_t) nearest to C (only t with S_t ≠ 0 and C*_t > 0 have one).
  let nearest: { t: number; Cstar: Rat; dist: Rat } | undefined;
  for (let t = 1; t <= T; t++) {
    if (Q.isZero(run.sigma[t]!)) {
      zeros++;
      if (firstZero < 0) firstZero = t;
    }
    const d = Q.abs(Q.sub(run.sigma[t]!, Q.sub(sigma0, Q.mul(cC, S[t]!))));
    worst29 = Q.max(worst29, d);
    if (!Q.isZero(S[t]!)) {
      const Cstar = Q.div(sigma0, Q.mul(Q.of(c.scale), S[t]!));
      if (Q.lt(Q.zero, Cstar)) {
        const dist = Q.abs(Q.sub(Q.of(c.C), Cstar));
        if (!nearest || Q.lt(dist, nearest.dist)) nearest = { t, Cstar, dist };
      }
    }
  }
  const bounds: Bound[] = [
    { name: 'σ_t ≠ 0 (Lemma 1)', lhs: zeros, rhs: 0, holds: zeros === 0 },
    { name: '(29)', lhs: Q.toNumber(worst29), rhs: 0, holds: Q.isZero(worst29) },
  ];
  const branches = [c.kind === 'muon' ? 'Muon run (27)' : 'arbitrary sign pattern'];
  if (c.signs.includes(0) || run.s.includes(0)) branches.push('s_t = 0 occurs');
  if (nearest) {
    // (30): the same sign prefix with C = C*_t (a rational, through the S.geo under test) hits 0 exactly at t.
    const probe = patternRun(ctx.impl, Q, { ...c, signs: run.s }, Q.toString(nearest.Cstar), nearest.t);
    const at = Q.abs(probe.sigma[nearest.t]!);
    bounds.push({ name: '(30) C*_t makes σ_t = 0', lhs: Q.toNumber(at), rhs: 0, holds: Q.isZero(at) });
    branches.push('critical C*_t > 0 exists');
  } else branches.push('no positive critical C*_t');
  if (Q.inexact > 0) return { bounds, inconclusive: `${Q.inexact} inexact √ in Q`, branches, bins: bins(c) };
  return {
    bounds,
    branches,
    bins: { ...bins(c), 'C − nearest C*': !nearest ? 'none' : Q.toNumber(nearest.dist) < 1e-6 ? '<1e-6' : Q.toNumber(nearest.dist) < 1e-2 ? '1e-6–1e-2' : '≥1e-2' },
    exactness: { exact: true, precision: ratBits([...run.sigma, ...run.eta]), errorEstimate: '0: rational (bigint) arithmetic, √ only of perfect squares; precision = bits of the largest numerator/denominator' },
    trace: { firstZero, nearestCritical: nearest ? { t: nearest.t, Cstar: Q.toString(nearest.Cstar), distance: Q.toNumber(nearest.dist) } : null, signs: run.s.join('') },
  };
}

function checkFloat(c: L1Case, ctx: CheckContext): CaseOutcome {
  const F = float64;
  const run = runCase(ctx.impl, F, c);
  if (run.status !== 'completed') return { bounds: [], inconclusive: `the run stopped: ${run.status}` };
  const u = F.unitRoundoff;
  const T = run.sigma.length - 1;
  let zeros = 0;
  const steps29: { lhs: number; rhs: number; holds: boolean; t: number }[] = [];
  let S = 0;
  let p = 1;
  let acc = 0;
  for (let t = 1; t <= T; t++) {
    if (run.sigma[t] === 0) zeros++;
    S += run.s[t - 1]! * p;
    p *= c.rho;
    const C = Number(c.C);
    const formula = c.sigma0 - C * c.scale * S;
    // Each step rounds σ_{τ+1} (u|σ_{τ+1}|) and carries η̃_τ with relative error ≤ (τ+3)u (C·c, then τ products by ρ);
    // the formula's S_t carries the same (τ+3)u per term and one more u|formula| for its last operations. 4× covers
    // the doubled constants of the two computations.
    acc += 4 * u * (Math.abs(run.sigma[t]!) + (t + 3) * run.eta[t - 1]!);
    const tol = acc + 4 * u * Math.abs(formula);
    const d = Math.abs(run.sigma[t]! - formula);
    steps29.push({ lhs: d, rhs: tol, holds: d <= tol, t });
  }
  return {
    bounds: [
      // A float zero needs no tolerance: it is re-checked exactly (the engine's exact confirmation).
      { name: 'σ_t ≠ 0 (Lemma 1)', lhs: zeros, rhs: 0, holds: zeros === 0 },
      worstStep('(29)', steps29, '4u·Σ_τ(|σ_{τ+1}| + (τ+3)η_τ) + 4u|σ₀ − C·c·S_t|: one rounding per step, (τ+3)u on each η_τ'),
    ],
    branches: [c.kind === 'muon' ? 'Muon run (27)' : 'arbitrary sign pattern'],
    bins: bins(c),
  };
}

/** The check in the case's mode. A float case in exact mode is read exactly (its dyadic numbers convert without loss). */
function check(c: L1Case, ctx: CheckContext): CaseOutcome {
  return ctx.mode === 'exact' ? checkExact(c, ctx) : checkFloat(c, ctx);
}

/** Trajectory of a case in Q (for the probes' "stays at the saddle"). */
function exactSigmas(impl: Impl, c: L1Case): Rat[] {
  return runCase(impl, rationalField(), c).sigma;
}

/** After its first zero, a Muon run stays at 0 (sign(0) = 0): the saddle σ = 0 is never left. */
function staysAtZero(impl: Impl, c: L1Case): string {
  const Q = rationalField();
  const s = exactSigmas(impl, c);
  const first = s.findIndex((x, t) => t > 0 && Q.isZero(x));
  if (first < 0) return 'never hits 0';
  const left = s.slice(first).findIndex((x) => !Q.isZero(x));
  return left < 0 ? `hits 0 at t = ${first} and stays at the saddle 0 up to T = ${s.length - 1}` : `hits 0 at t = ${first} but leaves it at t = ${first + left}`;
}

/** Pattern cases with C replaced by a critical C*_t ∈ [1, 2] (C chosen from σ₀ and the signs: the dependence the lemma excludes). */
const criticalPatternArb: Arbitrary<L1Case> = fc
  .record({
    sigma0: fc.tuple(fc.constantFrom(-1, 1), dyadicMagnitude(12, -2, 2)).map(([s, m]) => s * m),
    x: dyadicMagnitude(8, -1, 1),
    rho: rho256(1, 255),
    signs: fc.array(fc.constantFrom(-1, 0, 1), { minLength: 1, maxLength: 30 }),
  })
  .map(({ sigma0, x, rho, signs }) => {
    // c = |σ₀|/x with x a dyadic: C*_t = x·sign(σ₀)/S_t, so several t have C*_t ∈ [1, 2] for x ∈ [0.5, 4).
    const Q = rationalField();
    const S = prefixSums(Q, Q.of(rho), signs);
    const scale = Math.abs(sigma0) / x;
    let C: string | number = 1.5;
    for (let t = 1; t <= signs.length; t++) {
      if (Q.isZero(S[t]!)) continue;
      const Cstar = Q.div(Q.of(sigma0), Q.mul(Q.of(scale), S[t]!));
      if (Q.le(Q.one, Cstar) && Q.le(Cstar, Q.of(2))) {
        C = Q.toString(Cstar);
        break;
      }
    }
    return { kind: 'pattern' as const, sigma0, sqrtLambda: 0, scale, rho, C, signs, steps: signs.length };
  });

/**
 * Muon cases with C a critical value: scan C over a grid of [1, 2] in float for a sign change of σ_t between grid
 * points with the same sign prefix, then C* = σ₀/(c·S_t) in Q from that prefix (verified by the exact run).
 */
function criticalMuon(impl: Impl, sigma0: number, sqrtLambda: number, rho: number, steps: number): L1Case {
  const base: L1Case = { kind: 'muon', sigma0, sqrtLambda, scale: sqrtLambda, rho, C: 1.5, signs: [], steps };
  const grid = Array.from({ length: 33 }, (_, i) => 1 + i / 32);
  const runs = grid.map((C) => muonScalar(impl, float64, { ...base, C }));
  const Q = rationalField();
  for (let t = 1; t <= steps; t++) {
    for (let i = 0; i + 1 < grid.length; i++) {
      const a = runs[i]!;
      const b = runs[i + 1]!;
      if (a.sigma.length <= t || b.sigma.length <= t) continue;
      if (Math.sign(a.sigma[t]!) === Math.sign(b.sigma[t]!) || a.s.slice(0, t).join() !== b.s.slice(0, t).join()) continue;
      const S = prefixSums(Q, Q.of(rho), a.s.slice(0, t))[t]!;
      if (Q.isZero(S)) continue;
      const Cstar = Q.div(Q.of(sigma0), Q.mul(Q.of(sqrtLambda), S));
      if (Q.le(Q.of(grid[i]!), Cstar) && Q.le(Cstar, Q.of(grid[i + 1]!))) return { ...base, C: Q.toString(Cstar) };
    }
  }
  return base;
}

const criticalMuonArb = (impl: Impl): Arbitrary<L1Case> =>
  fc
    .record({ sigma0: fc.tuple(fc.constantFrom(-1, 1), dyadicMagnitude(12, -3, 3)).map(([s, m]) => s * m), sqrtLambda: dyadicMagnitude(10, -2, 2), rho: rho256(128, 255) })
    .map(({ sigma0, sqrtLambda, rho }) => criticalMuon(impl, sigma0, sqrtLambda, rho, 12));

function withSaddle(out: ProbeOutcome, impl: Impl): ProbeOutcome {
  if (!out.found || !out.witness) return out;
  const w = out.witness as L1Case;
  return w.kind === 'muon' ? { ...out, exact: true, summary: `${out.summary}; the witness ${staysAtZero(impl, w)}` } : { ...out, exact: true };
}

/** The catalogue's saddle run: σ₀ = 1.5, λ = 1, C = 1.5, c = √λ = 1: η₀ = 1.5, σ₁ = 0, and sign(0) = 0 keeps it there. */
export const SADDLE: L1Case = { kind: 'muon', sigma0: 1.5, sqrtLambda: 1, scale: 1, rho: 0.5, C: 1.5, signs: [], steps: 20 };

export const claim: Claim<L1Case> = {
  id: 'A.L1',
  title: 'Scalar Muon never hits zero for a random prefactor C (Lemma 1)',
  source: { paper: 'A', where: 'Lemma 1, §3.1 (proof: (29)–(31))', equations: ['(27)', '(29)', '(30)', '(31)'] },
  provenance: 'reconstructed',
  statement:
    'Any sequence σ_{t+1} = σ_t − η_t s_t, s_t ∈ {−1,0,1}, σ₀ ≠ 0, η_t = C c ρ^t (c > 0, ρ ∈ (0,1)), C ~ Unif[1,2] independent of σ₀: with probability 1, σ_t ≠ 0 for all t. (For each t and sign pattern only one C makes σ_t = 0.)',
  hypotheses: [
    { name: 'σ0', text: 'σ₀ ≠ 0', domain: { kind: 'real', min: -128, max: 128, closed: 'both', scale: 'log' } },
    { name: 's_t', text: 's_t ∈ {−1, 0, 1}: any sequence (pattern) or Muon’s sign(σ_t³ − λσ_t) (27)', domain: { kind: 'choice', values: [-1, 0, 1] } },
    { name: 'c', text: 'c > 0', domain: { kind: 'real', min: 1 / 16, max: 32, closed: 'both', scale: 'log' } },
    { name: 'ρ', text: 'ρ ∈ (0, 1)', domain: { kind: 'real', min: 1 / 256, max: 255 / 256, closed: 'both' } },
    { name: 'C', text: 'C ~ Unif[1, 2] independent of σ₀ (2^24-point grid from a seeded stream)', domain: { kind: 'real', min: 1, max: 2, closed: 'both' }, necessary: true },
    { name: 'T', text: 'horizon of the check', domain: { kind: 'int', min: 1, max: 200 } },
  ],
  modes: ['exact', 'float'],
  cases: { quick: { exact: 40, float: 60 }, default: { exact: 400, float: 600 }, deep: { exact: 15000, float: 25000 } },
  arbitrary: arbitraryFor,
  check,
  probes: [
    {
      id: 'critical-C-pattern',
      drops: 'C independent of σ₀ dropped: C = C*_t = σ₀/(c·S_t) ∈ [1, 2] computed exactly from σ₀ and the sign pattern',
      run: ({ seed, profile, impl }) => withSaddle(probeSearch(criticalPatternArb, (c) => checkExact(c, { mode: 'exact', impl }), seed, profile === 'deep' ? 2000 : 60, 'σ_t ≠ 0'), impl),
    },
    {
      id: 'critical-C-muon',
      drops: 'C independent of σ₀ dropped: the Muon run (27) with its critical C* ∈ [1, 2] (grid scan, then C* exact in Q)',
      run: ({ seed, profile, impl }) => withSaddle(probeSearch(criticalMuonArb(impl), (c) => checkExact(c, { mode: 'exact', impl }), seed, profile === 'deep' ? 300 : 12, 'σ_t ≠ 0'), impl),
    },
    {
      id: 'saddle-1.5',
      drops: 'C independent of σ₀ dropped: σ₀ = 1.5, λ = 1, C = 1.5 (η₀ = C√λ = σ₀)',
      run: ({ impl }) => {
        const o = checkExact(SADDLE, { mode: 'exact', impl });
        const bound = o.bounds.find((b) => !b.holds);
        return { found: bound !== undefined, witness: SADDLE, ...(bound ? { bound } : {}), exact: true, summary: `σ₀ = 1.5, λ = 1, C = 1.5: ${staysAtZero(impl, SADDLE)}` };
      },
    },
  ],
  binSpace: { kind: ['muon', 'pattern'], ρ: ['<1/2', '[1/2,2/3)', '[2/3,0.9)', '[0.9,1)'], T: ['1–10', '11–50', '51–200'] },
  branchSpace: ['Muon run (27)', 'arbitrary sign pattern', 's_t = 0 occurs', 'critical C*_t > 0 exists'],
};

export default claim;
