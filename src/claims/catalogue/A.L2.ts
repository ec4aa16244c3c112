import fc, { type Arbitrary } from 'fast-check';
import type { Field } from '../../arith/field.ts';
import { float64 } from '../../arith/float64.ts';
import { probeSearch } from '../search.ts';
import type { Bound, CaseOutcome, CheckContext, Claim, Mode } from '../types.ts';
import { dyadicMagnitude, muonScalar, rationalField, rho256, rhoBin, seedArb, uniformDyadic, worstStep, trajectoryWindow, tightestStep } from './scalar-recursion.ts';

/*
 * A.L2 (paper A, Lemma 2, §3.1, (27)–(28), proof (32)–(40); reconstructed, the slide "scalar case" quotes
 * |σ²_{t+1} − λ| ≲ |λ|ρ^t for η_t = C√|λ|ρ^t, C ≥ 1, ρ ∈ [1/2, 1)).
 * Recursion (27) σ_{t+1} = σ_t − η_t sign(σ_t³ − λσ_t), run as Muon on P.scalar with S.geo (all from ctx.impl).
 * δ_t = ||σ_t| − √λ| (34). Hypotheses: λ ≥ 0, σ₀ ≠ 0, η_t = η₀ρ^t, ρ ∈ [1/2, 1), max(|σ₀|, √λ) ≤ η₀.
 * Conclusions for all t: (35) δ_{t+1} ≤ |δ_t − η_t|; (28a) δ_{t+1} ≤ η_t; (28b) |σ²_{t+1} − λ| ≤ η_t(η_t + 2√λ), and
 * with η₀ = C√λ the slide's form |σ²_{t+1} − λ| ≤ (C² + 2C)λρ^t.
 *
 * The bounds use the claimed η_t = C·c·ρ^t computed here (not the schedule's), so a schedule that drops ρ^t fails them.
 * A case: √λ (dyadic; 0 one time in 8, then c = 1), c = √λ, σ₀ = ±q·√λ (q = 1: start at the root), C = 2^j(1 + v)
 * with 2^j ≥ max(1, |σ₀|/c) and v uniform from a seeded 2^24 grid (C independent of σ₀ as Lemma 1 needs; v = 0, i.e.
 * the tight η₀ = √λ, only when |σ₀| ≤ √λ, since η₀ = |σ₀| > √λ is exactly the critical C of Lemma 1: σ₁ = 0).
 * The lemma holds with probability 1 over C: a run that lands on 0 (λ > 0) is in Lemma 1's null set; its steps up to
 * the zero are checked and the case is marked inconclusive, never counted as holding.
 */

export interface L2Case {
  readonly sqrtLambda: number;
  /** c in η₀ = C·c: √λ, or 1 when λ = 0. */
  readonly scale: number;
  readonly C: number;
  readonly sigma0: number;
  readonly rho: number;
  readonly steps: number;
}

const T_MAX: Record<Mode, number> = { exact: 60, float: 200 };

interface Draw {
  readonly sqrtLambda: number;
  readonly sign: number;
  readonly q: number;
  readonly tight: boolean;
  readonly vSeed: number;
  readonly rho: number;
  readonly steps: number;
}

function build(d: Draw, C?: number): L2Case {
  const scale = d.sqrtLambda === 0 ? 1 : d.sqrtLambda;
  const sigma0 = d.sign * d.q * scale;
  let j = 0;
  while (2 ** j < d.q) j++;
  const v = d.tight && d.q <= 1 ? 0 : uniformDyadic(d.vSeed, 0, 1);
  return { sqrtLambda: d.sqrtLambda, scale, C: C ?? 2 ** j * (1 + v), sigma0, rho: d.rho, steps: d.steps };
}

function drawArb(rho: Arbitrary<number>, steps: Arbitrary<number>, lambdaZero = true): Arbitrary<Draw> {
  return fc.record({
    sqrtLambda: lambdaZero ? fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: dyadicMagnitude(10, -4, 4), weight: 7 }) : dyadicMagnitude(10, -4, 4),
    sign: fc.constantFrom(-1, 1),
    q: fc.oneof({ arbitrary: fc.constant(1), weight: 1 }, { arbitrary: dyadicMagnitude(12, -6, 3), weight: 7 }),
    tight: fc.boolean(),
    vSeed: seedArb,
    rho,
    steps,
  });
}

const arbitraryFor = (mode: Mode): Arbitrary<L2Case> => drawArb(rho256(128, 255), fc.integer({ min: 1, max: T_MAX[mode] })).map((d) => build(d));

interface StepVals {
  readonly lhs: number;
  readonly rhs: number;
  readonly holds: boolean;
  readonly t: number;
}

function bins(c: L2Case): Record<string, string> {
  const q = Math.abs(c.sigma0) / c.scale;
  return {
    ρ: rhoBin(c.rho),
    C: c.C === 1 ? '1' : c.C <= 2 ? '(1,2]' : '>2',
    start: c.sqrtLambda === 0 ? 'λ = 0' : q < 1 ? '|σ₀| < √λ' : q === 1 ? '|σ₀| = √λ' : '|σ₀| > √λ',
    T: c.steps <= 10 ? '1–10' : c.steps <= 50 ? '11–50' : '51–200',
  };
}

/**
 * One check over a field. `exact` decides comparisons exactly (Q, no tolerance); float adds the argued tolerances.
 */
function checkIn<T>(F: Field<T>, c: L2Case, ctx: CheckContext, exact: boolean): CaseOutcome {
  const run = muonScalar(ctx.impl, F, { sqrtLambda: c.sqrtLambda, sigma0: c.sigma0, scale: c.scale, rho: c.rho, C: c.C, steps: c.steps });
  if (run.status !== 'completed') return { bounds: [], inconclusive: `the run stopped: ${run.message ?? run.status}` };
  const u = F.unitRoundoff;
  const sl = run.sqrtLambda;
  const lam = run.lambda;
  const slN = F.toNumber(sl);
  const lamN = F.toNumber(lam);
  const C = F.of(c.C);
  const two = F.of(2);
  const slide = F.mul(F.add(F.mul(C, C), F.mul(two, C)), lam); // (C² + 2C)λ
  const delta = (s: T): T => F.abs(F.sub(F.abs(s), sl));
  const s35: StepVals[] = [];
  const s28a: StepVals[] = [];
  const s28b: StepVals[] = [];
  const sSlide: StepVals[] = [];
  const branches = new Set<string>();
  if (c.sqrtLambda === 0) branches.add('λ = 0');
  let eta = F.mul(C, F.of(c.scale)); // the claimed η_t = C·c·ρ^t (its own ρ^t, not the schedule's)
  let rhoT = F.one;
  const rho = F.of(c.rho);
  let E = 0; // float: accumulated per-step slack Σ ε_τ (0 in exact)
  let zeroAt = -1;
  const T = run.sigma.length - 1;
  for (let t = 0; t < T; t++) {
    const st = run.sigma[t]!;
    const s1 = run.sigma[t + 1]!;
    if (c.sqrtLambda !== 0 && !F.isZero(st) && F.isZero(s1)) {
      zeroAt = t + 1;
      break;
    }
    const dt = delta(st);
    const d1 = delta(s1);
    branches.add(F.isZero(dt) ? 'at the root (δ_t = 0)' : F.lt(dt, eta) ? 'overshoot (δ_t < η_t)' : 'approach (δ_t ≥ η_t)');
    const n = (x: T): number => F.toNumber(x);
    // Float tolerance per step (see the derivation in the report): ε_t = 4u(|σ_t| + |σ_{t+1}| + (t+5)η_t) covers one
    // rounding of σ_{t+1}, a sign misjudged within u|σ_t| of a root (excess ≤ 2δ_t ≤ 2u|σ_t|), η_t's (t+3)u relative
    // error in the run and here, and the rounding of δ_t, δ_{t+1}. (28a) accumulates it: E_{t+1} = Σ_{τ≤t} ε_τ.
    const eps = exact ? 0 : 4 * u * (Math.abs(n(st)) + Math.abs(n(s1)) + (t + 5) * n(eta));
    E += eps;
    const rhs35 = F.abs(F.sub(dt, eta));
    s35.push({ lhs: n(d1), rhs: n(rhs35) + eps, holds: exact ? F.le(d1, rhs35) : n(d1) <= n(rhs35) + eps, t });
    s28a.push({ lhs: n(d1), rhs: n(eta) + E, holds: exact ? F.le(d1, eta) : n(d1) <= n(eta) + E, t });
    const gap = F.abs(F.sub(F.mul(s1, s1), lam));
    const rhs28b = F.mul(eta, F.add(eta, F.mul(two, sl)));
    // |σ²−λ| ≤ (δ+E)(δ+E+2√λ) with δ ≤ η: E(2η + E + 2√λ) more, plus the roundings of σ² − λ (2u(σ² + λ)) and of the
    // right side (3u·rhs).
    const tol28b = exact ? 0 : E * (2 * n(eta) + E + 2 * slN) + 2 * u * (n(s1) ** 2 + lamN) + 3 * u * n(rhs28b);
    s28b.push({ lhs: n(gap), rhs: n(rhs28b) + tol28b, holds: exact ? F.le(gap, rhs28b) : n(gap) <= n(rhs28b) + tol28b, t });
    if (c.sqrtLambda !== 0) {
      const rhsS = F.mul(slide, rhoT);
      const tolS = exact ? 0 : tol28b + (t + 4) * u * n(rhsS);
      sSlide.push({ lhs: n(gap), rhs: n(rhsS) + tolS, holds: exact ? F.le(gap, rhsS) : n(gap) <= n(rhsS) + tolS, t });
    }
    eta = F.mul(eta, rho);
    rhoT = F.mul(rhoT, rho);
  }
  const tolText = exact ? undefined : 'float: ε_t = 4u(|σ_t| + |σ_{t+1}| + (t+5)η_t) per step, accumulated for (28a)/(28b) (see A.L2.ts)';
  const bounds: Bound[] = [worstStep('(35)', s35, tolText), worstStep('(28a)', s28a, tolText), worstStep('(28b)', s28b, tolText)];
  if (sSlide.length > 0) bounds.push(worstStep('(28b) slide: ≤ (C²+2C)λρ^t', sSlide, tolText));
  const out: CaseOutcome = { bounds, branches: [...branches], bins: bins(c), trace: trajectoryWindow(F, run, tightestStep(bounds)) };
  if (zeroAt >= 0) return { ...out, branches: [...branches, 'hit 0 (Lemma 1 null set)'], outsideHypotheses: `σ_${zeroAt} = 0: C is a critical value of Lemma 1 (the null set the claim excludes); steps before it checked` };
  return out;
}

function check(c: L2Case, ctx: CheckContext): CaseOutcome {
  if (ctx.mode === 'float') return checkIn(float64, c, ctx, false);
  const Q = rationalField();
  const o = checkIn(Q, c, ctx, true);
  if (Q.inexact > 0) return { ...o, inconclusive: `${Q.inexact} inexact √ in Q` };
  return { ...o, exactness: { exact: true, precision: 0, errorEstimate: '0: rational (bigint) arithmetic, precision unlimited (reported 0); √ taken only of perfect squares (1×1 msign, ‖·‖_F)' } };
}

const exactCheck = (impl: CheckContext['impl']) => (c: L2Case) => check(c, { mode: 'exact', impl });

/** η₀ < √λ − |σ₀|: C ∈ (0, 1) and |σ₀| = w(1 − C)√λ, w ∈ (0, 1). */
const smallEtaArb: Arbitrary<L2Case> = fc
  .record({ sqrtLambda: dyadicMagnitude(10, -4, 4), C: fc.integer({ min: 1, max: 255 }).map((k) => k / 256), w: fc.integer({ min: 0, max: 255 }).map((k) => k / 256), sign: fc.constantFrom(-1, 1), rho: rho256(128, 255), steps: fc.integer({ min: 10, max: 60 }) })
  .map(({ sqrtLambda, C, w, sign, rho, steps }) => ({ sqrtLambda, scale: sqrtLambda, C, sigma0: sign * w * (1 - C) * sqrtLambda, rho, steps }))
  .filter((c) => c.sigma0 !== 0);

export const claim: Claim<L2Case> = {
  id: 'A.L2',
  title: 'Scalar Muon with geometric steps: (35), δ_{t+1} ≤ η_t (28a), |σ²_{t+1} − λ| ≤ η_t(η_t + 2√λ) (28b)',
  source: { paper: 'A', where: "Lemma 2, §3.1 (proof (32)–(40)); slide 'scalar case'", equations: ['(27)', '(28a)', '(28b)', '(34)', '(35)'] },
  provenance: 'reconstructed',
  statement:
    'For (27) with λ ≥ 0, σ₀ ≠ 0, η_t = η₀ρ^t, ρ ∈ [1/2, 1), max(|σ₀|, √λ) ≤ η₀, δ_t = ||σ_t| − √λ|: for all t ≥ 0, (35) δ_{t+1} ≤ |δ_t − η_t|; (28a) δ_{t+1} ≤ η_t; (28b) |σ²_{t+1} − λ| ≤ η_t(η_t + 2√λ), hence ≤ (C² + 2C)λρ^t when η₀ = C√λ.',
  hypotheses: [
    { name: 'λ', text: 'λ ≥ 0 (√λ dyadic; 0 one case in 8)', domain: { kind: 'real', min: 0, max: 1024, closed: 'both', scale: 'log' } },
    { name: 'σ0', text: 'σ₀ ≠ 0', domain: { kind: 'real', min: -2048, max: 2048, closed: 'both' }, necessary: true },
    { name: 'ρ', text: 'ρ ∈ [1/2, 1)', domain: { kind: 'real', min: 0.5, max: 255 / 256, closed: 'both' }, necessary: true },
    { name: 'η0', text: 'η₀ = C√λ ≥ max(|σ₀|, √λ) (C ≥ 1)', domain: { kind: 'real', min: 1, max: 16, closed: 'both', scale: 'log' }, necessary: true },
    { name: 'T', text: 'horizon of the check (exact ≤ 60, float ≤ 200)', domain: { kind: 'int', min: 1, max: 200 } },
  ],
  modes: ['exact', 'float'],
  cases: { quick: { exact: 40, float: 60 }, default: { exact: 400, float: 600 }, deep: { exact: 15000, float: 25000 } },
  arbitrary: arbitraryFor,
  check,
  probes: [
    {
      id: 'rho-below-half',
      drops: 'ρ ≥ 1/2 dropped: ρ ∈ [0.2, 0.49) (k/256, k ∈ [52, 125])',
      run: ({ seed, profile, impl }) =>
        probeSearch(drawArb(rho256(52, 125), fc.integer({ min: 10, max: 60 })).map((d) => build(d)), exactCheck(impl), seed, profile === 'deep' ? 20000 : profile === 'quick' ? 50 : 200, '(35)/(28a)/(28b)'),
    },
    {
      id: 'eta0-below-gap',
      drops: 'max(|σ₀|, √λ) ≤ η₀ dropped: η₀ < √λ − |σ₀| (C < 1)',
      run: ({ seed, profile, impl }) => probeSearch(smallEtaArb, exactCheck(impl), seed, profile === 'deep' ? 5000 : 100, '(28a)'),
    },
    {
      id: 'sigma0-zero',
      drops: 'σ₀ ≠ 0 dropped: σ₀ = 0, λ > 0 (the saddle: sign(0) = 0 keeps σ_t = 0)',
      run: ({ seed, profile, impl }) =>
        probeSearch(drawArb(rho256(128, 255), fc.integer({ min: 10, max: 60 }), false).map((d) => ({ ...build(d), sigma0: 0 })), exactCheck(impl), seed, profile === 'deep' ? 2000 : 40, '(28a)'),
    },
  ],
  binSpace: {
    ρ: ['[1/2,2/3)', '[2/3,0.9)', '[0.9,1)'],
    C: ['1', '(1,2]', '>2'],
    start: ['λ = 0', '|σ₀| < √λ', '|σ₀| = √λ', '|σ₀| > √λ'],
    T: ['1–10', '11–50', '51–200'],
  },
  branchSpace: ['overshoot (δ_t < η_t)', 'approach (δ_t ≥ η_t)', 'at the root (δ_t = 0)', 'λ = 0'],
};
