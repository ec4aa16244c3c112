import fc, { type Arbitrary } from 'fast-check';
import { mfInstance, mfParams, runMuonField, type MfInstance, type MuonRunSpec } from '../../cases/mf.ts';
import * as gen from '../../generators/index.ts';
import type { Impl } from '../../impl/impl.ts';
import { binomialTest, breakRate, decade, decades, decimal, defineClaim, float64Field, hyp, rhoBin, RHO_BINS, runInField, type Bound, type Ctx, type CustomProbe, type Probabilistic, type Profile } from '../kit/index.ts';

/*
 * A.T1b — paper A, Theorem 1(b) (slides "Theorem 1", r ≤ k < d), quoted:
 *   η_t = C_t√λ_max ρ^t, ρ ∈ [2/3, 1), C_t iid Unif(1, 2); U₀ = αO, O Haar on O^{d×k}, α "sufficiently small".
 *   With probability ≥ 0.99: ‖U_TU_Tᵀ − M_{*}‖ ≤ ε for T = log(16λ_max/((1 − ρ)²ε))/(1 − ρ)   (8).
 *
 * Proof outline (§3.4): after one step U₁ is aligned with V_{*} up to O(α) (Lemma 4, with probability ≥ 0.995); an
 * auxiliary aligned trajectory (53) then decouples into scalar recursions with fresh prefactors (Lemma 11: (124b)
 * gives 8λ_max ρ^t/(1 − ρ)², hence the 16 and the (1 − ρ)⁻² of (8)).
 *
 * A case is one run: an instance (d ≥ 2, 1 ≤ k < d, r ≤ k, κ ≤ 1e6), ρ, the seed of the C_t stream, α/√λ_max and
 * ε/λ_max ∈ [1e-6, 1]. The bound is checked at T_ε = ⌈(8)⌉ (the smallest integer T the statement covers). d: the
 * default profile draws 2 … 20 (d = 20 itself one case in twenty), deep also 21 … 50 (the experiments' largest d;
 * deepOnly below says what it costs).
 *
 * α: the threshold is not in the seeds ("α sufficiently small"). The gate draws α/√λ_max log-uniform in
 * [1e-6, 1e-4]. Measured (docs/findings/T1b-alpha.md, scripts/t1b-*.ts; failures re-run in double-double and at
 * 40/80 digits):
 *  - pooled over the generator's instances (the engine's reading), the gate holds at the 0.99 rate up to d = 50:
 *    with its own α draws 0 of 400 runs fail at d = 20 and 1 of 400 at d = 50; at α = 1e-4·√λ_max, 2 of 1000 at
 *    d = 20 and 0 of 300 at d = 50 (3 float64 artifacts there, see below). Per cell (r, k) of a sweep over
 *    α/√λ_max, a cell first fails significantly above 1 % at 0.3 (d = 5), 1e-2 (d = 10), 0.1 (d = 20) and 1e-4
 *    (d = 50, r = k = 25: 4 of 100) — the threshold falls with d;
 *  - per instance (the theorem's reading: probability over O and the C_t for a fixed M*), it does not: at κ = 1e6 and
 *    ε = λ_min the failure probability at α = 1e-4·√λ_max is 2.35 % already at d = 3 (k = r = 2; 47 of 2000, all
 *    confirmed at 40/80 digits; properties/A.T1b.test.ts replays it) and grows with d (d = 50, k = r = 25: 24.5 %);
 *    it falls to 0 as α → 0 (0 of 2000 at 1e-8·√λ_max), so "sufficiently small" depends on κ, ε and d, which the
 *    statement allows: a limit of this gate's κ-free α range, not an erratum of the paper. The range is kept (the
 *    check is not loosened) and the instance is pinned (fixtures/regressions/A.T1b.json, at α = 1e-8·√λ_max).
 * The probe `alpha-sweep` re-measures failures per α on small instances (20 runs per α: not the 0.99 rate).
 *
 * Probabilistic: the engine counts failing runs and rejects "failure rate ≤ 0.01" by a one-sided binomial test at
 * significance 1e-6 (critical counts: 9 of 100, 13 of 200, 88 of 5000); the probes apply the same test.
 *
 * No float tolerance (as A.T1a): the error at T_ε sits orders below ε (slack in the report) and the float drift at
 * ε ≥ 1e-6·λ_max is ≤ ~1e-8·λ_max at d ≤ 20; at d = 50 the unstable blocks of equal σ (k − r null directions, or
 * repeated λ) let rounding grow, and about 1 % of float runs at α = 1e-4·√λ_max end above ε while their double-double
 * re-runs hold (3 of 300 in the sweep) — deep draws d ≥ 21 one case in seven, well inside the test's allowance. A
 * float failure is re-run in the confirm field, at 40 and 80 digits (runMuonField), where (8) fails only beyond the
 * P-vs-2P difference.
 */

export interface T1bCase extends MfInstance {
  readonly rho: number;
  /** Seed of the iid C_t ~ Unif(1, 2) stream. */
  readonly cSeed: number;
  /** α/√λ_max. */
  readonly a: number;
  /** ε/λ_max ∈ (0, 1]. */
  readonly eps: number;
}

/** The trace keeps ‖U_tU_tᵀ − M*‖ at t ≡ 0 (mod ⌊T/12⌋) and at T: one SVD of the d×d residual per kept step. */
const traceEvery = (T: number): number => Math.max(1, Math.floor(T / 12));

/** T_ε = ⌈log(16λ_max/((1 − ρ)²ε))/(1 − ρ)⌉ of (8), with ε/λ_max = eps. */
export const stepsFor = (c: { rho: number; eps: number }): number => Math.ceil(Math.log(16 / ((1 - c.rho) ** 2 * c.eps)) / (1 - c.rho));

/** With probability ≥ 0.99: "failure rate ≤ 0.01", rejected by a one-sided binomial test at 1e-6. */
const PROBABILISTIC: Probabilistic = { maxFailureRate: 0.01, alpha: 1e-6 };

export interface Ranges {
  readonly d: Arbitrary<number>;
  readonly rho: Arbitrary<number>;
  readonly a: Arbitrary<number>;
  readonly eps: Arbitrary<number>;
  readonly kappaMax: number;
}

export function cases(R: Ranges): Arbitrary<T1bCase> {
  return fc
    .record({
      d: R.d,
      kFrac: fc.integer({ min: 1, max: 100 }),
      rFrac: fc.integer({ min: 1, max: 100 }),
      kappa: gen.kappa({ min: 1, max: R.kappaMax }),
      pattern: gen.spectrumPattern,
      seed: gen.seed,
      rho: R.rho,
      cSeed: gen.seed,
      a: R.a,
      eps: R.eps,
    })
    .map(({ d, kFrac, rFrac, kappa, pattern, seed, rho, cSeed, a, eps }) => {
      const k = Math.max(1, Math.ceil(((d - 1) * kFrac) / 100)); // 1 ≤ k < d
      const r = Math.max(1, Math.ceil((k * rFrac) / 100)); // 1 ≤ r ≤ k
      return { ...mfInstance(seed, d, k, r, kappa, pattern), rho, cSeed, a, eps };
    });
}

/** The default (and quick) profile's ranges; deep adds d = 21 … 50 (`deepRanges`). */
export const inside: Ranges = {
  // d = 2 … 20: d = 20 itself one case in twenty (its own bin), 11 … 19 one in twenty; the rest cheap.
  d: fc.oneof({ arbitrary: fc.integer({ min: 2, max: 10 }), weight: 18 }, { arbitrary: fc.integer({ min: 11, max: 19 }), weight: 1 }, { arbitrary: fc.constant(20), weight: 1 }),
  // T ∝ log(1/(1 − ρ)²)/(1 − ρ): ρ near 1 is costly, so one case in twenty (and deep's count) reaches [0.9, 0.97).
  rho: fc.oneof({ arbitrary: gen.rho(2 / 3, 0.9), weight: 19 }, { arbitrary: gen.rho(0.9, 0.97), weight: 1 }),
  a: gen.alpha(1e-6, 1e-4),
  eps: gen.epsilon(1e-6, 1),
  kappaMax: 1e6,
};

/**
 * The deep profile's: d up to the experiments' 50 — 21 … 49 one case in ten, d = 50 itself one in twenty. A float run
 * costs ~80 ms CPU at d = 21 … 49 and ~180 ms at d = 50, 50–120× one at d ≤ 10, hence deep only (see deepOnly).
 */
export const deepRanges: Ranges = {
  ...inside,
  d: fc.oneof(
    { arbitrary: fc.integer({ min: 2, max: 10 }), weight: 15 },
    { arbitrary: fc.integer({ min: 11, max: 19 }), weight: 1 },
    { arbitrary: fc.constant(20), weight: 1 },
    { arbitrary: fc.integer({ min: 21, max: 49 }), weight: 2 },
    { arbitrary: fc.constant(50), weight: 1 },
  ),
};

/** The d bins: 20 is the default profile's largest d, 21–50 the deep profile's (deepOnly below). */
const dBin = (d: number): string => (d <= 4 ? '2–4' : d <= 10 ? '5–10' : d <= 19 ? '11–19' : d === 20 ? '20' : '21–50');

/** The confirm field: decimal at 40 digits, where runMuonField runs at 40 and at 80. */
const CONFIRM = decimal(40);

/** The run of a case: U₀ = α√λ_max·O, η_t = C_t√λ_max ρ^t, T_ε steps; ‖U_tU_tᵀ − M*‖ kept at the trace's ~13 steps and T_ε. */
export const runSpec = (c: T1bCase): MuonRunSpec => {
  const steps = stepsFor(c);
  return { alpha: c.a * Math.sqrt(c.lambdas[0]), rho: c.rho, prefactor: { cSeed: c.cSeed }, steps, spectralEvery: traceEvery(steps) };
};

function check<T>(c: T1bCase, k: Ctx<T>): void {
  k.bin('κ decade', decade(c.kappa, { lo: 0 }));
  k.bin('ρ', rhoBin(c.rho));
  k.bin('d', dBin(c.d));
  k.bin('α/√λ_max decade', decade(c.a));
  k.bin('ε/λ_max decade', decade(c.eps, { hi: -1 }));
  k.bin('spectrum', c.pattern); // two-level and clustered: repeated eigenvalues of M*
  k.branch(c.r === c.k ? 'k = r (exact)' : 'r < k < d (over-parameterised)');
  k.branch(c.k === c.d - 1 ? 'k = d − 1' : 'k < d − 1');

  const T = stepsFor(c);
  const run = runMuonField(k.impl, k.F, c, runSpec(c));
  if (run.exactness) k.exactness(run.exactness);
  const at = run.spectralSteps ?? run.spectral.map((_, t) => t);
  if (run.status !== 'completed' || at[at.length - 1] !== T) return k.inconclusive(`run ended '${run.status}' after ${run.steps} of ${T} steps: ${run.message ?? ''}`);

  // No float tolerance (header); at 40/80 digits (8) fails only beyond the P-vs-2P difference.
  const tol = run.errorEstimate;
  const why = tol > 0 ? `high-precision run: fails only when lhs − ${tol.toExponential(2)} (P vs 2P digits) > rhs` : undefined;
  k.bound('(8) at T_ε', run.spectral[run.spectral.length - 1]!, c.eps * run.lambdaMax, { tol, why, at: T }); // ‖U_TU_Tᵀ − M*‖ ≤ ε
  k.trace(() => ({ T, lambdaMax: run.lambdaMax, errors: run.spectral }));
}

const inFloat = (impl: Impl) => (c: T1bCase) => runInField(float64Field, 'float', impl, (k) => check(c, k));
const inConfirm = (impl: Impl, c: T1bCase) => runInField(CONFIRM, 'exact', impl, (k) => check(c, k));

/** Failing runs of (8) among n drawn from R, with the claim's binomial test of "failure rate ≤ 0.01". */
function failures(R: Ranges, impl: Impl, seed: number, n: number) {
  const rate = breakRate(cases(R), inFloat(impl), seed, n);
  const t = binomialTest(n, rate.broke, PROBABILISTIC.maxFailureRate, PROBABILISTIC.alpha);
  return { n, failures: rate.broke, rejected: t.rejected, pValue: t.pValue, ...(rate.first ? { first: rate.first.value } : {}) };
}

/**
 * Drop one hypothesis of a probabilistic claim: found when the binomial test rejects "failure rate ≤ 1%" at 1e-6
 * over n runs drawn with one range replaced; the first failing run is re-run in the confirm field.
 */
function dropped(id: string, hypothesis: string, drops: string, R: Ranges, n: Readonly<Record<Profile, number>>): CustomProbe {
  return {
    id,
    hypothesis,
    drops,
    run: ({ seed, profile, impl }) => {
      const f = failures(R, impl, seed, n[profile]);
      let bound: Bound | undefined;
      let exact = false;
      if (f.first) {
        const hp = inConfirm(impl, f.first);
        bound = hp.bounds[0];
        exact = hp.bounds.some((b) => !b.holds);
      }
      return {
        found: f.rejected,
        tried: f.n,
        broke: f.failures,
        ...(f.first ? { witness: f.first } : {}),
        ...(bound ? { bound } : {}),
        exact,
        summary: `${f.failures} of ${f.n} runs broke (8): "failure rate ≤ 0.01" ${f.rejected ? 'rejected' : 'not rejected'} (p = ${f.pValue.toExponential(2)}, α = 1e-6)${f.first ? `; first failing run ${JSON.stringify(mfParams(f.first))}${exact ? ', confirmed at 80 digits' : ', not confirmed at 80 digits'}` : ''}`,
      };
    },
  };
}

/** The probes' instances: small and cheap (ρ ≤ 0.9). */
const probeRanges: Ranges = { ...inside, d: fc.integer({ min: 2, max: 6 }), rho: gen.rho(2 / 3, 0.9), kappaMax: 1e4 };

/** "α sufficiently small" measured: failure counts per α/√λ_max on a grid (the same runs at each α). */
const ALPHA_GRID = [1e-4, 1e-3, 1e-2, 0.1, 0.3, 1, 3, 10, 30];
const alphaSweep: CustomProbe = {
  id: 'alpha-sweep',
  hypothesis: 'α',
  drops: '"α sufficiently small" dropped: α/√λ_max swept over 1e-4 … 30 (the same runs at each α)',
  run: ({ seed, profile, impl }) => {
    const n = { quick: 8, default: 20, deep: 300 }[profile];
    const rows = ALPHA_GRID.map((a) => ({ a, ...failures({ ...probeRanges, a: fc.constant(a) }, impl, seed, n) }));
    const held = rows.filter((r) => r.failures === 0).map((r) => r.a);
    const notRejected = rows.filter((r) => !r.rejected).map((r) => r.a);
    const broken = rows.find((r) => r.rejected);
    const largestHeld = held.length ? Math.max(...held) : undefined;
    return {
      found: broken !== undefined,
      tried: n * ALPHA_GRID.length,
      broke: rows.reduce((s, r) => s + r.failures, 0),
      witness: { sweep: rows.map((r) => ({ alphaOverSqrtLambdaMax: r.a, runs: r.n, failures: r.failures, rejected: r.rejected })), largestAlphaWithNoFailure: largestHeld, largestAlphaNotRejected: notRejected.length ? Math.max(...notRejected) : undefined, ...(broken?.first ? { firstFailingRunAtRejectedAlpha: mfParams(broken.first) } : {}) },
      summary: `failures per α/√λ_max (of ${n} runs each): ${rows.map((r) => `${r.a}: ${r.failures}${r.rejected ? ' (rejects ≤1%)' : ''}`).join(', ')}; largest α with no failure in these ${n} runs (d ≤ 6, κ ≤ 1e4): ${largestHeld ?? 'none'}·√λ_max — too few runs for the 0.99 rate, which the sweeps of docs/findings/T1b-alpha.md place lower; the claim's "≤ 1%" is rejected ${broken ? `from α = ${broken.a}·√λ_max` : 'nowhere on the grid'}`,
    };
  },
};

export default defineClaim<T1bCase>({
  id: 'A.T1b',
  title: 'Muon on MF, r ≤ k < d: ‖U_TU_Tᵀ − M*‖ ≤ ε at T = log(16λ_max/((1 − ρ)²ε))/(1 − ρ), with probability ≥ 0.99',
  source: { paper: 'A', where: "Theorem 1(b), §2.1.1 and §3.4, Lemma 11; slides 'Theorem 1 (mildly over-parameterized)'", equations: ['(5)', '(6)', '(8)', '(53)', '(124b)'] },
  provenance: 'quoted',
  statement:
    'For r ≤ k < d, η_t = C_t√λ_max ρ^t with ρ ∈ [2/3, 1) and C_t iid Unif(1, 2), U₀ = αO with O Haar on O^{d×k} and α sufficiently small: with probability ≥ 0.99, ‖U_TU_Tᵀ − M*‖ ≤ ε for T = log(16λ_max/((1 − ρ)²ε))/(1 − ρ).',
  hypotheses: [
    hyp.int('d', 'd ≥ 2 (default: 2–10, and 11–19 and d = 20 one case in twenty each; deep: also 21–49 one case in ten and d = 50 one in twenty)', 2, 50),
    hyp.int('k', 'r ≤ k < d', 1, 49),
    hyp.int('r', 'M* ⪰ 0 of rank 1 ≤ r ≤ k', 1, 49),
    hyp.real('κ', 'any κ (1 … 1e6 generated, log-uniform, both ends)', 1, 1e6, { scale: 'log' }),
    hyp.real('ρ', 'ρ ∈ [2/3, 1) (generated in [2/3, 0.97), one case in twenty above 0.9)', 2 / 3, 0.97, { closed: 'left', necessary: true }),
    hyp.real('C_t', 'C_t iid Unif(1, 2), fresh each step', 1, 2, { closed: 'left' }),
    hyp.real('α', 'α sufficiently small (threshold not in the seeds): α/√λ_max ∈ [1e-6, 1e-4] generated; the largest α that held is measured by the alpha-sweep probe', 1e-6, 1e-4, { scale: 'log', necessary: true }),
    hyp.structure('O', 'O Haar on O^{d×k} (orthonormal columns)'),
    hyp.real('ε', 'ε ∈ (0, λ_max]; float64: ε/λ_max ∈ [1e-6, 1]', 1e-6, 1, { scale: 'log' }),
  ],
  modes: { float: float64Field },
  confirm: CONFIRM,
  cases: { quick: { float: 40 }, default: { float: 200 }, deep: { float: 5000 } },
  generate: (_mode, profile) => cases(profile === 'deep' ? deepRanges : inside),
  check,
  probabilistic: PROBABILISTIC,
  noSearch: `probabilistic: the gated quantity is a failure rate (binomial test), not one case's ratio, and the target phase does not run for probabilistic claims; its worst region is mapped by the α/√λ_max × d sweep of docs/findings/T1b-alpha.md`,
  probes: [
    dropped('rho-below-two-thirds', 'ρ', 'ρ ≥ 2/3 dropped: ρ ∈ [0.3, 0.5)', { ...probeRanges, rho: gen.real(0.3, 0.5, { closed: 'left' }) }, { quick: 20, default: 40, deep: 1000 }),
    dropped('alpha-large', 'α', '"α sufficiently small" dropped: α/√λ_max ∈ [10, 30]', { ...probeRanges, a: gen.real(10, 30) }, { quick: 20, default: 40, deep: 1000 }),
    alphaSweep,
  ],
  bins: {
    'κ decade': decades(0, 7), // κ = 1e6 itself is drawn on purpose (gen.kappa's max)
    ρ: RHO_BINS.slice(1), // ρ ≥ 2/3
    d: ['2–4', '5–10', '11–19', '20', '21–50'],
    'α/√λ_max decade': decades(-6, -4),
    'ε/λ_max decade': decades(-6, 0),
    spectrum: ['log-uniform', 'uniform', 'geometric', 'two-level', 'clustered'],
  },
  branches: ['k = r (exact)', 'r < k < d (over-parameterised)', 'k = d − 1', 'k < d − 1'],
  deepOnly: { d: { bins: ['21–50'], why: 'cost: a float run takes ~80 ms CPU at d = 21 … 49 and ~180 ms at d = 50 (trace norms included), 50–120× one at d ≤ 10 (1.5 ms); the default profile stops at d = 20 (one case in twenty, its own bin), deep draws 21 … 49 one case in ten and d = 50 one in twenty: ~750 of its 5000 runs, ~1.5 min CPU' } },
  fromJSON: (v) => v as T1bCase,
});
