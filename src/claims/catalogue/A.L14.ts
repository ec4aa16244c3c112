import fc from 'fast-check';
import { exactField, type Decimal } from '../../arith/exact.ts';
import type { Field } from '../../arith/field.ts';
import { float64 } from '../../arith/float64.ts';
import { signgdWithoutSign } from '../../impl/plants.ts';
import { probeSearch } from '../search.ts';
import type { Bound, CaseOutcome, CheckContext, Claim } from '../types.ts';
import { buildProblem, coordsOf, flatten, isDecimalCase, proveSignExact, runSignGD, startPoint, weight, type Num, type Setting, type SignRun } from '../../cases/signgd.ts';

/*
 * A.L14 (paper A, Lemmas 12–14 and 16, App. C.1–C.2 and E; reconstructed, exact): one SignGD step moves exactly one
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
 * checked. Exact mode runs on finite decimals and proves exactness (proveSignExact); float mode runs on doubles.
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

/** Lemma 14's prediction for a step from coordinates with weights w₁, w₂: the change of (a, b). */
function predicted<T>(F: Field<T>, branch: Branch, w1: T, w2: T, eta: T): [T, T] {
  const two = F.of(2);
  if (branch === 'y1 moves') return [F.neg(F.mul(F.mul(two, eta), F.sign(w1))), F.zero];
  if (branch === 'y2 moves') return [F.zero, F.neg(F.mul(F.mul(two, eta), F.sign(w2)))];
  return [F.neg(F.mul(eta, F.sign(w1))), F.neg(F.mul(eta, F.sign(w2)))];
}

function branchOf<T>(F: Field<T>, w1: T, w2: T): Branch {
  const c = F.cmp(F.abs(w1), F.abs(w2));
  return c > 0 ? 'y1 moves' : c < 0 ? 'y2 moves' : 'tie';
}

/** Evaluates the lemma on a finished run (in its own arithmetic). `nearTie(t)` marks float steps whose sign is open. */
function judge<T>(F: Field<T>, c: L14Case, run: SignRun<T>, l1: T, l2: T, etas: T[], tol: (t: number) => number, nearTie: (t: number) => boolean): { bounds: Bound[]; branches: string[]; ratio: number } {
  let dev = 0;
  let devTol = 0;
  let worst = -1;
  let defect = 0;
  const branches = new Set<string>();
  let ratio = NaN;
  for (let t = 0; t + 1 < run.iterates.length; t++) {
    const now = coordsOf(F, c.setting, run.iterates[t]!);
    const next = coordsOf(F, c.setting, run.iterates[t + 1]!);
    const w1 = weight(F, c.setting, now.a, l1);
    const w2 = weight(F, c.setting, now.b, l2);
    if (t === 0) ratio = F.toNumber(F.abs(w1)) / F.toNumber(F.abs(w2));
    const da = F.sub(next.a, now.a);
    const db = F.sub(next.b, now.b);
    const open = nearTie(t);
    const candidates: Branch[] = open ? ['y1 moves', 'y2 moves', 'tie'] : [branchOf(F, w1, w2)];
    let best = Infinity;
    for (const br of candidates) {
      const [ea, eb] = predicted(F, br, w1, w2, etas[t]!);
      best = Math.min(best, Math.max(F.toNumber(F.abs(F.sub(da, ea))), F.toNumber(F.abs(F.sub(db, eb)))));
    }
    branches.add(open ? `${c.setting}: near tie (float)` : `${c.setting}: ${candidates[0]}`);
    // Report the step worst relative to its own tolerance (exact: tolerance 0, any deviation is infinite).
    const r = tol(t);
    const rel = best === 0 ? 0 : r === 0 ? Infinity : best / r;
    if (rel >= worst) {
      worst = rel;
      dev = best;
      devTol = r;
    }
    if (!open) defect = Math.max(defect, F.toNumber(next.defect));
  }
  const bounds: Bound[] = [
    {
      name: '(141)/(142) only the coordinate with larger |wᵢ| moves, by 2η_t',
      lhs: dev,
      rhs: devTol,
      holds: dev <= devTol,
      ...(F.kind === 'float64' ? { tolerance: '6u(|p|+|q|+|p′|+|q′|): one rounding of each new entry, three float sums/differences forming Δ(p ± q)' } : {}),
    },
  ];
  if (c.setting !== 'quad2') bounds.push({ name: '(Lemma 16) the slice {pI + qJ} is invariant', lhs: defect, rhs: 0, holds: defect <= 0 });
  return { bounds, branches: [...branches], ratio };
}

const ratioBin = (r: number): string => (r === 1 ? 'tie' : r < 1e-2 ? '<1e-2' : r < 1 ? '1e-2–1' : r <= 1e2 ? '1–1e2' : '>1e2');
const kappaBin = (k: number): string => (k < 10 ? '1–10' : k < 1e3 ? '10–1e3' : '≥1e3');

function binsOf(c: L14Case, ratio: number): Record<string, string> {
  const l1 = Number(c.l1);
  const l2 = Number(c.l2);
  return { setting: c.setting, '|w₁|/|w₂|': ratioBin(ratio), 'κ decade': kappaBin(Math.max(l1, l2) / Math.min(l1, l2)), steps: String(c.etas.length) };
}

function checkExact(c: L14Case, ctx: CheckContext): CaseOutcome {
  // Finite-decimal cases need ~12-digit inputs cubed (MF gradient) and squared again (loss): 60 digits. A float case
  // re-checked here carries doubles whose exact decimals have up to ~60 digits each: 400.
  const P = isDecimalCase([c.l1, c.l2, c.a, c.b, ...c.etas]) ? 60 : 400;
  const proof = proveSignExact(
    P,
    (F) => {
      const la = ctx.impl.over(F);
      const problem = buildProblem(ctx.impl, la, c.setting, F.of(c.l1), F.of(c.l2));
      return runSignGD(ctx.impl, problem, startPoint(F, c.setting, F.of(c.a), F.of(c.b)), c.etas, false);
    },
    (r) => [...flatten(r.iterates), ...(c.setting === 'mf' ? [] : flatten(r.grads))],
    (r) => (c.setting === 'mf' ? flatten(r.grads) : []),
  );
  const F: Field<Decimal> = exactField(P);
  const run = proof.value;
  const { bounds, branches, ratio } = judge(F, c, run, F.of(c.l1), F.of(c.l2), c.etas.map((e) => F.of(e)), () => 0, () => false);
  const exactness = { exact: proof.exact, precision: P, errorEstimate: proof.errorEstimate };
  const base = { bounds, branches, bins: binsOf(c, ratio), exactness };
  if (run.status !== 'completed') return { ...base, inconclusive: `run stopped: ${run.message ?? run.status}` };
  // An unproven exact run decides nothing (its signs may be rounding): never a silent "holds".
  return proof.exact ? base : { bounds: [], branches, bins: base.bins, exactness, inconclusive: `exactness not proven: ${proof.errorEstimate}` };
}

function checkFloat(c: L14Case, ctx: CheckContext): CaseOutcome {
  const F = float64;
  const la = ctx.impl.float;
  const problem = buildProblem(ctx.impl, la, c.setting, F.of(c.l1), F.of(c.l2));
  const run = runSignGD(ctx.impl, problem, startPoint(F, c.setting, F.of(c.a), F.of(c.b)), c.etas, false);
  const u = F.unitRoundoff;
  const l1 = F.of(c.l1);
  const l2 = F.of(c.l2);
  const lam = Math.max(l1, l2);
  const absSum = (t: number): number => Math.abs(run.iterates[t]!.data[0]!) + Math.abs(run.iterates[t]!.data[1]!);
  const tol = (t: number): number => 6 * u * (absSum(t) + absSum(t + 1));
  // A gradient entry ½(w₁ ± w₂) is a sum of at most 8 products of entries bounded by m = max|X| and Λ = max λ
  // (MF: m³ and Λm; ICL: Λ²(Λm + 1); quad2: Λm), so its float error is below 8u·scale; 64u·scale leaves 8× margin.
  // Below it the float sign of that entry may differ from the exact one: the step is a near tie and any of the
  // three patterns is accepted (exact mode decides ties).
  const nearTie = (t: number): boolean => {
    const X = run.iterates[t]!;
    const m = Math.max(...X.data.map(Math.abs));
    const scale = c.setting === 'quad2' ? lam * m : c.setting === 'mf' ? m ** 3 + lam * m : lam * lam * (lam * m + 1);
    const G = run.grads[t]!;
    return Math.min(Math.abs(G.data[0]!), Math.abs(G.data[1]!)) <= 64 * u * 8 * scale;
  };
  const { bounds, branches, ratio } = judge(F, c, run, l1, l2, c.etas.map((e) => F.of(e)), tol, nearTie);
  const base = { bounds, branches, bins: binsOf(c, ratio) };
  return run.status === 'completed' ? base : { ...base, inconclusive: `run stopped: ${run.message ?? run.status}` };
}

// ---- generators -------------------------------------------------------------------------------------------------

const EF = exactField(60);
const s = (x: Decimal): string => EF.toString(x);

/** A positive finite decimal m·10^−k with m ∈ [1, 9999]. */
const decimal = (kMin: number, kMax: number): fc.Arbitrary<string> => fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: kMin, max: kMax })).map(([m, k]) => `${m}e-${k}`);
const signed = (a: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.tuple(a, fc.boolean()).map(([x, neg]) => (neg ? `-${x}` : x));
const setting = fc.constantFrom<Setting>('quad2', 'mf', 'icl');
const etasDec = fc.array(decimal(3, 6), { minLength: 1, maxLength: 3 });

const exactGeneric: fc.Arbitrary<L14Case> = fc
  .record({ setting, l1: decimal(2, 5), l2: decimal(2, 5), a: signed(decimal(2, 5)), b: signed(decimal(2, 5)), etas: etasDec })
  .map((r) => ({ ...r, tie: false }));

/**
 * Ties |w₁| = |w₂| built exactly (the divisions below are by decimals whose reciprocals are finite). Not for P.mf: its
 * gradient goes through eigenvectors (1, ±1)/√2 rounded by the eigen-solver, so an exactly vanishing entry comes out
 * as ±10^{−P} and its sign is decided by rounding (an implementation fact, not the lemma's): no exact tie exists there.
 */
const UNIT_RECIPROCAL = ['0.5', '1', '2', '0.25', '0.2', '4', '5', '0.1', '0.125'];
const exactTie: fc.Arbitrary<L14Case> = fc
  .record({ setting: fc.constantFrom<Setting>('quad2', 'icl'), l1: decimal(2, 4), a: signed(decimal(2, 4)), m: fc.integer({ min: 1, max: 50 }), neg: fc.boolean(), pick: fc.constantFrom(...UNIT_RECIPROCAL), etas: etasDec })
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

const arbExact = fc.oneof({ weight: 4, arbitrary: exactGeneric }, { weight: 1, arbitrary: exactTie });

/** Doubles from the real ranges (log-uniform magnitudes via integer grids, never raw bit patterns). */
const dbl = (lo: number, hi: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: 2 ** 30 }).map((k) => lo * (hi / lo) ** (k / 2 ** 30));
const dblSigned = (lo: number, hi: number): fc.Arbitrary<number> => fc.tuple(dbl(lo, hi), fc.boolean()).map(([x, n]) => (n ? -x : x));
const arbFloat: fc.Arbitrary<L14Case> = fc
  .record({ setting, l1: dbl(1e-2, 1e2), l2: dbl(1e-2, 1e2), a: dblSigned(1e-3, 1e2), b: dblSigned(1e-3, 1e2), etas: fc.array(dbl(1e-5, 1e-1), { minLength: 1, maxLength: 3 }) })
  .map((r) => ({ ...r, tie: false }));

export const claim: Claim<L14Case> = {
  id: 'A.L14',
  title: 'SignGD moves one eigen-coordinate per step on the rotated 2-D quadratic and on the MF/ICL slices',
  source: { paper: 'A', where: 'Lemmas 12–14 (App. C.1), Lemma 16 and Step 2–4 of App. C.2, Steps 2–4 of App. E', equations: ['(131)–(133)', '(137)–(143)', '(147)–(154)', '(164)', '(180)–(189)'] },
  provenance: 'reconstructed',
  statement:
    'With w = (λ₁z₁, λ₂z₂) (P.quad2, z = √2Qx), w = ((μᵢ² − λᵢ)μᵢ) (P.mf on {pI + qJ}, μ = (p+q, p−q)) or w = (λᵢ³(uᵢ − 1/λᵢ)) (P.icl on {pI + qJ}), one SignGD step changes only the coordinate with the larger |wᵢ|, by −2η_t·sign(wᵢ) (y moves by √2η_t), and keeps the slice; at a tie both move by η_t.',
  hypotheses: [
    { name: 'setting', text: 'P.quad2 (131), P.mf on {pI + qJ} (147), P.icl on {pI + qJ} (180)', domain: { kind: 'choice', values: ['quad2', 'mf', 'icl'] } },
    { name: 'λ₁, λ₂', text: 'λᵢ > 0 (finite decimals in exact mode)', domain: { kind: 'real', min: 1e-5, max: 1e4, closed: 'both', scale: 'log' } },
    { name: 'state', text: 'any start on the slice (eigen-coordinates a, b ≠ 0)', domain: { kind: 'real', min: -1e4, max: 1e4, closed: 'both' } },
    { name: 'η_t', text: 'η_t > 0, 1–3 steps', domain: { kind: 'real', min: 1e-9, max: 1e-1, closed: 'both', scale: 'log' } },
    { name: 'sign', text: 'the direction is sign(∇f) entrywise (SignGD (11), (25))', domain: { kind: 'structure' }, necessary: true },
  ],
  modes: ['exact', 'float'],
  cases: { quick: { exact: 40, float: 60 }, default: { exact: 300, float: 500 }, deep: { exact: 8000, float: 20000 } },
  arbitrary: (mode) => (mode === 'exact' ? arbExact : arbFloat),
  check: (c, ctx) => (ctx.mode === 'exact' ? checkExact(c, ctx) : checkFloat(c, ctx)),
  probes: [
    {
      id: 'without-sign',
      drops: 'the sign: SignGD stepping along ∇f itself (plant signgd-without-sign) moves both coordinates by η·wᵢ-sized steps',
      run: ({ seed }) => probeSearch(exactGeneric, (c) => checkExact(c, { mode: 'exact', impl: signgdWithoutSign.impl }), seed, 40, 'A.L14 (141)/(142)'),
    },
  ],
  binSpace: { setting: ['quad2', 'mf', 'icl'], '|w₁|/|w₂|': ['<1e-2', '1e-2–1', '1–1e2', '>1e2', 'tie'], 'κ decade': ['1–10', '10–1e3', '≥1e3'] },
  branchSpace: ['quad2: y1 moves', 'quad2: y2 moves', 'quad2: tie', 'mf: y1 moves', 'mf: y2 moves', 'icl: y1 moves', 'icl: y2 moves', 'icl: tie'],
};

export default claim;
