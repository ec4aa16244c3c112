import fc from 'fast-check';
import { exactField, type Decimal } from '../../arith/exact.ts';
import type { Field } from '../../arith/field.ts';
import { buildProblem, coordsOf, flatten, provenDecimal, provenRun, runSignGD, startPoint, weight, type Num, type Setting } from '../../cases/signgd.ts';
import { signgdWithoutSign } from '../../impl/plants.ts';
import { defineClaim, float64Field, hyp, probe } from '../kit/index.ts';

/*
 * A.L14 — paper A, Lemmas 12–14 and 16, App. C.1–C.2 and E; reconstructed, exact. One SignGD step moves exactly one
 * eigen-coordinate of the rotated 2-D problems.
 *  - P.quad2 (131): with y = Qx, λ₁|y₁| > λ₂|y₂| ⇒ only y₁ moves, by √2η_t (141); < ⇒ only y₂ moves (142). We read
 *    z = √2y = Hx (exact in decimal), which moves by 2η_t.
 *  - P.mf on the slice {pI + qJ} (147): μ = (p + q, p − q), gᵢ = (μᵢ² − λᵢ)μᵢ; only the μᵢ with the larger |gᵢ|
 *    moves, by 2η_t (150)–(154), (164); the slice is invariant (Lemma 16). Near μᵢ = √λᵢ, |gᵢ| ≈ 2λᵢ|μᵢ − √λᵢ|,
 *    so the threshold ratio of the deviations is κ.
 *  - P.icl on the slice (180): u = (p + q, p − q), the uᵢ with larger λᵢ³|uᵢ − 1/λᵢ| moves (187)–(189): ratio κ³.
 * At a tie |w₁| = |w₂| one entry of ∇f vanishes and both coordinates move by η_t (the lemma leaves this case open;
 * the check pins what SignGD with sign(0) = 0 does).
 *
 * A case is a setting, eigenvalues λ₁, λ₂, a start in eigen-coordinates (a, b) and 1–3 step sizes; every step is
 * checked. Exact mode runs on finite decimals at 60 digits (~12-digit inputs cubed in the MF gradient, squared again
 * in the loss) proven exact by the re-run at 120; a float case re-checked exactly carries doubles whose exact decimals
 * have up to ~60 digits each: 400. Float mode runs on doubles.
 *
 * Float: the step's change may deviate from the prediction by 6u(|p|+|q|+|p′|+|q′|) (one rounding of each new entry,
 * three float sums/differences forming Δ(p ± q)). A gradient entry ½(w₁ ± w₂) is a sum of at most 8 products of
 * entries bounded by m = max|X| and Λ = max λ (MF: m³ and Λm; ICL: Λ²(Λm + 1); quad2: Λm), so its float error is
 * below 8u·scale; below 64u·scale (8× margin) its float sign may differ from the exact one: the step is a near tie
 * and any of the three patterns is accepted (exact mode decides ties).
 */

export interface L14Case {
  readonly setting: Setting;
  readonly l1: Num;
  readonly l2: Num;
  readonly a: Num;
  readonly b: Num;
  readonly etas: readonly Num[];
  /** Built on a tie |w₁| = |w₂| (exact mode only). */
  readonly tie: boolean;
}

type Branch = 'y1 moves' | 'y2 moves' | 'tie';
const BRANCHES: readonly Branch[] = ['y1 moves', 'y2 moves', 'tie'];

/** Lemma 14's prediction for a step from coordinates with weights w₁, w₂: the change of (a, b). */
function predicted<T>(F: Field<T>, branch: Branch, w1: T, w2: T, eta: T): [T, T] {
  const two = F.of(2);
  if (branch === 'y1 moves') return [F.neg(F.mul(F.mul(two, eta), F.sign(w1))), F.zero]; //  (141)
  if (branch === 'y2 moves') return [F.zero, F.neg(F.mul(F.mul(two, eta), F.sign(w2)))]; //  (142)
  return [F.neg(F.mul(eta, F.sign(w1))), F.neg(F.mul(eta, F.sign(w2)))]; //                 tie: both by η_t
}

function branchOf<T>(F: Field<T>, w1: T, w2: T): Branch {
  const c = F.cmp(F.abs(w1), F.abs(w2));
  return c > 0 ? 'y1 moves' : c < 0 ? 'y2 moves' : 'tie';
}

const ratioBin = (r: number): string => (r === 1 ? 'tie' : r < 1e-2 ? '<1e-2' : r < 1 ? '1e-2–1' : r <= 1e2 ? '1–1e2' : '>1e2');
const kappaBin = (k: number): string => (k < 10 ? '1–10' : k < 1e3 ? '10–1e3' : '≥1e3');

// ---- generators -------------------------------------------------------------------------------------------------

const EF = exactField(60);
const s = (x: Decimal): string => EF.toString(x);

/** A positive finite decimal m·10^−k with m ∈ [1, 9999]. */
const finiteDecimal = (kMin: number, kMax: number): fc.Arbitrary<string> => fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: kMin, max: kMax })).map(([m, k]) => `${m}e-${k}`);
const signed = (a: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.tuple(a, fc.boolean()).map(([x, neg]) => (neg ? `-${x}` : x));
const setting = fc.constantFrom<Setting>('quad2', 'mf', 'icl');
const etasDec = fc.array(finiteDecimal(3, 6), { minLength: 1, maxLength: 3 });

const exactGeneric: fc.Arbitrary<L14Case> = fc
  .record({ setting, l1: finiteDecimal(2, 5), l2: finiteDecimal(2, 5), a: signed(finiteDecimal(2, 5)), b: signed(finiteDecimal(2, 5)), etas: etasDec })
  .map((r) => ({ ...r, tie: false }));

/**
 * Ties |w₁| = |w₂| built exactly (the divisions below are by decimals whose reciprocals are finite). Not for P.mf: its
 * gradient goes through eigenvectors (1, ±1)/√2 rounded by the eigen-solver, so an exactly vanishing entry comes out
 * as ±10^{−P} and its sign is decided by rounding (an implementation fact, not the lemma's): no exact tie exists there.
 */
const UNIT_RECIPROCAL = ['0.5', '1', '2', '0.25', '0.2', '4', '5', '0.1', '0.125'];
const exactTie: fc.Arbitrary<L14Case> = fc
  .record({ setting: fc.constantFrom<Setting>('quad2', 'icl'), l1: finiteDecimal(2, 4), a: signed(finiteDecimal(2, 4)), m: fc.integer({ min: 1, max: 50 }), neg: fc.boolean(), pick: fc.constantFrom(...UNIT_RECIPROCAL), etas: etasDec })
  .map(({ setting, l1, a, m, neg, pick, etas }) => {
    const F = EF;
    const L1 = F.of(l1);
    const A = F.of(a);
    if (setting === 'quad2') {
      // λ₂ = the drawn decimal, λ₁ = m·λ₂ and z₂ = ±m·z₁: λ₁|z₁| = λ₂|z₂|.
      return { setting, l1: s(F.mul(F.of(m), L1)), l2: l1, a, b: s(F.mul(F.of(neg ? -m : m), A)), etas, tie: true };
    }
    const w1 = weight(F, setting, A, L1);
    const sgn = F.of(neg ? -1 : 1);
    // ICL: λ₂ = pick, u₂ = (1 ± w₁/λ₂²)/λ₂ gives w₂ = ±w₁.
    const l2 = F.of(pick);
    const u2 = F.div(F.add(F.one, F.mul(sgn, F.div(w1, F.mul(l2, l2)))), l2);
    return { setting, l1, l2: pick, a, b: s(u2), etas, tie: true };
  });

/** Doubles from the real ranges (log-uniform magnitudes via integer grids, never raw bit patterns). */
const dbl = (lo: number, hi: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: 2 ** 30 }).map((k) => lo * (hi / lo) ** (k / 2 ** 30));
const dblSigned = (lo: number, hi: number): fc.Arbitrary<number> => fc.tuple(dbl(lo, hi), fc.boolean()).map(([x, n]) => (n ? -x : x));
const floatCases: fc.Arbitrary<L14Case> = fc
  .record({ setting, l1: dbl(1e-2, 1e2), l2: dbl(1e-2, 1e2), a: dblSigned(1e-3, 1e2), b: dblSigned(1e-3, 1e2), etas: fc.array(dbl(1e-5, 1e-1), { minLength: 1, maxLength: 3 }) })
  .map((r) => ({ ...r, tie: false }));

export default defineClaim<L14Case>({
  id: 'A.L14',
  title: 'SignGD moves one eigen-coordinate per step on the rotated 2-D quadratic and on the MF/ICL slices',
  source: { paper: 'A', where: 'Lemmas 12–14 (App. C.1), Lemma 16 and Step 2–4 of App. C.2, Steps 2–4 of App. E', equations: ['(131)–(133)', '(137)–(143)', '(147)–(154)', '(164)', '(180)–(189)'] },
  provenance: 'reconstructed',
  statement:
    'With w = (λ₁z₁, λ₂z₂) (P.quad2, z = √2Qx), w = ((μᵢ² − λᵢ)μᵢ) (P.mf on {pI + qJ}, μ = (p+q, p−q)) or w = (λᵢ³(uᵢ − 1/λᵢ)) (P.icl on {pI + qJ}), one SignGD step changes only the coordinate with the larger |wᵢ|, by −2η_t·sign(wᵢ) (y moves by √2η_t), and keeps the slice; at a tie both move by η_t.',
  hypotheses: [
    hyp.choice('setting', 'P.quad2 (131), P.mf on {pI + qJ} (147), P.icl on {pI + qJ} (180)', ['quad2', 'mf', 'icl']),
    hyp.real('λ₁, λ₂', 'λᵢ > 0 (finite decimals in exact mode)', 1e-5, 1e4, { scale: 'log' }),
    hyp.real('state', 'any start on the slice (eigen-coordinates a, b ≠ 0)', -1e4, 1e4),
    hyp.real('η_t', 'η_t > 0, 1–3 steps', 1e-9, 1e-1, { scale: 'log' }),
    hyp.structure('sign', 'the direction is sign(∇f) entrywise (SignGD (11), (25))', { necessary: true }),
  ],
  modes: { exact: provenDecimal(60), float: float64Field },
  confirm: provenDecimal(400),
  cases: { quick: { exact: 40, float: 60 }, default: { exact: 300, float: 500 }, deep: { exact: 8000, float: 20000 } },
  generate: (mode) => (mode === 'exact' ? fc.oneof({ weight: 4, arbitrary: exactGeneric }, { weight: 1, arbitrary: exactTie }) : floatCases),

  check(c, k) {
    const { F, u } = k;
    const n = k.num;
    const l1 = F.of(c.l1);
    const l2 = F.of(c.l2);
    const etas = c.etas.map((e) => F.of(e));
    // P.mf's gradient is rounded (its eigenvectors (1, ±1)/√2 come from a Jacobi rotation): its signs are certified
    // instead of its digits.
    const mf = c.setting === 'mf';
    const { run, proof } = provenRun(
      F,
      (G) => runSignGD(k.impl, buildProblem(k.impl, k.impl.over(G), c.setting, G.of(c.l1), G.of(c.l2)), startPoint(G, c.setting, G.of(c.a), G.of(c.b)), c.etas, false),
      (r) => [...flatten(r.iterates), ...(mf ? [] : flatten(r.grads))],
      (r) => (mf ? flatten(r.grads) : []),
    );
    if (proof) k.exactness({ exact: proof.exact, precision: proof.precision, errorEstimate: proof.errorEstimate });
    const start = coordsOf(F, c.setting, run.iterates[0]!);
    k.bin('setting', c.setting);
    k.bin('|w₁|/|w₂|', ratioBin(n(F.abs(weight(F, c.setting, start.a, l1))) / n(F.abs(weight(F, c.setting, start.b, l2)))));
    k.bin('κ decade', kappaBin(Math.max(Number(c.l1), Number(c.l2)) / Math.min(Number(c.l1), Number(c.l2))));
    k.bin('steps', String(c.etas.length));
    // An exact run not proven exact decides nothing (its signs may be rounding): never a silent "holds".
    if (proof && !proof.exact) return k.inconclusive(`exactness not proven: ${proof.errorEstimate}`);
    if (run.status !== 'completed') k.inconclusive(`run stopped: ${run.message ?? run.status}`);

    const absSum = (t: number): number => Math.abs(n(run.iterates[t]!.data[0]!)) + Math.abs(n(run.iterates[t]!.data[1]!));
    const lam = Math.max(n(l1), n(l2));
    // A step whose float gradient has an entry within rounding of 0 (see the header). A field that decides exactly
    // (a run proven exact) has the exact signs: there a tie is a tie, never "near".
    const nearTie = (t: number): boolean => {
      if (k.exact) return false;
      const m = Math.max(...run.iterates[t]!.data.map((x) => Math.abs(n(x))));
      const scale = c.setting === 'quad2' ? lam * m : c.setting === 'mf' ? m ** 3 + lam * m : lam * lam * (lam * m + 1);
      const G = run.grads[t]!;
      return Math.min(Math.abs(n(G.data[0]!)), Math.abs(n(G.data[1]!))) <= 64 * u * 8 * scale;
    };
    for (let t = 0; t + 1 < run.iterates.length; t++) {
      const now = coordsOf(F, c.setting, run.iterates[t]!);
      const next = coordsOf(F, c.setting, run.iterates[t + 1]!);
      const w1 = weight(F, c.setting, now.a, l1);
      const w2 = weight(F, c.setting, now.b, l2);
      const da = F.sub(next.a, now.a);
      const db = F.sub(next.b, now.b);
      const open = nearTie(t);
      // The deviation of the step from Lemma 14's prediction (from the best of the three patterns at a near tie).
      let dev: typeof da | undefined;
      for (const br of open ? BRANCHES : [branchOf(F, w1, w2)]) {
        const [ea, eb] = predicted(F, br, w1, w2, etas[t]!);
        const d = F.max(F.abs(F.sub(da, ea)), F.abs(F.sub(db, eb)));
        dev = dev === undefined ? d : F.min(dev, d);
      }
      k.branch(open ? `${c.setting}: near tie (float)` : `${c.setting}: ${branchOf(F, w1, w2)}`);
      k.bound('(141)/(142) only the coordinate with larger |wᵢ| moves, by 2η_t', dev!, 0, {
        tol: 6 * u * (absSum(t) + absSum(t + 1)),
        why: '6u(|p|+|q|+|p′|+|q′|): one rounding of each new entry, three float sums/differences forming Δ(p ± q)',
        at: t,
      });
      if (c.setting !== 'quad2' && !open) k.bound('(Lemma 16) the slice {pI + qJ} is invariant', next.defect, 0, { at: t });
    }
  },

  noSearch: `its bounds are identities of the two-coordinate SignGD slice ((141)/(142): only the larger |wᵢ| moves, by 2η_t; Lemma 16's invariant slice) checked exactly: no ratio to climb`,
  probes: [
    probe({
      id: 'without-sign',
      hypothesis: 'sign',
      drops: 'the sign: SignGD stepping along ∇f itself (plant signgd-without-sign) moves both coordinates by η·wᵢ-sized steps',
      mode: 'exact',
      cases: exactGeneric,
      runs: 40,
      impl: signgdWithoutSign.impl,
      what: 'A.L14 (141)/(142)',
    }),
  ],
  bins: { setting: ['quad2', 'mf', 'icl'], '|w₁|/|w₂|': ['<1e-2', '1e-2–1', '1–1e2', '>1e2', 'tie'], 'κ decade': ['1–10', '10–1e3', '≥1e3'] },
  branches: ['quad2: y1 moves', 'quad2: y2 moves', 'quad2: tie', 'mf: y1 moves', 'mf: y2 moves', 'icl: y1 moves', 'icl: y2 moves', 'icl: tie'],
});
