import fc from 'fast-check';
import { exactField, type Decimal } from '../../arith/exact.ts';
import type { Field } from '../../arith/field.ts';
import { float64 } from '../../arith/float64.ts';
import type { LinAlg } from '../../linalg/backend.ts';
import { probeSearch } from '../search.ts';
import type { Bound, CaseOutcome, CheckContext, Claim, Probe } from '../types.ts';
import { buildProblem, floorDigits, flatten, lossAtMost, proveSignExact, rotatedDiag, runSignGD, runSignGDUntil, sliceCoords, weight } from '../../cases/signgd.ts';

/*
 * A.T2 (paper A, Theorem 2; slides "Theorem 3"): quoted statement, reconstructed construction. "Consider SignGD with
 * non-increasing stepsizes and η₀ ≤ 1/16. There exists a problem instance such that for any ε ≲ κ⁻², SignGD with warm
 * start needs at least (κ − 1)/4 iterations to yield ε accuracy."
 *
 * Instance (App. C.2): d = k = 2, M* = Q diag(λ₁, λ₂) Q with λ₁ = λ_max = 1 and λ₂ = s₂² = 1/κ (s₂ a finite decimal,
 * so √λ₂ is exact), U on the slice {pI + qJ} (147) with μ = (p + q, p − q); f = ¼Σ(μᵢ² − λᵢ)² (170) and SignGD moves
 * only the μᵢ with the larger |gᵢ|, gᵢ = (μᵢ² − λᵢ)μᵢ, by 2η_t (A.L14).
 *
 * Our constants (the seed's are stripped), stated once:
 *  - warm start: μ₂ = s₂(1 ± 1/8) (the coordinate that must move, frozen by the construction) and |μ₁ − 1| ≤ 2η₀ ≤ 1/8;
 *  - "ε ≲ κ⁻²" means ε ≤ ε_max = λ_max²κ⁻²/1024 = s₂⁴/1024. Since the first t with f(U_t) ≤ ε can only grow as ε
 *    shrinks, ε_max is the hardest target; cases also draw ε_max/2^j.
 *  - threshold c: the smallest 6-digit decimal with |g₁(1 ± c)| > G = |g₂(μ₂)|; for |μ₁ − 1| ≥ c coordinate 1 moves.
 *  - Lemma 15's backward warm start (144): T = the last t with η_t ≥ c; δ₁,T = η_T; δ₁,t = −sign(δ₁,t+1)(2η_t − |δ₁,t+1|),
 *    which keeps c ≤ |δ₁,t| ≤ 2η_t − c for non-increasing η (so μ₂ stays frozen for t ≤ T); no such T: δ₁,₀ = 0.
 * After T every step moves μ₂ by at most 2η_t < 2c ≈ 2.4|δ₂,₀|/κ, and f ≤ ε_max needs |μ₂² − λ₂| ≤ λ₂/16, i.e. μ₂ must
 * travel 0.094·s₂ of its 0.125·s₂ offset: N ≳ 0.31κ > (κ − 1)/4. The check measures N exactly.
 *
 * A case: s₂ (κ = 1/s₂²), the side of μ₂'s offset, j (ε = ε_max/2^j) and a non-increasing schedule with η₀ ≤ 1/16
 * (6 significant digits, rounded down, so it stays non-increasing and exact). SignGD runs through ctx.impl
 * (problems.mf, optimizers.signgd, schedules.sequence, run). The bound N ≥ (κ − 1)/4 is decided exactly as
 * (4N + 1)s₂² ≥ 1. For the "κ-slope" the below-threshold schedules (η_t = θc, the fastest for this construction) are
 * re-run at 4κ (s₂/2): slope = log(N(4κ)/N(κ))/log 4 must be ≥ 1 up to the integer rounding of N, 1 − 1/(N ln 4).
 */

export type T2Schedule =
  | { readonly kind: 'below-threshold'; readonly theta: string }
  | { readonly kind: 'geo'; readonly eta0: string; readonly rho: string }
  | { readonly kind: 'step'; readonly eta0: string; readonly factor: string; readonly every: number }
  | { readonly kind: 'drop'; readonly eta0: string; readonly hold: number; readonly theta: string }
  | { readonly kind: 'harmonic'; readonly eta0: string; readonly L: number };

export interface T2Case {
  /** √λ_min with λ_max = 1: κ = 1/s₂². */
  readonly s2: string;
  /** Sign of μ₂ − s₂ at the start. */
  readonly side: 1 | -1;
  /** ε = ε_max / 2^j. */
  readonly j: number;
  readonly schedule: T2Schedule;
  /** Probe only: start with μ₁ = 1 (no adversarial warm start). */
  readonly coldStart?: boolean;
}

const CF = exactField(60); // for the construction (decimals of ≤ 20 digits, cubes of them)
const ETA_MAX = '0.0625';

interface Construction {
  readonly kappa: Decimal;
  readonly mu1: string;
  readonly mu2: string;
  readonly c: string;
  readonly etas: string[];
  readonly eps: string;
  readonly T: number;
}

/** The threshold, the schedule and the backward warm start of one case, in exact decimals. */
export function construct(c: T2Case, steps?: number): Construction {
  const F = CF;
  const s2 = F.of(c.s2);
  const l2 = F.mul(s2, s2);
  const kappa = F.div(F.one, l2);
  const mu2 = F.mul(s2, F.add(F.one, F.mul(F.of(c.side), F.of('0.125'))));
  const G = F.abs(weight(F, 'mf', mu2, l2));
  // c: start from the linearisation G/2 and step up until both sides of μ₁ = 1 exceed G (monotone for |δ| ≤ 1/8).
  let cc = F.of(floorDigits(F.div(G, F.of(2)), 6));
  const exceeds = (d: Decimal): boolean => F.lt(G, F.abs(weight(F, 'mf', F.add(F.one, d), F.one))) && F.lt(G, F.abs(weight(F, 'mf', F.sub(F.one, d), F.one)));
  while (!exceeds(cc)) cc = F.of(floorDigits(F.mul(cc, F.of('1.001')), 6));
  // A 10⁻³ margin above the threshold keeps float runs on the same side of every comparison of the construction.
  cc = F.of(floorDigits(F.mul(cc, F.of('1.001')), 6));
  const kNum = F.toNumber(kappa);
  const n = steps ?? horizon(kNum);
  const etas = scheduleValues(c.schedule, cc, n);
  let T = -1;
  for (let t = 0; t < n; t++) if (F.le(cc, F.of(etas[t]!))) T = t;
  let d1 = F.zero;
  if (T >= 0 && !c.coldStart) {
    d1 = F.of(etas[T]!);
    for (let t = T - 1; t >= 0; t--) d1 = F.mul(F.neg(F.sign(d1)), F.sub(F.mul(F.of(2), F.of(etas[t]!)), F.abs(d1)));
  }
  const eps = F.div(F.mul(l2, l2), F.of(1024 * 2 ** c.j));
  return { kappa, mu1: F.toString(F.add(F.one, d1)), mu2: F.toString(mu2), c: F.toString(cc), etas, eps: F.toString(eps), T };
}

/** Steps run: enough to decide N ≥ (κ − 1)/4 and to measure N up to 0.5κ (the construction predicts ≈ 0.31κ). */
const horizon = (kappa: number): number => Math.ceil(0.5 * kappa) + 2;

export function scheduleValues(s: T2Schedule, c: Decimal, n: number, etaMax: string = ETA_MAX): string[] {
  const F = CF;
  const out: string[] = [];
  let prev: Decimal | undefined;
  for (let t = 0; t < n; t++) {
    let v: Decimal;
    switch (s.kind) {
      case 'below-threshold':
        v = F.mul(F.of(s.theta), c);
        break;
      case 'geo':
        v = F.mul(F.of(s.eta0), F.of(s.rho).pow(t));
        break;
      case 'step':
        v = F.mul(F.of(s.eta0), F.of(s.factor).pow(Math.floor(t / s.every)));
        break;
      case 'drop':
        v = t < s.hold ? F.of(s.eta0) : F.mul(F.of(s.theta), c);
        break;
      case 'harmonic':
        v = F.div(F.of(s.eta0), F.add(F.one, F.div(F.of(t), F.of(s.L))));
        break;
    }
    // Floored at 10⁻¹² (then constant, still non-increasing): a geometric tail below it moves nothing visible
    // and would make the exact iterates need hundreds of digits.
    let e = F.of(floorDigits(F.max(v, F.of('1e-12')), 6));
    if (prev && F.lt(prev, e)) e = prev; // 'drop' with η₀ < θc: keep it non-increasing
    if (F.lt(F.of(etaMax), e)) e = F.of(etaMax);
    prev = e;
    out.push(F.toString(e));
  }
  return out;
}

interface Counted {
  /** First t with f(U_t) ≤ ε, or undefined within the horizon. */
  readonly N?: number;
  readonly steps: number;
  readonly frozenThroughT: boolean;
  /** Largest |μ₂,t − μ₂,₀| over t ≤ T + 1. */
  readonly drift: number;
  readonly trace: { mu1: number[]; mu2: number[] };
  readonly exactness?: { exact: boolean; precision: number; errorEstimate: string };
  readonly errorNumber?: number;
  readonly stopped?: string;
}

function runCase<T>(F: Field<T>, ctx: CheckContext, k: Construction, s2: string) {
  const la = F.kind === 'float64' ? (ctx.impl.float as unknown as LinAlg<T>) : ctx.impl.over(F);
  const S2 = F.of(s2);
  const problem = buildProblem(ctx.impl, la, 'mf', F.one, F.mul(S2, S2));
  const eps = F.of(k.eps);
  return runSignGDUntil(ctx.impl, problem, rotatedDiag(F, F.of(k.mu1), F.of(k.mu2)), k.etas, (r, t) => lossAtMost(F, r, t, eps));
}

/** Runs the case in the mode's arithmetic and counts the iterations to ε. */
function count(c: T2Case, k: Construction, mode: 'exact' | 'float', ctx: CheckContext): Counted {
  if (mode === 'float') {
    const F = float64;
    const r = runCase(F, ctx, k, c.s2);
    return summarize(F, r, k, c);
  }
  // Iterates are sums of ≤ 6-digit step sizes spanning ≤ 8 decades (≤ ~20 digits): 40 digits hold them (the loss
  // is compared with ε in the same arithmetic). The MF gradient is rounded (eigenvectors (1, ±1)/√2): its signs are certified.
  const P = 40;
  const proof = proveSignExact(P, (F) => runCase(F, ctx, k, c.s2), (r) => flatten(r.iterates), (r) => flatten(r.grads));
  const out = summarize(exactField(P), proof.value, k, c);
  return { ...out, exactness: { exact: proof.exact, precision: P, errorEstimate: proof.errorEstimate }, errorNumber: proof.errorNumber };
}

function summarize<T>(F: Field<T>, r: ReturnType<typeof runSignGD<T>>, k: Construction, c: T2Case): Counted {
  const eps = F.of(k.eps);
  let N: number | undefined;
  for (let t = 0; t < r.losses.length; t++) {
    if (lossAtMost(F, r, t, eps)) {
      N = t;
      break;
    }
  }
  const mu1: number[] = [];
  const mu2: number[] = [];
  for (const X of r.iterates) {
    const s = sliceCoords(F, X);
    mu1.push(F.toNumber(s.a));
    mu2.push(F.toNumber(s.b));
  }
  // Lemma 15's invariant: μ₂ unchanged through step T (U_0 … U_{T+1}).
  // Exact: μ₂ identical. Float: p and q are each rounded once per step and μ₂ = p − q once more, so a frozen μ₂
  // drifts by at most 4u(|p| + |q|) per step (|p| + |q| ≤ 2.5 here); a moving one jumps by 2η_t ≥ 2c ≫ that.
  const m20 = sliceCoords(F, r.iterates[0]!).b;
  let frozen = true;
  let maxDrift = 0;
  for (let t = 1; t <= Math.min(k.T + 1, r.iterates.length - 1); t++) {
    const drift = F.toNumber(F.abs(F.sub(sliceCoords(F, r.iterates[t]!).b, m20)));
    maxDrift = Math.max(maxDrift, drift);
    if (drift > (F.kind === 'float64' ? 4 * F.unitRoundoff * 2.5 * t : 0)) frozen = false;
  }
  void c;
  return { ...(N !== undefined ? { N } : {}), steps: r.iterates.length - 1, frozenThroughT: frozen, drift: maxDrift, trace: { mu1: mu1.slice(0, 12), mu2: mu2.slice(0, 12) }, ...(r.status !== 'completed' ? { stopped: r.message ?? r.status } : {}) };
}

const kappaBin = (k: number): string => (k < 10 ? '2–10' : k < 100 ? '10–100' : '≥100');

function check(c: T2Case, ctx: CheckContext): CaseOutcome {
  const k = construct(c);
  const kappa = k.kappa.toNumber();
  const res = count(c, k, ctx.mode, ctx);
  const s2 = CF.of(c.s2);
  const N = res.N ?? res.steps + 1; // not reached within the horizon: N > steps
  // (κ − 1)/4 ≤ N ⟺ (4N + 1)s₂² ≥ 1, decided exactly.
  const holds = CF.le(CF.one, CF.mul(CF.of(4 * N + 1), CF.mul(s2, s2)));
  const bounds: Bound[] = [{ name: '(Thm 2) N_ε ≥ (κ − 1)/4', lhs: (kappa - 1) / 4, rhs: N, holds }];
  const branches = [res.N === undefined ? 'ε not reached within 0.5κ' : 'ε reached', k.T >= 0 ? 'frozen phase (Lemma 15)' : 'no step ≥ c (μ₁ fitted)'];
  const trace: Record<string, unknown> = { N: res.N ?? `> ${res.steps}`, T: k.T, c: k.c, mu1: k.mu1, mu2: k.mu2, eps: k.eps, measuredConstant: N / (kappa - 1), trace: res.trace };
  let inconclusive: string | undefined;
  if (res.stopped) inconclusive = `run stopped: ${res.stopped}`;
  if (res.exactness && !res.exactness.exact) inconclusive = `exactness not proven: ${res.exactness.errorEstimate}`;
  // The construction's own invariant (not the theorem): a failure here means the reconstruction, not SignGD, is off.
  if (!c.coldStart) bounds.push({ name: '(145) μ₂ frozen through the last step with η_t ≥ c', lhs: res.frozenThroughT ? 0 : 1, rhs: 0, holds: res.frozenThroughT });
  // The 4κ re-run costs ~4N more steps: measured for κ ≤ 100 (s₂ ≥ 0.1), which already spans 2–100 → 8–400.
  if (c.schedule.kind === 'below-threshold' && res.N !== undefined && !c.coldStart && CF.le(CF.of('0.1'), s2)) {
    const c4: T2Case = { ...c, s2: CF.toString(CF.div(s2, CF.of(2))) };
    const k4 = construct(c4, Math.ceil(4 * N * 1.2) + 4);
    const r4 = count(c4, k4, ctx.mode, ctx);
    if (r4.N !== undefined) {
      const slope = Math.log(r4.N / res.N) / Math.log(4);
      const floor = 1 - 1 / (res.N * Math.log(4));
      bounds.push({ name: 'κ-slope of N_ε ≥ 1', lhs: floor, rhs: slope, holds: slope >= floor, tolerance: '1 − 1/(N ln 4): N is an integer count, so an exactly linear N(κ) = ⌈aκ⌉ can show a slope down to this' });
      trace.slope = slope;
      trace.N4 = r4.N;
      if (r4.exactness && !r4.exactness.exact) inconclusive = `exactness not proven at 4κ: ${r4.exactness.errorEstimate}`;
    }
    branches.push('slope measured');
  }
  // An unproven exact run still refutes (145) when μ₂ moved by far more than its error estimate (a broken SignGD).
  const robust = res.exactness && !res.exactness.exact && !c.coldStart && res.drift > 1e6 * (res.errorNumber ?? Infinity);
  if (robust) {
    inconclusive = undefined;
    bounds.splice(0, bounds.length, { name: '(145) μ₂ frozen through the last step with η_t ≥ c', lhs: res.drift, rhs: 0, holds: false, tolerance: `μ₂ moved by ≥ 10⁶ × the run's error estimate ${res.exactness!.errorEstimate}` });
  }
  const out: CaseOutcome = {
    bounds: inconclusive ? [] : bounds,
    branches,
    bins: { 'κ decade': kappaBin(kappa), schedule: c.schedule.kind, side: c.side > 0 ? 'μ₂ above √λ₂' : 'μ₂ below √λ₂' },
    ...(res.exactness ? { exactness: res.exactness } : {}),
    trace,
  };
  return inconclusive ? { ...out, inconclusive } : out;
}

// ---- generators -------------------------------------------------------------------------------------------------

/** A decimal with `digits` significant digits from a log-uniform draw in [lo, hi]. */
const decLog = (lo: number, hi: number, digits = 4): fc.Arbitrary<string> => fc.integer({ min: 0, max: 2 ** 24 }).map((i) => Number((lo * (hi / lo) ** (i / 2 ** 24)).toPrecision(digits)).toString());
const decLin = (lo: number, hi: number, digits = 4): fc.Arbitrary<string> => fc.integer({ min: 0, max: 2 ** 24 }).map((i) => Number((lo + (hi - lo) * (i / 2 ** 24)).toPrecision(digits)).toString());

const KAPPA_MAX = 300;
/** s₂ = 1/√κ for κ log-uniform in [2, 300], to 4 digits (κ = 1/s₂² is then what the instance has). */
const s2Arb = fc.integer({ min: 0, max: 2 ** 24 }).map((i) => {
  const kappa = 2 * (KAPPA_MAX / 2) ** (i / 2 ** 24);
  return Number((1 / Math.sqrt(kappa)).toPrecision(4)).toString();
});

const scheduleArb: fc.Arbitrary<T2Schedule> = fc.oneof(
  { weight: 3, arbitrary: decLin(0.5, 0.999, 3).map((theta) => ({ kind: 'below-threshold' as const, theta })) },
  { weight: 3, arbitrary: fc.record({ eta0: decLog(1e-4, 0.0625), rho: decLin(0.9, 0.9999) }).map((r) => ({ kind: 'geo' as const, ...r })) },
  { weight: 2, arbitrary: fc.record({ eta0: decLog(1e-4, 0.0625), factor: decLin(0.1, 0.9, 2), every: fc.integer({ min: 1, max: 40 }) }).map((r) => ({ kind: 'step' as const, ...r })) },
  { weight: 2, arbitrary: fc.record({ eta0: decLog(1e-3, 0.0625), hold: fc.integer({ min: 1, max: 30 }), theta: decLin(0.5, 1, 3) }).map((r) => ({ kind: 'drop' as const, ...r })) },
  { weight: 1, arbitrary: fc.record({ eta0: decLog(1e-4, 0.0625), L: fc.integer({ min: 1, max: 100 }) }).map((r) => ({ kind: 'harmonic' as const, ...r })) },
);

const arbitrary: fc.Arbitrary<T2Case> = fc.record({
  s2: s2Arb,
  side: fc.constantFrom<1 | -1>(1, -1),
  j: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }) }),
  schedule: scheduleArb,
});

/** Probe: the adversarial warm start dropped (μ₁ = √λ₁ exactly); a geometric schedule from η₀ ≈ |δ₂,₀|/2 finishes fast. */
const coldArb: fc.Arbitrary<T2Case> = fc
  .record({ kappa: fc.integer({ min: 50, max: 300 }), rho: decLin(0.3, 0.8, 2), v: decLin(0.5, 1, 2) })
  .map(({ kappa, rho, v }) => {
    const s2 = Number((1 / Math.sqrt(kappa)).toPrecision(4)).toString();
    const eta0 = floorDigits(CF.mul(CF.mul(CF.of(s2), CF.of('0.0625')), CF.of(v)), 6);
    return { s2, side: 1 as const, j: 0, schedule: { kind: 'geo' as const, eta0, rho }, coldStart: true };
  });

const probes: Probe[] = [
  {
    id: 'no-warm-start',
    drops: 'the adversarial warm start (Lemma 15 (144)): μ₁ = √λ₁ already fitted, μ₂ as before, geometric η from |δ₂,₀|/2',
    run: ({ seed, impl }) => probeSearch(coldArb, (c) => check(c, { mode: 'exact', impl }), seed, 6, 'A.T2 (Thm 2)'),
  },
];

export const claim: Claim<T2Case> = {
  id: 'A.T2',
  title: 'SignGD lower bound on matrix factorization: (κ − 1)/4 iterations from the adversarial warm start',
  source: { paper: 'A', where: 'Theorem 2, App. C (Lemmas 12–16); slides "Theorem 3"', equations: ['(134)–(136)', '(144)–(146)', '(147)–(173)'] },
  provenance: 'quoted',
  statement:
    'SignGD (11) with non-increasing η_t, η₀ ≤ 1/16: for d = k = 2, M* = Q diag(1, 1/κ) Q and the warm start of Lemma 15 (μ₂ = √λ₂(1 ± 1/8), |μ₁ − 1| ≤ 1/8), every ε ≤ κ⁻²/1024 needs N_ε ≥ (κ − 1)/4 iterations (quoted statement; construction and constants reconstructed); the κ-slope of N_ε is ≥ 1.',
  hypotheses: [
    { name: 'κ', text: 'κ = λ_max/λ_min ∈ [2, 300] (λ_max = 1, √λ_min a 4-digit decimal)', domain: { kind: 'real', min: 2, max: KAPPA_MAX, closed: 'both', scale: 'log' } },
    { name: 'η_t', text: 'non-increasing, positive, η₀ ≤ 1/16 (6-digit decimals)', domain: { kind: 'real', min: 1e-9, max: 0.0625, closed: 'right', scale: 'log' } },
    { name: 'ε', text: 'ε ≲ κ⁻²: ε = κ⁻²/(1024·2^j), j ∈ [0, 6]', domain: { kind: 'int', min: 0, max: 6 } },
    { name: 'warm start', text: 'Lemma 15 (144): μ₁ built backwards from the schedule, μ₂ = √λ₂(1 ± 1/8) frozen', domain: { kind: 'structure' }, necessary: true },
  ],
  modes: ['exact', 'float'],
  cases: { quick: { exact: 3, float: 10 }, default: { exact: 16, float: 60 }, deep: { exact: 500, float: 2000 } },
  arbitrary: () => arbitrary,
  check,
  probes,
  binSpace: { 'κ decade': ['2–10', '10–100', '≥100'], schedule: ['below-threshold', 'geo', 'step', 'drop', 'harmonic'], side: ['μ₂ above √λ₂', 'μ₂ below √λ₂'] },
  branchSpace: ['ε reached', 'ε not reached within 0.5κ', 'frozen phase (Lemma 15)', 'no step ≥ c (μ₁ fitted)', 'slope measured'],
};

export default claim;
