import fc, { type Arbitrary } from 'fast-check';
import { muonScalar, trajectoryWindow } from '../../cases/scalar.ts';
import { dyadicMagnitude, rho256, seed } from '../../generators/dyadic.ts';
import { rng } from '../../random/rng.ts';
import { defineClaim, float64Field, hyp, probe, rational, rhoBin, worstAt, type Mode } from '../kit/index.ts';

/*
 * A.L11 — paper A, Lemma 11, App. B.6, (124)–(130); reconstructed.
 *
 * (27) with η_t = C_t√λ_max ρ^t, C_t iid Unif[1, 2], 0 ≤ λ ≤ λ_max, ρ ∈ [2/3, 1), max(|σ₀|, √λ) ≤ √λ_max/(1 − ρ).
 * Conclusions: the invariant (126) δ_t ≤ S_t := Σ_{τ≥t} η_τ, (124a) δ_t ≤ 2√λ_max ρ^t/(1 − ρ),
 * (124b) |σ_t² − λ| ≤ 8λ_max ρ^t/(1 − ρ)².
 *
 * What is checkable of (126): S_t needs the C_τ of the future, τ ≥ T. The proof's induction holds for every
 * realisation of the future in [1, 2] (it only uses C_τ ≥ 1 in S_{t+1} ≥ √λ_max ρ^{t+1}/(1 − ρ) ≥ η_t), and δ_t
 * depends only on C_0 … C_{t−1}; so (126) must hold for the smallest tail too. We check the sharpest form:
 *   δ_t ≤ S_t^min := Σ_{τ=t}^{T−1} η_τ + √λ_max ρ^T/(1 − ρ)   (the run's recorded C_τ for τ < T, C_τ = 1 beyond),
 * for t = 0 … T. (If it failed for the infimum tail it would fail for tails near it, a positive-probability event.)
 * The η_τ of the bounds are computed here from the recorded C_τ (not taken from the schedule under test).
 *
 * A case records C_0 … C_{T−1}: all 1, all 2 (the ends of the support), or iid uniform on a 2^24 grid from a seed.
 * A run that lands on 0 (λ > 0) is in Lemma 1's null set: its steps up to the zero are checked and the case is
 * skipped as outside the hypotheses.
 *
 * Float tolerance: the per-step slack of A.L2, ε_τ = 4u(|σ_τ| + |σ_{τ+1}| + (τ+5)η_τ), accumulated over the steps
 * before t (E_t), plus the rounding of each right side. In Q every tolerance is ignored.
 */

export interface L11Case {
  readonly sqrtLambdaMax: number;
  /** √λ = v·√λ_max, v ∈ [0, 1]. */
  readonly sqrtLambda: number;
  readonly sigma0: number;
  readonly rho: number;
  /** C_0 … C_{T−1}, dyadic in [1, 2]. */
  readonly Cs: readonly number[];
}

const T_MAX: Record<Mode, number> = { exact: 60, float: 200 };

/** B = ⌊64/(1 − ρ)⌋/64 ≤ 1/(1 − ρ) for ρ = k/256: a dyadic base-case radius (= 1/(1 − ρ) when that is dyadic). */
function radius(rho: number): number {
  const k = Math.round(rho * 256);
  return Math.floor((64 * 256) / (256 - k)) / 64;
}

function prefactors(kind: 'ones' | 'twos' | 'uniform', seedValue: number, T: number): number[] {
  if (kind === 'ones') return Array(T).fill(1);
  if (kind === 'twos') return Array(T).fill(2);
  const r = rng(seedValue);
  return Array.from({ length: T }, () => r.dyadic(1, 2, 24));
}

function draws(rho: Arbitrary<number>, Tmax: number): Arbitrary<L11Case> {
  return fc
    .record({
      sqrtLambdaMax: dyadicMagnitude(10, -4, 4),
      v: fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 0, max: 4096 }).map((k) => k / 4096)),
      sign: fc.constantFrom(-1, 1),
      w: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 4096 }).map((k) => k / 4096)),
      rho,
      kind: fc.constantFrom<'ones' | 'twos' | 'uniform'>('uniform', 'uniform', 'ones', 'twos'),
      seed,
      T: fc.integer({ min: 1, max: Tmax }),
    })
    .map(({ sqrtLambdaMax, v, sign, w, rho, kind, seed, T }) => ({
      sqrtLambdaMax,
      sqrtLambda: v * sqrtLambdaMax,
      sigma0: sign * w * sqrtLambdaMax * radius(rho),
      rho,
      Cs: prefactors(kind, seed, T),
    }));
}

export default defineClaim<L11Case>({
  id: 'A.L11',
  title: 'Scalar Muon with per-step random prefactors C_t: tail-sum invariant (126), (124a), (124b)',
  source: { paper: 'A', where: 'Lemma 11, App. B.6 (proof (125)–(130))', equations: ['(27)', '(124a)', '(124b)', '(125)', '(126)'] },
  provenance: 'reconstructed',
  statement:
    '(27) with η_t = C_t√λ_max ρ^t, C_t iid Unif[1,2], 0 ≤ λ ≤ λ_max, ρ ∈ [2/3, 1), max(|σ₀|, √λ) ≤ √λ_max/(1 − ρ): (126) δ_t ≤ S_t := Σ_{τ≥t} η_τ (checked with the recorded C_τ, τ < T, and the smallest tail C_τ = 1 beyond); (124a) δ_t ≤ 2√λ_max ρ^t/(1 − ρ); (124b) |σ_t² − λ| ≤ 8λ_max ρ^t/(1 − ρ)².',
  hypotheses: [
    hyp.real('λ', '0 ≤ λ ≤ λ_max (√λ = v√λ_max, v ∈ {0, 1} or a 12-bit grid)', 0, 1),
    hyp.real('λ_max', '√λ_max > 0 (dyadic)', 1 / 16, 32, { scale: 'log' }),
    hyp.real('ρ', 'ρ ∈ [2/3, 1) (k/256, k ∈ [171, 255])', 171 / 256, 255 / 256, { necessary: true }),
    hyp.real('σ0', 'max(|σ₀|, √λ) ≤ √λ_max/(1 − ρ) (|σ₀| = w·√λ_max·⌊64/(1 − ρ)⌋/64, w ∈ (0, 1])', 0, 1, { closed: 'right' }),
    hyp.real('C_t', 'C_t iid Unif[1, 2], recorded (all 1, all 2, or a 2^24 grid)', 1, 2),
    hyp.int('T', 'horizon (exact ≤ 60, float ≤ 200)', 1, 200),
  ],
  modes: { exact: rational(), float: float64Field },
  cases: { quick: { exact: 30, float: 60 }, default: { exact: 300, float: 500 }, deep: { exact: 12000, float: 25000 } },
  generate: (mode) => draws(rho256(171, 255), T_MAX[mode]),

  check(c, k) {
    const { F, u } = k;
    const n = k.num;
    const T = c.Cs.length;
    const same = c.Cs.every((x) => x === c.Cs[0]);
    k.bin('ρ', rhoBin(c.rho));
    k.bin('λ', c.sqrtLambda === 0 ? '0' : c.sqrtLambda === c.sqrtLambdaMax ? 'λ_max' : '(0, λ_max)');
    k.bin('C_t', same && c.Cs[0] === 1 ? 'all 1' : same && c.Cs[0] === 2 ? 'all 2' : 'iid');
    k.bin('T', T <= 10 ? '1–10' : T <= 50 ? '11–50' : '51–200');
    const run = muonScalar(k.impl, F, { sqrtLambda: c.sqrtLambda, sigma0: c.sigma0, scale: c.sqrtLambdaMax, rho: c.rho, C: c.Cs, steps: T });
    if (run.status !== 'completed') return k.inconclusive(`the run stopped: ${run.message ?? run.status}`);

    const om = F.sub(F.one, F.of(c.rho)); //                                   1 − ρ
    const om2 = F.mul(om, om);
    const slm = F.of(c.sqrtLambdaMax);
    const lmax = F.mul(slm, slm);
    const sl = run.sqrtLambda;
    const lam = run.lambda;
    const rhoPow = [F.one]; //                                                  ρ^τ, τ = 0 … T
    for (let t = 0; t < T; t++) rhoPow.push(F.mul(rhoPow[t]!, F.of(c.rho)));
    const eta = c.Cs.map((C, t) => F.mul(F.mul(F.of(C), slm), rhoPow[t]!)); // the claimed η_τ = C_τ√λ_max ρ^τ
    // (1 − ρ)·S_t^min = (1 − ρ)Σ_{τ=t}^{T−1} η_τ + √λ_max ρ^T, backwards from t = T.
    const tail = new Array<typeof om>(T + 1);
    tail[T] = F.mul(slm, rhoPow[T]!);
    for (let t = T - 1; t >= 0; t--) tail[t] = F.add(tail[t + 1]!, F.mul(om, eta[t]!));

    const why = 'accumulated ε_τ = 4u(|σ_τ| + |σ_{τ+1}| + (τ+5)η_τ) plus the rounding of the right side (see A.L11.ts)';
    let E = 0; // accumulated per-step tolerance Σ_{τ<t} ε_τ
    for (let t = 0; t <= T && t < run.sigma.length; t++) {
      const st = run.sigma[t]!;
      if (t > 0 && c.sqrtLambda !== 0 && F.isZero(st) && !F.isZero(run.sigma[t - 1]!)) {
        k.branch('hit 0 (Lemma 1 null set)');
        k.outside(`σ_${t} = 0: the C_t hit a critical value of Lemma 1 (the null set the claim excludes); steps before it checked`);
        break;
      }
      const d = F.abs(F.sub(F.abs(st), sl)); //                                 δ_t = ||σ_t| − √λ|
      if (t < T) k.branch(F.lt(d, eta[t]!) ? 'case 2: δ_t < η_t' : 'case 1: δ_t ≥ η_t');
      if (t > 0) E += 4 * u * (Math.abs(n(run.sigma[t - 1]!)) + Math.abs(n(st)) + (t + 4) * n(eta[t - 1]!));

      const S = F.div(tail[t]!, om); //                                         S_t^min
      // S_t^min sums T − t + 1 rounded terms: relative error ≤ 2(T + 5)u.
      k.bound('(126) δ_t ≤ S_t', d, S, { tol: E + 2 * (T + 5) * u * n(S), why, at: t });
      const a = F.div(F.mul(F.mul(F.of(2), slm), rhoPow[t]!), om); //           2√λ_max ρ^t/(1 − ρ)
      k.bound('(124a)', d, a, { tol: E + (t + 5) * u * n(a), why, at: t });
      const gap = F.abs(F.sub(F.mul(st, st), lam)); //                          |σ_t² − λ|
      const b = F.div(F.mul(F.mul(F.of(8), lmax), rhoPow[t]!), om2); //         8λ_max ρ^t/(1 − ρ)²
      // |σ² − λ| ≤ δ(δ + 2√λ): an error E in δ adds E(2a + E + 2√λ); plus the roundings of σ² − λ and of the right side.
      k.bound('(124b)', gap, b, { tol: E * (2 * n(a) + E + 2 * n(sl)) + 2 * u * (n(st) ** 2 + n(lam)) + (t + 8) * u * n(b), why, at: t });
    }
    k.trace((bounds) => trajectoryWindow(F, run, worstAt(bounds)));
  },

  probes: [
    probe({ id: 'rho-below-two-thirds', hypothesis: 'ρ', drops: 'ρ ≥ 2/3 dropped: ρ ∈ [1/2, 2/3) (k/256, k ∈ [128, 170])', mode: 'exact', cases: draws(rho256(128, 170), 60), runs: { quick: 40, default: 200, deep: 20000 }, what: '(126)' }),
  ],
  // The search for the worst case (how close can δ_t come to S_t, 2√λ_max ρ^t/(1 − ρ), 8λ_max ρ^t/(1 − ρ)²?) moves
  // v = √λ/√λ_max and w = |σ₀|/(√λ_max·B) on 2^-12 grids, ρ on the k/256 grid and the first four prefactors C_t on a
  // 2^-24 grid, inside the hypotheses (v ∈ [0, 1], w ∈ (0, 1], k ∈ [171, 255], C_t ∈ [1, 2]); √λ_max, the sign of σ₀
  // and T stay.
  search: {
    params: (c) => [c.sqrtLambda / c.sqrtLambdaMax, Math.abs(c.sigma0) / (c.sqrtLambdaMax * radius(c.rho)), Math.round(c.rho * 256), ...c.Cs.slice(0, 4)],
    withParams(c, [v, w, k, ...C]) {
      const vv = Math.round(v! * 4096) / 4096;
      const ww = Math.round(w! * 4096) / 4096;
      const kk = Math.round(k!);
      const Cs = C.map((x) => Math.round(x * 2 ** 24) / 2 ** 24);
      if (!(vv >= 0 && vv <= 1) || !(ww > 0 && ww <= 1) || !(kk >= 171 && kk <= 255) || Cs.some((x) => !(x >= 1 && x <= 2))) return undefined;
      const rho = kk / 256;
      return { ...c, sqrtLambda: vv * c.sqrtLambdaMax, sigma0: Math.sign(c.sigma0) * ww * c.sqrtLambdaMax * radius(rho), rho, Cs: [...Cs, ...c.Cs.slice(Cs.length)] };
    },
    steps: [0.1, 0.1, 0.05, 0.2, 0.2, 0.2, 0.2],
  },
  bins: { ρ: ['[2/3,0.9)', '[0.9,1)'], λ: ['0', '(0, λ_max)', 'λ_max'], C_t: ['all 1', 'all 2', 'iid'], T: ['1–10', '11–50', '51–200'] },
  branches: ['case 1: δ_t ≥ η_t', 'case 2: δ_t < η_t'],
});
