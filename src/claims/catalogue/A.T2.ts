import fc from 'fast-check';
import { exactField, type Decimal } from '../../arith/exact.ts';
import type { Field } from '../../arith/field.ts';
import { buildProblem, firstReached, floorDigits, flatten, frozenThrough, lossAtMost, provenDecimal, provenRun, rotatedDiag, runSignGDUntil, scheduleValues, sliceCoords, unproven, warmStart, weight } from '../../cases/signgd.ts';
import { decimalLin, decimalSchedule, scheduleSearch, SCHEDULE_KINDS, type DecimalSchedule } from '../../generators/signgd.ts';
import type { Impl } from '../../impl/impl.ts';
import { defineClaim, float64Field, hyp, probe, type Ctx } from '../kit/index.ts';

/*
 * A.T2 — paper A, Theorem 2; slides "Theorem 3". Quoted statement, reconstructed construction: "Consider SignGD with
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
 * (6 significant digits, rounded down, so it stays non-increasing and exact). SignGD runs through the implementation
 * under test (problems.mf, optimizers.signgd, schedules.sequence, run): in float64, or in decimal at 40 digits proven
 * exact by the re-run at 80 (iterates are sums of ≤ 6-digit step sizes spanning ≤ 8 decades, ≤ ~20 digits; the MF
 * gradient is rounded — eigenvectors (1, ±1)/√2 — so its signs are certified instead). For the "κ-slope" the
 * below-threshold schedules (η_t = θc, the fastest for this construction) are re-run at 4κ (s₂/2): slope =
 * log(N(4κ)/N(κ))/log 4 must be ≥ 1 up to the integer rounding of N, 1 − 1/(N ln 4).
 */

export interface T2Case {
  /** √λ_min with λ_max = 1: κ = 1/s₂². */
  readonly s2: string;
  /** Sign of μ₂ − s₂ at the start. */
  readonly side: 1 | -1;
  /** ε = ε_max / 2^j. */
  readonly j: number;
  readonly schedule: DecimalSchedule;
  /** Probe only: start with μ₁ = 1 (no adversarial warm start). */
  readonly coldStart?: boolean;
}

const CF = exactField(60); // for the construction (decimals of ≤ 20 digits, cubes of them)
const ETA_MAX = '0.0625';
const KAPPA_MAX = 300;

interface Construction {
  readonly kappa: Decimal;
  readonly mu1: string;
  readonly mu2: string;
  readonly c: string;
  readonly etas: string[];
  readonly eps: string;
  readonly T: number;
}

/** Steps run: enough to decide N ≥ (κ − 1)/4 and to measure N up to 0.5κ (the construction predicts ≈ 0.31κ). */
const horizon = (kappa: number): number => Math.ceil(0.5 * kappa) + 2;

/** The threshold, the schedule and the backward warm start of one case, in exact decimals. */
function construct(c: T2Case, steps?: number): Construction {
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
  const n = steps ?? horizon(F.toNumber(kappa));
  const etas = scheduleValues(c.schedule, cc, n, ETA_MAX);
  let T = -1;
  for (let t = 0; t < n; t++) if (F.le(cc, F.of(etas[t]!))) T = t; // the last t with η_t ≥ c
  const d1 = c.coldStart ? F.zero : warmStart(F, etas, T);
  const eps = F.div(F.mul(l2, l2), F.of(1024 * 2 ** c.j));
  return { kappa, mu1: F.toString(F.add(F.one, d1)), mu2: F.toString(mu2), c: F.toString(cc), etas, eps: F.toString(eps), T };
}

/** SignGD from the construction's start in F (proven exact in decimal): N_ε, (145) and the start of the trajectory. */
function count<T>(F: Field<T>, impl: Impl, b: Construction, s2: string) {
  const eps = F.of(b.eps);
  const { run, proof } = provenRun(
    F,
    (G) => {
      const S2 = G.of(s2);
      const target = G.of(b.eps);
      const problem = buildProblem(impl, impl.over(G), 'mf', G.one, G.mul(S2, S2));
      return runSignGDUntil(impl, problem, rotatedDiag(G, G.of(b.mu1), G.of(b.mu2)), b.etas, (r, t) => lossAtMost(G, r, t, target));
    },
    (r) => flatten(r.iterates),
    (r) => flatten(r.grads),
  );
  const mu = run.iterates.slice(0, 12).map((X) => sliceCoords(F, X));
  return {
    N: firstReached(F, run, eps),
    steps: run.iterates.length - 1,
    // |p| + |q| ≤ 2.5 on these runs.
    ...frozenThrough(F, run.iterates, b.T, 2.5),
    trace: { mu1: mu.map((m) => F.toNumber(m.a)), mu2: mu.map((m) => F.toNumber(m.b)) },
    proof,
    stopped: run.status !== 'completed' ? (run.message ?? run.status) : undefined,
  };
}

function check<T>(c: T2Case, k: Ctx<T>): void {
  const b = construct(c);
  const kappa = b.kappa.toNumber();
  k.bin('κ decade', kappa < 10 ? '2–10' : kappa < 100 ? '10–100' : '≥100');
  k.bin('schedule', c.schedule.kind);
  k.bin('side', c.side > 0 ? 'μ₂ above √λ₂' : 'μ₂ below √λ₂');
  const res = count(k.F, k.impl, b, c.s2);
  if (res.proof) k.exactness({ exact: res.proof.exact, precision: res.proof.precision, errorEstimate: res.proof.errorEstimate });
  const N = res.N ?? res.steps + 1; // not reached within the horizon: N > steps
  k.branch(res.N === undefined ? 'ε not reached within 0.5κ' : 'ε reached');
  k.branch(b.T >= 0 ? 'frozen phase (Lemma 15)' : 'no step ≥ c (μ₁ fitted)');
  const trace: Record<string, unknown> = { N: res.N ?? `> ${res.steps}`, T: b.T, c: b.c, mu1: b.mu1, mu2: b.mu2, eps: b.eps, measuredConstant: N / (kappa - 1), trace: res.trace };
  k.trace(() => trace);

  // The κ-slope: the 4κ re-run costs ~4N more steps, so it is measured for κ ≤ 100 (s₂ ≥ 0.1): 2–100 → 8–400.
  let slope: { value: number; floor: number; r4: ReturnType<typeof count<T>> } | undefined;
  if (c.schedule.kind === 'below-threshold' && res.N !== undefined && !c.coldStart && CF.le(CF.of('0.1'), CF.of(c.s2))) {
    const c4: T2Case = { ...c, s2: CF.toString(CF.div(CF.of(c.s2), CF.of(2))) };
    const r4 = count(k.F, k.impl, construct(c4, Math.ceil(4 * N * 1.2) + 4), c4.s2);
    if (r4.N !== undefined) {
      slope = { value: Math.log(r4.N / res.N) / Math.log(4), floor: 1 - 1 / (res.N * Math.log(4)), r4 };
      trace.slope = slope.value;
      trace.N4 = r4.N;
    }
    k.branch('slope measured');
  }

  // An unproven exact run decides nothing (its signs may be rounding) — except (145) when μ₂ moved by far more than
  // the run's error estimate (a broken SignGD).
  if (unproven(res) && !c.coldStart && res.drift > 1e6 * res.proof!.errorNumber) {
    k.bound('(145) μ₂ frozen through the last step with η_t ≥ c', res.drift, 0);
    return;
  }
  if (slope && unproven(slope.r4)) return k.inconclusive(`exactness not proven at 4κ: ${slope.r4.proof!.errorEstimate}`);
  if (unproven(res)) return k.inconclusive(`exactness not proven: ${res.proof!.errorEstimate}`);
  if (res.stopped) return k.inconclusive(`run stopped: ${res.stopped}`);

  // (κ − 1)/4 ≤ N compared on doubles is exact here: s₂ = m·10^−e (4 digits, e ≤ 5), so (4N + 1)s₂² − 1 is 0 or at
  // least 10⁻¹⁰ away from it, i.e. κ − (4N + 1) is 0 or ≥ 10⁻¹⁰κ, far above κ's one rounding to a double.
  k.bound('(Thm 2) N_ε ≥ (κ − 1)/4', (kappa - 1) / 4, N);
  // The construction's own invariant (not the theorem): a failure here means the reconstruction, not SignGD, is off.
  if (!c.coldStart) k.bound('(145) μ₂ frozen through the last step with η_t ≥ c', res.frozen ? 0 : 1, 0);
  if (slope) k.bound('κ-slope of N_ε ≥ 1', slope.floor, slope.value, { why: '1 − 1/(N ln 4): N is an integer count, so an exactly linear N(κ) = ⌈aκ⌉ can show a slope down to this' });
}

// ---- generators -------------------------------------------------------------------------------------------------

/** s₂ = 1/√κ for κ log-uniform in [2, 300], to 4 digits (κ = 1/s₂² is then what the instance has). */
const s2Arb = fc.integer({ min: 0, max: 2 ** 24 }).map((i) => {
  const kappa = 2 * (KAPPA_MAX / 2) ** (i / 2 ** 24);
  return Number((1 / Math.sqrt(kappa)).toPrecision(4)).toString();
});

/** The schedules' ranges: η₀ ≤ 1/16 (Theorem 2's hypothesis). */
const SCHEDULES = { eta0: [1e-4, 0.0625], dropEta0: [1e-3, 0.0625], dropThetaMax: 1 } as const;
const scheduleSpace = scheduleSearch(SCHEDULES);

const cases: fc.Arbitrary<T2Case> = fc.record({
  s2: s2Arb,
  side: fc.constantFrom<1 | -1>(1, -1),
  j: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }) }),
  schedule: decimalSchedule({ ...SCHEDULES, geoWeight: 3 }),
});

/** Probe: the adversarial warm start dropped (μ₁ = √λ₁ exactly); a geometric schedule from η₀ ≈ |δ₂,₀|/2 finishes fast. */
const coldStart: fc.Arbitrary<T2Case> = fc
  .record({ kappa: fc.integer({ min: 50, max: 300 }), rho: decimalLin(0.3, 0.8, 2), v: decimalLin(0.5, 1, 2) })
  .map(({ kappa, rho, v }) => {
    const s2 = Number((1 / Math.sqrt(kappa)).toPrecision(4)).toString();
    const eta0 = floorDigits(CF.mul(CF.mul(CF.of(s2), CF.of('0.0625')), CF.of(v)), 6);
    return { s2, side: 1 as const, j: 0, schedule: { kind: 'geo' as const, eta0, rho }, coldStart: true };
  });

export default defineClaim<T2Case>({
  id: 'A.T2',
  title: 'SignGD lower bound on matrix factorization: (κ − 1)/4 iterations from the adversarial warm start',
  source: { paper: 'A', where: 'Theorem 2, App. C (Lemmas 12–16); slides "Theorem 3"', equations: ['(134)–(136)', '(144)–(146)', '(147)–(173)'] },
  provenance: 'quoted',
  statement:
    'SignGD (11) with non-increasing η_t, η₀ ≤ 1/16: for d = k = 2, M* = Q diag(1, 1/κ) Q and the warm start of Lemma 15 (μ₂ = √λ₂(1 ± 1/8), |μ₁ − 1| ≤ 1/8), every ε ≤ κ⁻²/1024 needs N_ε ≥ (κ − 1)/4 iterations (quoted statement; construction and constants reconstructed); the κ-slope of N_ε is ≥ 1.',
  hypotheses: [
    hyp.real('κ', 'κ = λ_max/λ_min ∈ [2, 300] (λ_max = 1, √λ_min a 4-digit decimal)', 2, KAPPA_MAX, { scale: 'log' }),
    hyp.real('η_t', 'non-increasing, positive, η₀ ≤ 1/16 (6-digit decimals)', 1e-9, 0.0625, { closed: 'right', scale: 'log' }),
    hyp.int('ε', 'ε ≲ κ⁻²: ε = κ⁻²/(1024·2^j), j ∈ [0, 6]', 0, 6),
    hyp.structure('warm start', 'Lemma 15 (144): μ₁ built backwards from the schedule, μ₂ = √λ₂(1 ± 1/8) frozen', { necessary: true }),
  ],
  modes: { exact: provenDecimal(40), float: float64Field },
  cases: { quick: { exact: 3, float: 10 }, default: { exact: 16, float: 60 }, deep: { exact: 500, float: 2000 } },
  generate: () => cases,
  check,
  probes: [
    probe({ id: 'no-warm-start', hypothesis: 'warm start', drops: 'the adversarial warm start (Lemma 15 (144)): μ₁ = √λ₁ already fitted, μ₂ as before, geometric η from |δ₂,₀|/2', mode: 'exact', cases: coldStart, runs: 6, what: 'A.T2 (Thm 2)' }),
  ],
  // The search for the worst case (the schedule that reaches ε fastest against (κ − 1)/4) moves ln κ ∈ [ln 2, ln 300]
  // (√λ_min to 4 digits, as generated) and the schedule's numeric parameters (scheduleSearch); side, j, kind stay.
  search: {
    params: (c) => [Math.log(1 / Number(c.s2) ** 2), ...scheduleSpace.params(c.schedule)],
    withParams(c, [lk, ...x]) {
      const schedule = scheduleSpace.withParams(c.schedule, x);
      const s2 = Number((1 / Math.sqrt(Math.exp(lk!))).toPrecision(4)).toString();
      const kappa = 1 / Number(s2) ** 2;
      return schedule && kappa >= 2 && kappa <= KAPPA_MAX ? { ...c, s2, schedule } : undefined;
    },
  },
  bins: { 'κ decade': ['2–10', '10–100', '≥100'], schedule: [...SCHEDULE_KINDS], side: ['μ₂ above √λ₂', 'μ₂ below √λ₂'] },
  branches: ['ε reached', 'ε not reached within 0.5κ', 'frozen phase (Lemma 15)', 'no step ≥ c (μ₁ fitted)', 'slope measured'],
});
