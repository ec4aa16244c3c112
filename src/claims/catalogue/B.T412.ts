import fc, { type Arbitrary } from 'fast-check';
import { quarticB, runOn, type Run } from '../../cases/bstruct.ts';
import { CONFIRM_PRECISION, qIn, toField } from '../../cases/quadB.ts';
import { seed } from '../../generators/dyadic.ts';
import { buildQuadB, type QuadBCase } from '../../generators/quadB.ts';
import { sub, type Mat } from '../../linalg/mat.ts';
import { frobenius, nuclear, spectral } from '../../linalg/norms.ts';
import { decimal, defineClaim, float64Field, hyp, probe, shapeBin, SHAPE_BINS } from '../kit/index.ts';

/*
 * (Notation: J′ is the catalogue's J̃ and J_{avg} its J̄ — combining accents do not render through KaTeX.)
 *
 * B.T412 — paper B v2, App. C, the star-convex bound with bounded third derivative (Theorem 4.12 in v2); the form was
 * read from a public summary of v2's appendix (seed 004, reference [31] there), so it is reconstructed, and J′ is not
 * defined in the seeds: open. With D = D_op ≥ max_t‖W_t − W*‖_op (Assumption 4.10), Δ = f(W_0) − f*, r = min(m, n):
 *   if J′ > 0 and η = min{(D/T)·log(TΔ/(D²J′)), D}:
 *     (4.12)  f(W_T) − f* ≤ D²J′/T + (D²J′/(2T))[log(TΔ/(D²J′))]² + (s r^{3/2}D³/(6T²))[log(TΔ/(D²J′))]².
 * Proof sketch (ours, from B.T48's per-step bound and star-convexity f(W_t) − f* ≤ ⟨∇f, W_t − W*⟩ ≤ ‖∇f‖_*D):
 *     (rec)   δ_{t+1} ≤ (1 − η/D)δ_t + (η²/2)J_t + (s r^{3/2}/6)η³,
 *     (unr)   δ_T ≤ (1 − η/D)^TΔ + Σ_t(1 − η/D)^{T−1−t}[(η²/2)J_t + (s r^{3/2}/6)η³]          (η ≤ D),
 * and with J_t ≥ 0, weights ≤ 1 and ≤ D/η in sum: (4.12) for any J′ ≥ J_{avg} = (1/T)ΣJ_t. So both readings asked for
 * by the catalogue — J′ = J_{avg} and J′ = max_t J_t — follow from the sketch; a J′ below J_{avg} (the probe: J′ = min_t J_t) need not.
 *
 * η depends on J′ and D, which depend on the run, which depends on η: for each reading the case solves the fixed point
 * (η, D, J′) = (η(D, J′), max_t‖W_t − W*‖_op, J′(run)) by iteration, taking D and J′ 1e-9 above the run's own values (so
 * that Assumption 4.10 and J′ ≥ its reading hold exactly); a reading whose iteration does not settle in 30 rounds is
 * a bin ('no fixed point'), not a verdict. TΔ ≤ D²J′ (η ≤ 0: the theorem needs T large) is a bin as well.
 *
 * Problems (convex, hence star-convex about W*, f* = 0): P.quadB (s = 0) and the quartic f = tr(DᵀQD) + (c/4)‖D‖_F⁴,
 * D = W − W*, with s = 6c·max_t‖W_t − W*‖_F (cases/bstruct.ts, quarticB). Float64; re-checked at 40 digits with Q
 * re-formed there exactly PSD. The logs and exponentials of the right sides are taken in float64 (their slack is ≥ 1e-3
 * in every case measured, far above a double's rounding).
 */

export type Reading = 'mean' | 'max' | 'min' | 'mean/100';

export interface T412Case {
  readonly m: number;
  readonly n: number;
  readonly rankFrac: number;
  readonly logKappa: number;
  readonly seed: number;
  readonly T: number;
  /** The quartic coefficient c (0: P.quadB). */
  readonly quartic: number;
  /** The readings of J′ the case checks (the probe asks for 'min'). */
  readonly readings?: readonly Reading[];
}

const casesOf = (): Arbitrary<T412Case> =>
  fc
    .record({
      m: fc.integer({ min: 1, max: 4 }),
      n: fc.integer({ min: 1, max: 4 }),
      rankFrac: fc.integer({ min: 0, max: 1000 }),
      logKappa: fc.integer({ min: 0, max: 1000 }),
      seed,
      T: fc.integer({ min: 2, max: 60 }),
      quartic: fc.constantFrom(0, 0, 0.1, 1),
    });

function instance(c: T412Case): QuadBCase {
  const rankQ = 1 + Math.round((c.rankFrac / 1000) * (c.m - 1));
  return buildQuadB(c.m, c.n, rankQ, 100 ** (c.logKappa / 1000), 'log-uniform', 1, 1, c.seed);
}

export default defineClaim<T412Case>({
  id: 'B.T412',
  title: 'Star-convex bound with bounded third derivative (v2 App. C): f(W_T) − f* ≤ D²J′/T + (D²J′/2T)log²(TΔ/(D²J′)) + (s r^{3/2}D³/6T²)log²(…), J′ = J_{avg} or max_t J_t',
  source: { paper: 'B', where: 'v2 App. C (star-convex, Assumptions 4.7 and 4.10); form from a public summary (seed 004, [31])', equations: ['(4.12)'] },
  provenance: 'open',
  statement:
    'Open (J′ undefined in the seeds): with η = min{(D/T)log(TΔ/(D²J′)), D}, D = D_op, Muon gives f(W_T) − f* ≤ D²J′/T + (D²J′/(2T))[log(TΔ/(D²J′))]² + (s r^{3/2}D³/(6T²))[log(TΔ/(D²J′))]². Checked for J′ = J_{avg} = (1/T)ΣJ_t and J′ = max_t J_t (each at its own fixed point η = η(J′(η))), with the proof’s recursion and unrolled bound, on P.quadB (s = 0) and a convex quartic (s = 6c·max‖W_t − W*‖_F).',
  hypotheses: [
    hyp.int('m, n', 'W ∈ ℝ^{m×n}, m, n ∈ [1, 4]', 1, 4),
    hyp.structure('f', 'convex (star-convex about W*), f* = 0: P.quadB (Q ⪰ 0 any rank, κ ∈ [1, 100]) or + (c/4)‖W − W*‖_F⁴, c ∈ {0.1, 1}'),
    hyp.int('T', 'T ∈ [2, 60]', 2, 60),
    hyp.structure('D', 'D ≥ max_t‖W_t − W*‖_op (Assumption 4.10), at the fixed point'),
    hyp.structure('J′', 'J′ ≥ J_{avg} = (1/T)ΣJ_t (the readings J_{avg} and max_t J_t)', { necessary: true }),
  ],
  modes: { float: float64Field },
  confirm: decimal(CONFIRM_PRECISION),
  cases: { quick: { float: 20 }, default: { float: 80 }, deep: { float: 2000 } },
  generate: () => casesOf(),

  check(c, k) {
    const { F, u, num: n } = k;
    const q = instance(c);
    const Q = qIn(F, q);
    const Wstar = toField(F, q.Wstar);
    const W0 = toField(F, q.W0);
    const p = quarticB(k.la, Q, Wstar, c.quartic);
    const { m, T } = c;
    const r = Math.min(m, c.n);
    const Delta = n(p.loss(W0));
    if (!(Delta > 0)) return k.inconclusive('Δ = 0');
    const opt = k.impl.optimizers.muon();
    const dist = (R: Run<any>): number[] => R.W.map((W) => n(spectral(F, sub(F, W, Wstar))));
    const Js = (R: Run<any>): number[] => R.D.map((O, t) => n(p.hessianForm(R.W[t], O)));
    k.bin('shape', shapeBin(m, c.n));
    k.bin('f', c.quartic === 0 ? 'quadratic (s = 0)' : 'quartic (s > 0)');

    for (const reading of c.readings ?? (['mean', 'max'] as const)) {
      // Fixed point of (η, D, J′).
      const first = runOn(p, opt, W0, 1, F.of(1e-12));
      let D = n(spectral(F, sub(F, W0, Wstar))) * (1 + 1e-9);
      let Jt = Math.max(n(p.hessianForm(W0, first.D[0])), 0) * (1 + 1e-9);
      let eta = NaN;
      let run: Run<any> | undefined;
      let settled = false;
      for (let it = 0; it < 30; it++) {
        const L = Math.log((T * Delta) / (D * D * Jt));
        if (!(Jt > 0) || !(L > 0)) break;
        const next = Math.min((D / T) * L, D);
        run = runOn(p, opt, W0, T, F.of(next));
        if (run.status !== 'completed') return k.inconclusive('non-finite run');
        const J = Js(run);
        const mean = J.reduce((a, x) => a + x, 0) / T;
        const target = reading === 'mean' ? mean : reading === 'max' ? Math.max(...J) : reading === 'min' ? Math.min(...J) : mean / 100;
        const Dm = Math.max(...dist(run));
        const converged = Math.abs(next - eta) <= 1e-12 * next && Dm <= D && target <= Jt && target >= Jt * (1 - 1e-8);
        eta = next;
        if (converged) {
          settled = true;
          break;
        }
        D = Math.max(D, Dm * (1 + 1e-9));
        Jt = target * (1 + 1e-9);
      }
      let label: string = reading;
      if (!(Jt > 0) || !(Math.log((T * Delta) / (D * D * Jt)) > 0) || !settled || !run) {
        k.bin(`J′ = ${reading}: fixed point`, settled || !(Jt > 0) || !(Math.log((T * Delta) / (D * D * Jt)) > 0) ? 'TΔ ≤ D²J′ (η ≤ 0)' : 'no fixed point');
        // No η of the theorem: the sketch's (rec) and (unr) still hold for any η ≤ D, checked at η = D_0/T with the run's D.
        eta = n(spectral(F, sub(F, W0, Wstar))) / T;
        run = runOn(p, opt, W0, T, F.of(eta));
        if (run.status !== 'completed') return k.inconclusive('non-finite run');
        D = Math.max(eta, ...dist(run)) * (1 + 1e-9);
        Jt = NaN;
        label = `${reading}, fallback η = D_0/T`;
        k.branch('(rec)/(unr) only: no η of the theorem');
      } else {
        k.bin(`J′ = ${reading}: fixed point`, eta === D ? 'settled, η = D (cap)' : 'settled');
        k.branch('(4.12) at the fixed point');
      }
      const J = Js(run);
      const Rd = Math.max(...run.W.map((W) => n(frobenius(F, sub(F, W, Wstar)))));
      const s = 6 * c.quartic * Rd * (1 + 4 * u);
      const c3 = (s * r ** 1.5) / 6;
      const fT = n(run.losses[T]);
      // Float error: f(W_T) to (m + mn + 8)u·(λ_max‖D‖_F² + c‖D‖_F⁴/4)·2 with ‖D‖ ≤ D√r; each rounded step moves f by at
      // most ‖∇f(W_{t+1})‖_F·u(‖W_{t+1}‖_F + η√r), and msign/Jacobi 16(m + n)u·η‖G_t‖_*, summed (the recursion's weights
      // are ≤ 1).
      const lmax = q.lambdas[0];
      const Dfro = D * Math.sqrt(r);
      const fErr = 2 * (m + m * c.n + 8) * u * (lmax * Dfro * Dfro + (c.quartic * Dfro ** 4) / 4);
      let tol = fErr;
      for (let t = 0; t < T; t++) tol += n(frobenius(F, run.G[t + 1])) * u * (n(frobenius(F, run.W[t + 1])) + eta * Math.sqrt(r)) + 16 * (m + c.n) * u * eta * n(nuclear(F, run.G[t])) + fErr;
      const why = 'rounded losses (m + mn + 8)u·(λ_max‖D‖² + c‖D‖⁴/4)·2 and steps ‖∇f‖_F·u(‖W‖_F + η√r), msign/Jacobi 16(m + n)u·η‖G‖_*, summed over t';
      // (rec) per step, then (unr), then (4.12).
      const rho = 1 - eta / D;
      let unr = Delta * rho ** T;
      for (let t = 0; t < T; t++) {
        const dt = n(run.losses[t]);
        k.bound(`(rec, J′ = ${label}) δ_{t+1} ≤ (1 − η/D)δ_t + (η²/2)J_t + (s r^{3/2}/6)η³`, n(run.losses[t + 1]), rho * dt + (eta * eta * J[t]) / 2 + c3 * eta ** 3, { tol: 2 * fErr + tol / T, why, at: t });
        unr += rho ** (T - 1 - t) * ((eta * eta * J[t]) / 2 + c3 * eta ** 3);
      }
      k.bound(`(unr, J′ = ${label}) δ_T ≤ (1 − η/D)^TΔ + Σ(1 − η/D)^{T−1−t}[(η²/2)J_t + (s r^{3/2}/6)η³]`, fT, unr, { tol, why });
      if (Number.isNaN(Jt)) continue;
      const L = Math.log((T * Delta) / (D * D * Jt));
      const rhs = (D * D * Jt) / T + ((D * D * Jt) / (2 * T)) * L * L + ((c3 * D ** 3) / (T * T)) * L * L;
      k.bound(`(4.12, J′ = ${reading}) f(W_T) − f* ≤ D²J′/T + (D²J′/2T)L² + (s r^{3/2}D³/6T²)L²`, fT, rhs, { tol, why });
      k.trace(() => ({ reading, eta, D, Jtilde: Jt, L, fT, rhs, unr }));
    }
  },

  probes: [
    probe({
      id: 'J-tilde-mean-over-100',
      hypothesis: 'J′',
      drops: 'J′ ≥ J_{avg} dropped: J′ = J_{avg}/100 (at its own fixed point; J′ = min_t J_t did not break (4.12) in 100 cases, worst slack 0.517)',
      cases: casesOf().map((c) => ({ ...c, readings: ['mean/100'] as const })),
      runs: 40,
      what: '(4.12) with J′ = J_{avg}/100',
    }),
  ],
  bins: {
    shape: SHAPE_BINS,
    f: ['quadratic (s = 0)', 'quartic (s > 0)'],
    // 'settled, η = D (cap)' needs TΔ/(D²J′) > e^T: not met by these cases (it is, with J′ = J_{avg}/100, in the probe).
    'J′ = mean: fixed point': ['settled', 'no fixed point', 'TΔ ≤ D²J′ (η ≤ 0)'],
    'J′ = max: fixed point': ['settled', 'TΔ ≤ D²J′ (η ≤ 0)'],
  },
  branches: ['(4.12) at the fixed point', '(rec)/(unr) only: no η of the theorem'],
  search: {
    params: (c) => [c.T, c.logKappa],
    withParams: (c, [T, lk]) => {
      const t = Math.round(T!);
      const l = Math.round(lk!);
      return t >= 2 && t <= 60 && l >= 0 && l <= 1000 ? { ...c, T: t, logKappa: l } : undefined;
    },
    steps: [0.3, 0.3],
  },
});
