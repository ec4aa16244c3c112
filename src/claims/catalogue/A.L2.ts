import fc, { type Arbitrary } from 'fast-check';
import { muonScalar, trajectoryWindow } from '../../cases/scalar.ts';
import { dyadicMagnitude, rho256, seed, uniformDyadic } from '../../generators/dyadic.ts';
import { defineClaim, float64Field, hyp, probe, rational, rhoBin, worstAt, type Mode } from '../kit/index.ts';

/*
 * A.L2 — paper A, Lemma 2, §3.1, (27)–(28), proof (32)–(40); reconstructed (the slide "scalar case" quotes
 * |σ²_{t+1} − λ| ≲ |λ|ρ^t for η_t = C√|λ|ρ^t, C ≥ 1, ρ ∈ [1/2, 1)).
 *
 * Recursion (27) σ_{t+1} = σ_t − η_t sign(σ_t³ − λσ_t), run as Muon on P.scalar with S.geo; δ_t = ||σ_t| − √λ| (34).
 * The bounds use the claimed η_t = C·c·ρ^t computed here (not the schedule's), so a schedule that drops ρ^t fails them.
 *
 * A case: √λ (dyadic; 0 one time in 8, then c = 1), c = √λ, σ₀ = ±q·√λ (q = 1: start at the root), C = 2^j(1 + v)
 * with 2^j ≥ max(1, |σ₀|/c) and v uniform from a seeded 2^24 grid (C independent of σ₀ as Lemma 1 needs; v = 0, i.e.
 * the tight η₀ = √λ, only when |σ₀| ≤ √λ, since η₀ = |σ₀| > √λ is exactly the critical C of Lemma 1: σ₁ = 0).
 * The lemma holds with probability 1 over C: a run that lands on 0 (λ > 0) is in Lemma 1's null set; its steps up to
 * the zero are checked and the case is skipped as outside the hypotheses, never counted as holding.
 *
 * Float tolerance per step: ε_t = 4u(|σ_t| + |σ_{t+1}| + (t+5)η_t) covers one rounding of σ_{t+1}, a sign misjudged
 * within u|σ_t| of a root (excess ≤ 2δ_t ≤ 2u|σ_t|), η_t's (t+3)u relative error in the run and here, and the
 * rounding of δ_t, δ_{t+1}. (28a) accumulates it: E_{t+1} = Σ_{τ≤t} ε_τ. In Q every tolerance is ignored.
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

function build(d: Draw): L2Case {
  const scale = d.sqrtLambda === 0 ? 1 : d.sqrtLambda;
  let j = 0;
  while (2 ** j < d.q) j++;
  const v = d.tight && d.q <= 1 ? 0 : uniformDyadic(d.vSeed, 0, 1);
  return { sqrtLambda: d.sqrtLambda, scale, C: 2 ** j * (1 + v), sigma0: d.sign * d.q * scale, rho: d.rho, steps: d.steps };
}

function draws(rho: Arbitrary<number>, steps: Arbitrary<number>, lambdaZero = true): Arbitrary<L2Case> {
  return fc
    .record({
      sqrtLambda: lambdaZero ? fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: dyadicMagnitude(10, -4, 4), weight: 7 }) : dyadicMagnitude(10, -4, 4),
      sign: fc.constantFrom(-1, 1),
      q: fc.oneof({ arbitrary: fc.constant(1), weight: 1 }, { arbitrary: dyadicMagnitude(12, -6, 3), weight: 7 }),
      tight: fc.boolean(),
      vSeed: seed,
      rho,
      steps,
    })
    .map(build);
}

/** η₀ < √λ − |σ₀|: C ∈ (0, 1) and |σ₀| = w(1 − C)√λ, w ∈ (0, 1). */
const smallEta: Arbitrary<L2Case> = fc
  .record({ sqrtLambda: dyadicMagnitude(10, -4, 4), C: fc.integer({ min: 1, max: 255 }).map((k) => k / 256), w: fc.integer({ min: 0, max: 255 }).map((k) => k / 256), sign: fc.constantFrom(-1, 1), rho: rho256(128, 255), steps: fc.integer({ min: 10, max: 60 }) })
  .map(({ sqrtLambda, C, w, sign, rho, steps }) => ({ sqrtLambda, scale: sqrtLambda, C, sigma0: sign * w * (1 - C) * sqrtLambda, rho, steps }))
  .filter((c) => c.sigma0 !== 0);

export default defineClaim<L2Case>({
  id: 'A.L2',
  title: 'Scalar Muon with geometric steps: (35), δ_{t+1} ≤ η_t (28a), |σ²_{t+1} − λ| ≤ η_t(η_t + 2√λ) (28b)',
  source: { paper: 'A', where: "Lemma 2, §3.1 (proof (32)–(40)); slide 'scalar case'", equations: ['(27)', '(28a)', '(28b)', '(34)', '(35)'] },
  provenance: 'reconstructed',
  statement:
    'For (27) with λ ≥ 0, σ₀ ≠ 0, η_t = η₀ρ^t, ρ ∈ [1/2, 1), max(|σ₀|, √λ) ≤ η₀, δ_t = ||σ_t| − √λ|: for all t ≥ 0, (35) δ_{t+1} ≤ |δ_t − η_t|; (28a) δ_{t+1} ≤ η_t; (28b) |σ²_{t+1} − λ| ≤ η_t(η_t + 2√λ), hence ≤ (C² + 2C)λρ^t when η₀ = C√λ.',
  hypotheses: [
    hyp.real('λ', 'λ ≥ 0 (√λ dyadic; 0 one case in 8)', 0, 1024, { scale: 'log' }),
    hyp.real('σ0', 'σ₀ ≠ 0', -2048, 2048, { necessary: true }),
    hyp.real('ρ', 'ρ ∈ [1/2, 1)', 0.5, 255 / 256, { necessary: true }),
    hyp.real('η0', 'η₀ = C√λ ≥ max(|σ₀|, √λ) (C ≥ 1)', 1, 16, { scale: 'log', necessary: true }),
    hyp.int('T', 'horizon of the check (exact ≤ 60, float ≤ 200)', 1, 200),
  ],
  modes: { exact: rational(), float: float64Field },
  cases: { quick: { exact: 40, float: 60 }, default: { exact: 400, float: 600 }, deep: { exact: 15000, float: 25000 } },
  generate: (mode) => draws(rho256(128, 255), fc.integer({ min: 1, max: T_MAX[mode] })),

  check(c, k) {
    const { F } = k;
    const run = muonScalar(k.impl, F, { sqrtLambda: c.sqrtLambda, sigma0: c.sigma0, scale: c.scale, rho: c.rho, C: c.C, steps: c.steps });
    const q = Math.abs(c.sigma0) / c.scale;
    k.bin('ρ', rhoBin(c.rho));
    k.bin('C', c.C === 1 ? '1' : c.C <= 2 ? '(1,2]' : '>2');
    k.bin('start', c.sqrtLambda === 0 ? 'λ = 0' : q < 1 ? '|σ₀| < √λ' : q === 1 ? '|σ₀| = √λ' : '|σ₀| > √λ');
    k.bin('T', c.steps <= 10 ? '1–10' : c.steps <= 50 ? '11–50' : '51–200');
    if (run.status !== 'completed') return k.inconclusive(`the run stopped: ${run.message ?? run.status}`);
    if (c.sqrtLambda === 0) k.branch('λ = 0');

    const { u } = k;
    const sl = run.sqrtLambda;
    const lam = run.lambda;
    const C = F.of(c.C);
    const slide = F.mul(F.add(F.mul(C, C), F.mul(F.of(2), C)), lam); // (C² + 2C)λ
    const delta = (s: typeof sl) => F.abs(F.sub(F.abs(s), sl)); // δ = ||σ| − √λ|  (34)
    const n = k.num;
    const why = 'ε_t = 4u(|σ_t| + |σ_{t+1}| + (t+5)η_t) per step, accumulated for (28a)/(28b) (see A.L2.ts)';
    let eta = F.mul(C, F.of(c.scale)); // the claimed η_t = C·c·ρ^t (its own ρ^t, not the schedule's)
    let rhoT = F.one;
    let E = 0; // accumulated per-step tolerance Σ ε_τ
    for (let t = 0; t + 1 < run.sigma.length; t++) {
      const st = run.sigma[t]!;
      const s1 = run.sigma[t + 1]!;
      if (c.sqrtLambda !== 0 && !F.isZero(st) && F.isZero(s1)) {
        k.branch('hit 0 (Lemma 1 null set)');
        k.outside(`σ_${t + 1} = 0: C is a critical value of Lemma 1 (the null set the claim excludes); steps before it checked`);
        break;
      }
      const dt = delta(st);
      const d1 = delta(s1);
      k.branch(F.isZero(dt) ? 'at the root (δ_t = 0)' : F.lt(dt, eta) ? 'overshoot (δ_t < η_t)' : 'approach (δ_t ≥ η_t)');
      const eps = 4 * u * (Math.abs(n(st)) + Math.abs(n(s1)) + (t + 5) * n(eta));
      E += eps;

      k.bound('(35)', d1, F.abs(F.sub(dt, eta)), { tol: eps, why, at: t }); //   δ_{t+1} ≤ |δ_t − η_t|
      k.bound('(28a)', d1, eta, { tol: E, why, at: t }); //                      δ_{t+1} ≤ η_t
      const gap = F.abs(F.sub(F.mul(s1, s1), lam)); //                           |σ²_{t+1} − λ|
      const rhs28b = F.mul(eta, F.add(eta, F.mul(F.of(2), sl))); //              η_t(η_t + 2√λ)
      // |σ²−λ| ≤ (δ+E)(δ+E+2√λ) with δ ≤ η: E(2η + E + 2√λ) more, plus the roundings of σ² − λ (2u(σ² + λ)) and of
      // the right side (3u·rhs).
      const tol28b = E * (2 * n(eta) + E + 2 * n(sl)) + 2 * u * (n(s1) ** 2 + n(lam)) + 3 * u * n(rhs28b);
      k.bound('(28b)', gap, rhs28b, { tol: tol28b, why, at: t });
      if (c.sqrtLambda !== 0) {
        const rhsSlide = F.mul(slide, rhoT); //                                  (C² + 2C)λρ^t
        k.bound('(28b) slide: ≤ (C²+2C)λρ^t', gap, rhsSlide, { tol: tol28b + (t + 4) * u * n(rhsSlide), why, at: t });
      }
      eta = F.mul(eta, F.of(c.rho));
      rhoT = F.mul(rhoT, F.of(c.rho));
    }
    k.trace((bounds) => trajectoryWindow(F, run, worstAt(bounds)));
  },

  probes: [
    probe({ id: 'rho-below-half', hypothesis: 'ρ', drops: 'ρ ≥ 1/2 dropped: ρ ∈ [0.2, 0.49) (k/256, k ∈ [52, 125])', mode: 'exact', cases: draws(rho256(52, 125), fc.integer({ min: 10, max: 60 })), runs: { quick: 50, default: 200, deep: 20000 }, what: '(35)/(28a)/(28b)' }),
    probe({ id: 'eta0-below-gap', hypothesis: 'η0', drops: 'max(|σ₀|, √λ) ≤ η₀ dropped: η₀ < √λ − |σ₀| (C < 1)', mode: 'exact', cases: smallEta, runs: { quick: 100, default: 100, deep: 5000 }, what: '(28a)' }),
    probe({
      id: 'sigma0-zero',
      hypothesis: 'σ0',
      drops: 'σ₀ ≠ 0 dropped: σ₀ = 0, λ > 0 (the saddle: sign(0) = 0 keeps σ_t = 0)',
      mode: 'exact',
      cases: draws(rho256(128, 255), fc.integer({ min: 10, max: 60 }), false).map((c) => ({ ...c, sigma0: 0 })),
      runs: { quick: 40, default: 40, deep: 2000 },
      what: '(28a)',
    }),
  ],
  // The search for the worst case moves √λ, |σ₀|/√λ, C and ρ on a 2^-20 grid (cheap in Q) inside the hypotheses:
  // ρ ∈ [1/2, 255/256], C ≥ max(1, |σ₀|/√λ), σ₀ ≠ 0; λ = 0 cases keep √λ = 0.
  search: {
    params: (c) => [c.sqrtLambda, Math.abs(c.sigma0) / c.scale, c.C, c.rho],
    withParams(c, [sl, q, C, rho]) {
      const grid = (x: number): number => Math.round(x * 2 ** 20) / 2 ** 20;
      const sqrtLambda = c.sqrtLambda === 0 ? 0 : grid(sl!);
      const [qq, CC, r] = [grid(q!), grid(C!), grid(rho!)];
      if (!(qq > 0) || !(CC >= Math.max(1, qq)) || !(r >= 0.5 && r <= 255 / 256) || (c.sqrtLambda !== 0 && !(sqrtLambda > 0 && sqrtLambda <= 32))) return undefined;
      const scale = sqrtLambda === 0 ? 1 : sqrtLambda;
      return { ...c, sqrtLambda, scale, C: CC, rho: r, sigma0: Math.sign(c.sigma0) * qq * scale };
    },
  },
  bins: {
    ρ: ['[1/2,2/3)', '[2/3,0.9)', '[0.9,1)'],
    C: ['1', '(1,2]', '>2'],
    start: ['λ = 0', '|σ₀| < √λ', '|σ₀| = √λ', '|σ₀| > √λ'],
    T: ['1–10', '11–50', '51–200'],
  },
  branches: ['overshoot (δ_t < η_t)', 'approach (δ_t ≥ η_t)', 'at the root (δ_t = 0)', 'λ = 0'],
});
