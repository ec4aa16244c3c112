import type { Field } from '../arith/field.ts';
import { confirm, marginDecision, type LadderProblem, type RungName } from '../arith/ladder.ts';
import { frobenius } from '../linalg/norms.ts';
import { mat, matmul, sub, type Mat } from '../linalg/mat.ts';
import { reference, type Impl } from '../impl/impl.ts';

/**
 * The cost of confirming a case through the ladder (src/arith/ladder.ts), against the case's float64 run, on four
 * kinds of computation the claims confirm: the scalar recursion (Muon on P.scalar through impl.run), an aligned MF
 * run, an ICL run (both Muon through impl.run on the generic backend of the field) and one dense msign (the generic
 * Jacobi SVD in the field).
 *
 * Each case is a question "value ≤ target" asked twice: `typical` (target well above the value: float64 decides) and
 * `near-tight` (target = the float64 value itself: float64 cannot decide within its error bound, the ladder climbs).
 * The error bounds of the approximate rungs are the cases' a-priori budgets below (stated per case), in units of the
 * field's unit roundoff — the same form as the claims' float tolerances; the decimal rung's is its P-vs-2P difference.
 */

export interface ConfirmCase {
  readonly id: 'scalar' | 'aligned-mf' | 'icl' | 'dense-msign';
  readonly what: string;
  /** The value of the question, computed over F. */
  value<T>(F: Field<T>): T;
  /** A-priori bound on |value computed in F − true value| for the approximate rungs, given the computed value. */
  budget<T>(F: Field<T>, value: T): number;
}

const impl: Impl = reference;

/** Muon on P.scalar: σ_{t+1} = σ_t − η_t sign(σ_t³ − λσ_t), 100 steps of S.geo; the value is |σ_T − √λ|. */
function scalarCase(): ConfirmCase {
  const steps = 100;
  const C = 0.3;
  const rho = 0.67;
  return {
    id: 'scalar',
    what: `Muon on P.scalar, ${steps} steps (impl.run), |σ_T − √λ|`,
    value<T>(F: Field<T>): T {
      const la = impl.over(F);
      const problem = impl.problems.scalar(la, F.of(1));
      const tr = impl.run({ problem, optimizer: impl.optimizers.muon(), schedule: impl.schedules.geo({ scale: 1, rho, C }), x0: mat(1, 1, [F.of(1.5)]), steps, residualNorms: false });
      return F.abs(F.sub(tr.final.data[0], F.one));
    },
    // Each step rounds σ − η·s by ≤ u|σ| + u·η, η_t = C·ρ^t carries ≤ (t + 3)u relative error and the 1×1 msign
    // g/√(g²) ≤ 3u: |δσ_T| ≤ Σ_t [(t + 8)u·η_t + u·|σ_t|] ≤ u·(8·Ση + Σ t·η_t + T·max|σ|) ≤ u·(8·0.91 + 2.8 + 150)
    // < 200u for C = 0.3, ρ = 0.67, |σ| ≤ 1.5 — provided every sign is the exact one, which holds while |σ_t³ − σ_t|
    // exceeds its own error (σ stays ≥ 0.3 from the roots 0 and ±1 until η_t < 1e-3, by the dynamics of Lemma 2);
    // doubled for second-order terms.
    budget: <T>(F: Field<T>) => 400 * F.unitRoundoff,
  };
}

/** Givens rotation products with finite-decimal (c, s) = (0.6, 0.8), (0.28, 0.96): an exactly orthogonal 4×4 V. */
function alignedBasis<T>(F: Field<T>): Mat<T> {
  const n = 4;
  let V = mat(n, n, Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? F.one : F.zero)));
  const rot = (p: number, q: number, c: string, s: string): void => {
    const G = mat(n, n, Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? F.one : F.zero)));
    const data = G.data.slice();
    data[p * n + p] = F.of(c);
    data[q * n + q] = F.of(c);
    data[p * n + q] = F.of(`-${s}`);
    data[q * n + p] = F.of(s);
    V = matmul(F, V, mat(n, n, data));
  };
  rot(0, 1, '0.6', '0.8');
  rot(2, 3, '0.28', '0.96');
  rot(1, 2, '0.6', '0.8');
  return V;
}

/** Aligned MF (Lemma 3's setting): M* = V diag(λ) Vᵀ, U₀ = V diag(σ₀), Muon 30 steps; the value is ‖U_TU_Tᵀ − M*‖_F. */
function alignedMfCase(): ConfirmCase {
  const steps = 30;
  return {
    id: 'aligned-mf',
    what: `aligned MF 4×4, Muon ${steps} steps (impl.run, generic msign), ‖UUᵀ − M*‖_F`,
    value<T>(F: Field<T>): T {
      const la = impl.over(F);
      const V = alignedBasis(F);
      const lambdas = ['1', '0.5', '0.25', '0.125'].map((x) => F.of(x));
      const problem = impl.problems.mf(la, { V, lambdas }, 4);
      const s0 = ['0.3', '0.2', '0.1', '0.05'].map((x) => F.of(x));
      const U0 = mat(4, 4, V.data.map((x, i) => F.mul(x, s0[i % 4])));
      const tr = impl.run({ problem, optimizer: impl.optimizers.muon(), schedule: impl.schedules.geo({ scale: 1, rho: 0.8, C: 0.3 }), x0: U0, steps, residualNorms: false });
      return frobenius(F, problem.residual(tr.final)); // residual = UUᵀ − M*
    },
    // The aligned structure keeps U_t = V Σ_t Rᵀ, so each step is 4 decoupled scalar steps plus the rounding of the
    // 4×4 products and of msign (a backward-stable Jacobi SVD: ≤ c·n·u per entry with c ≲ 10); over T steps of sizes
    // η_t ≤ 0.3 this is ≤ T·(8n·u)·(1 + Σσ) per entry, and the Frobenius residual of U Uᵀ − M* multiplies it by
    // 2‖U‖·n ≤ 8: budget 30·32·u·2·8 < 20000u.
    budget: <T>(F: Field<T>) => 20000 * F.unitRoundoff,
  };
}

/** ICL from W₀ = 0 (Lemma 8's setting) with Σ = V diag(λ) Vᵀ, Muon 30 steps; the value is ‖W_T − Σ⁻¹‖_F. */
function iclCase(): ConfirmCase {
  const steps = 30;
  return {
    id: 'icl',
    what: `ICL 4×4 from W₀ = 0, Muon ${steps} steps (impl.run, generic msign), ‖W − Σ⁻¹‖_F`,
    value<T>(F: Field<T>): T {
      const la = impl.over(F);
      const V = alignedBasis(F);
      const problem = impl.problems.icl(la, { V, lambdas: ['1', '0.5', '0.25', '0.125'] });
      const W0 = mat(4, 4, Array.from({ length: 16 }, () => F.zero));
      const tr = impl.run({ problem, optimizer: impl.optimizers.muon(), schedule: impl.schedules.geo({ scale: 1, rho: 0.8, C: 3.7 }), x0: W0, steps, residualNorms: false });
      return frobenius(F, problem.residual(tr.final));
    },
    // As the aligned MF case, with W_t = V Λ_t Vᵀ and entries ≤ 1/λ_min = 8: budget 30·32·u·8·8 < 80000u. Valid only
    // while no sign decision falls within rounding of 0: C = 3.7 keeps every w_i away from its 1/λ_i (with C = 4,
    // w₁ = 4 = 1/λ₃ exactly, and float64, double-double and 60-digit decimals then differ already in the 2nd digit,
    // because the sign of a rounding-level gradient component decides the rest of the run).
    budget: <T>(F: Field<T>) => 80000 * F.unitRoundoff,
  };
}

/** One dense msign: ‖G − msign(G)‖_F for a 6×3 G with finite-decimal entries (B.msign's nearest-semi-orthogonal distance). */
function denseMsignCase(): ConfirmCase {
  const rows = [
    ['0.3', '-1.2', '0.5'],
    ['1.1', '0.25', '-0.7'],
    ['-0.4', '0.9', '1.3'],
    ['0.6', '-0.15', '0.2'],
    ['-1.05', '0.45', '-0.35'],
    ['0.8', '1.4', '0.05'],
  ];
  return {
    id: 'dense-msign',
    what: 'dense msign of a 6×3 G (impl.over(F).msign, Jacobi SVD), ‖G − msign G‖_F',
    value<T>(F: Field<T>): T {
      const G = mat(6, 3, rows.flat().map((x) => F.of(x)));
      return frobenius(F, sub(F, G, impl.over(F).msign(G)));
    },
    // msign through a one-sided Jacobi SVD is backward stable: the computed Q is within c·m·n·u·κ(G) of msign(G)
    // (κ(G) < 4 here; c ≲ 10), so ‖G − Q‖_F moves by at most that times √(mn): 10·18·4·u·5 = 3600u.
    budget: <T>(F: Field<T>) => 4000 * F.unitRoundoff,
  };
}

export const CONFIRM_CASES: readonly (() => ConfirmCase)[] = [scalarCase, alignedMfCase, iclCase, denseMsignCase];

/** The ladder problem "value ≤ target" for a case. */
export function question(c: ConfirmCase, target: number | string): LadderProblem<'holds' | 'violated'> {
  return {
    compute: <T>(F: Field<T>) => [F.sub(c.value(F), F.of(target))],
    // the margin v − target: v's budget plus the rounding of the subtraction (≤ u·(|v| + |target|))
    errorBound: <T>(F: Field<T>, values: readonly T[]) => c.budget(F, values[0]) + 2 * F.unitRoundoff * (Math.abs(F.toNumber(values[0])) + Math.abs(Number(target))),
    decide: marginDecision,
  };
}

export interface ConfirmRow {
  readonly case: 'confirmation';
  readonly id: ConfirmCase['id'];
  readonly what: string;
  /**
   * typical: float64 decides; near-tight: the target is the float value, the ladder climbs; decimal-only: the
   * near-tight question on the decimal rung alone (what a question double-double cannot decide costs).
   */
  readonly scenario: 'typical' | 'near-tight' | 'decimal-only';
  /** The rung that decided (undefined: none). */
  readonly rung: RungName | null;
  readonly decision: string | null;
  /** Error bound of the deciding rung. */
  readonly errorBound: number | null;
  /** ms of the case's float64 run. */
  readonly floatMs: number;
  /** ms of the whole confirmation (every rung tried). */
  readonly confirmMs: number;
  /** confirmMs / floatMs. */
  readonly ratio: number;
}

/**
 * Measures each case: the float64 run, then the ladder on the typical and the near-tight question. `time(step)` is
 * the bench's timer (median ms per call).
 */
export function confirmationRows(time: (step: () => void) => number): ConfirmRow[] {
  const rows: ConfirmRow[] = [];
  for (const make of CONFIRM_CASES) {
    const c = make();
    const F64 = impl.float.F;
    const floatValue = F64.toNumber(c.value(F64));
    // timed before and after the ladder runs (V8's code for the generic path settles as other fields use it): the
    // smaller figure, so that the ratios are not flattered by a slow first measurement
    const floatFirst = time(() => c.value(F64));
    const caseRows: Omit<ConfirmRow, 'floatMs' | 'ratio'>[] = [];
    for (const scenario of ['typical', 'near-tight', 'decimal-only'] as const) {
      // typical: the float value with a wide margin; near-tight: the float value itself as the target (its shortest
      // decimal string, so that every rung reads the same number)
      const target = scenario === 'typical' ? 2 * floatValue + 1e-6 : String(floatValue);
      const q = question(c, target);
      const options = scenario === 'decimal-only' ? { rungs: ['decimal'] as const } : {};
      const r = confirm(q, options);
      const confirmMs = time(() => confirm(q, options));
      const last = r.attempts.at(-1);
      caseRows.push({ case: 'confirmation', id: c.id, what: c.what, scenario, rung: r.rung ?? null, decision: r.decision ?? null, errorBound: r.rung && last ? last.maxError : null, confirmMs });
    }
    const floatMs = Math.min(floatFirst, time(() => c.value(F64)));
    for (const row of caseRows) rows.push({ ...row, floatMs, ratio: row.confirmMs / floatMs });
  }
  return rows;
}
