/*
 * A.T1a's erratum generalised: which α(C) land an eigendirection of Muon on MF (Theorem 1(a)) exactly on 0.
 *
 *   nice -n 10 npx tsx scripts/t1a-landing.ts [--depth 3] [--grid 64]
 *
 * 1. The landing table. Along the aligned trajectory every eigendirection follows the scalar recursion (27),
 *    σ_{t+1} = σ_t − η_t sign(σ_t³ − λ_iσ_t), η_t = C√λ_max ρ^t, σ_0 = α. In units of η_0, s_t = σ_t/(C√λ_max),
 *    a = α/(C√λ_max) ∈ (0, 1], q = √λ_i/(C√λ_max) ∈ [0, 1/C):
 *        s_0 = a,  s_{t+1} = s_t − ρ^t·sgn(s_t)·sgn(s_t² − q²),
 *    and σ_{t+1} = 0 exactly when |s_t| = ρ^t > q (|σ_t| equals the step and lies above √λ_i). Walking back from
 *    s_t = ±ρ^t, every landing value of a is a ±1-polynomial in ρ, a = Σ_{j≤t} δ_j ρ^j, valid for the q in an
 *    interval fixed by the sign tests along the way. Printed for t < depth and a few ρ, in exact rationals.
 * 2. The witnesses, exact: the scalar recursion in Q for each eigendirection, and the fraction of C ∈ (1, 2) (on a
 *    grid of `grid` rationals) for which the same α(C) lands a direction with λ_i > 0 on 0 (for α ∝ C), against the
 *    C that do so for α fixed (independent of C: isolated points, Lemma 1).
 * 3. The pinned witnesses through the claim's own check: float64 and the confirm field (decimal, 40 and 80 digits),
 *    and the whole matrix run in Q (bigint fractions; √ only of perfect squares, counted otherwise).
 */
import claim, { type T1aCase } from '../src/claims/catalogue/A.T1a.ts';
import { rationalField, type Rat } from '../src/arith/rational.ts';
import { reference } from '../src/impl/impl.ts';
import { mat } from '../src/linalg/mat.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const depth = Number(args.get('depth') ?? 3);
const grid = Number(args.get('grid') ?? 64);
const Q = rationalField();
const frac = (s: string): Rat => {
  const [n, d] = s.split('/');
  return d === undefined ? Q.of(n!) : Q.div(Q.of(n!), Q.of(d));
};
const show = (x: Rat): string => (x.d === 1n ? `${x.n}` : `${x.n}/${x.d}`);
const pow = (x: Rat, t: number): Rat => {
  let r = Q.one;
  for (let i = 0; i < t; i++) r = Q.mul(r, x);
  return r;
};
const sgn = (x: Rat): number => Q.cmp(x, Q.zero);

/** "1 − ρ + ρ²" from δ_0 … δ_t. */
function poly(delta: readonly number[]): string {
  const term = (j: number): string => (j === 0 ? '1' : j === 1 ? 'ρ' : `ρ^${j}`);
  return delta
    .map((s, j) => ({ s, j }))
    .filter(({ s }) => s !== 0)
    .map(({ s, j }, i) => `${i === 0 ? (s < 0 ? '−' : '') : s < 0 ? ' − ' : ' + '}${term(j)}`)
    .join('');
}

interface Landing {
  readonly t: number;
  readonly delta: number[];
  readonly a: Rat;
  /** q ∈ (lo, hi): the directions (√λ_i/(C√λ_max) = q) this α lands on 0 at step t + 1. */
  readonly lo: Rat;
  readonly hi: Rat;
}

/**
 * Every a ∈ (0, 1] whose recursion first reaches s_{t+1} = 0 at this t, with the q-interval where the sign tests
 * along the way hold (open: a tie |s_j| = q is the fixed point √λ_i, no landing).
 */
function landings(rho: Rat, t: number): Landing[] {
  const out: Landing[] = [];
  // Walk back from s_t = ±ρ^t (|s_t| > q), choosing s_j = s_{j+1} + e·ρ^j with e = sgn(s_j)·sgn(s_j² − q²).
  const walk = (j: number, s: Rat, delta: number[], lo: Rat, hi: Rat): void => {
    if (Q.cmp(lo, hi) >= 0) return;
    if (j < 0) {
      if (sgn(s) > 0 && Q.cmp(s, Q.one) <= 0) out.push({ t, delta: [...delta], a: s, lo, hi });
      return;
    }
    for (const e of [1, -1]) {
      const sj = Q.add(s, Q.mul(Q.of(e), pow(rho, j)));
      if (sgn(sj) === 0) continue; // s_j = 0 would be an earlier landing (or σ₀ = 0)
      const above = e * sgn(sj) > 0; // sgn(s_j² − q²) = e·sgn(s_j): above means |s_j| > q
      const m = Q.abs(sj);
      // above: q < |s_j| (hi shrinks to |s_j|); below: q > |s_j| (lo grows to |s_j|)
      const nlo = !above && Q.cmp(m, lo) > 0 ? m : lo;
      const nhi = above && Q.cmp(m, hi) < 0 ? m : hi;
      // s_{j+1} = s_j − e·ρ^j, so a = s_0 = s_t + Σ_j e_j ρ^j: δ_j = e
      const nd = [...delta];
      nd[j] = e;
      walk(j - 1, sj, nd, nlo, nhi);
    }
  };
  for (const sign of [1, -1]) {
    const st = Q.mul(Q.of(sign), pow(rho, t));
    const delta: number[] = new Array(t + 1).fill(0);
    delta[t] = sign;
    walk(t - 1, st, delta, Q.zero, pow(rho, t)); // |s_t| = ρ^t > q
  }
  return out;
}

console.log(`# 1. Landing table: a = α/(C√λ_max) that sends σ_{t+1} = 0 for the directions with q = √λ_i/(C√λ_max) in (lo, hi)\n`);
for (const r of ['1/2', '3/5', '2/3', '3/4', '9/10']) {
  const rho = frac(r);
  console.log(`ρ = ${r}`);
  for (let t = 0; t < depth; t++) {
    for (const l of landings(rho, t)) {
      console.log(`  σ_${t + 1} = 0:  a = ${poly(l.delta).padEnd(22)} = ${show(l.a).padEnd(10)} (${Q.toNumber(l.a).toFixed(6)}),  q ∈ (${show(l.lo)}, ${show(l.hi)}),  i.e. λ_i/λ_max ∈ (C²·${Q.toNumber(Q.mul(l.lo, l.lo)).toPrecision(4)}, C²·${Q.toNumber(Q.mul(l.hi, l.hi)).toPrecision(4)})`);
    }
  }
}

/** (27) in Q for one direction: σ_0 … σ_n. */
function scalar(alpha: Rat, lambda: Rat, C: Rat, rho: Rat, sqrtLmax: Rat, n: number): Rat[] {
  const s = [alpha];
  let eta = Q.mul(C, sqrtLmax);
  for (let t = 0; t < n; t++) {
    const x = s[t]!;
    const g = Q.sub(Q.mul(Q.mul(x, x), x), Q.mul(lambda, x));
    s.push(Q.sub(x, Q.mul(eta, Q.of(sgn(g)))));
    eta = Q.mul(eta, rho);
  }
  return s;
}

interface Witness {
  readonly name: string;
  readonly lambdas: string[];
  readonly rho: string;
  readonly C: string;
  /** α as a function of C, and its name. */
  readonly alphaOf: (C: Rat) => Rat;
  readonly alphaText: string;
  readonly d: number;
  readonly k: number;
}

const W: Witness[] = [
  { name: 'W1 (d = k = 1)', d: 1, k: 1, lambdas: ['1'], rho: '3/4', C: '15/8', alphaOf: (C) => Q.mul(frac('5/16'), C), alphaText: 'α = (ρ² + ρ − 1)·C√λ_max = (5/16)·C' },
  { name: 'W2 (d = 3, k = 5, r = 2)', d: 3, k: 5, lambdas: ['1', '1/16', '0'], rho: '1/2', C: '3/2', alphaOf: (C) => Q.mul(frac('1/2'), C), alphaText: 'α = (1 − ρ)·C√λ_max = C/2' },
];

console.log(`\n# 2. Witnesses in Q: (27) per eigendirection, and the C ∈ (1, 2) that land a direction with λ_i > 0 on 0 (grid of ${grid})\n`);
for (const w of W) {
  const rho = frac(w.rho);
  const C = frac(w.C);
  const alpha = w.alphaOf(C);
  console.log(`${w.name}: λ = (${w.lambdas.join(', ')}), ρ = ${w.rho}, C = ${w.C}, ${w.alphaText} = ${show(alpha)}`);
  for (const l of w.lambdas) {
    const s = scalar(alpha, frac(l), C, rho, Q.one, 8);
    console.log(`  λ_i = ${l}: σ_0…σ_8 = ${s.map(show).join(', ')}${sgn(s[s.length - 1]!) === 0 && l !== '0' ? '   ← on 0: stuck, error ≥ λ_i for ever' : ''}`);
  }
  const hits = (alphaOf: (C: Rat) => Rat): Rat[] => {
    const out: Rat[] = [];
    for (let i = 1; i < grid; i++) {
      const c = Q.add(Q.one, Q.div(Q.of(i), Q.of(grid)));
      const a = alphaOf(c);
      if (Q.cmp(a, c) > 0) continue; // α ≤ C√λ_max
      if (w.lambdas.some((l) => sgn(frac(l)) > 0 && scalar(a, frac(l), c, rho, Q.one, 40).some((x) => sgn(x) === 0))) out.push(c);
    }
    return out;
  };
  const moving = hits(w.alphaOf);
  console.log(`  α ∝ C (${w.alphaText}): ${moving.length} of ${grid - 1} grid values of C ∈ (1, 2) land a direction with λ_i > 0 on 0 within 40 steps${moving.length ? ` (from C = ${show(moving[0]!)} to ${show(moving[moving.length - 1]!)})` : ''}`);
  const fixed = hits(() => alpha);
  console.log(`  α = ${show(alpha)} fixed (independent of C): ${fixed.length} of ${grid - 1}: ${fixed.map(show).join(', ') || 'none'} — isolated critical values (Lemma 1: countably many, probability 0)`);
}

console.log(`\n# 3. The pinned witnesses through A.T1a's check (float64, decimal 40/80) and the matrix run in Q\n`);
const eye = (rows: number, cols: number): { rows: number; cols: number; data: number[] } => ({ rows, cols, data: Array.from({ length: rows * cols }, (_, i) => (Math.floor(i / cols) === i % cols ? 1 : 0)) });
function caseOf(w: Witness, eps = 1e-4): T1aCase {
  const lambdas = w.lambdas.map((l) => Q.toNumber(frac(l))).filter((l) => l > 0);
  const r = lambdas.length;
  const M = { rows: w.d, cols: w.d, data: Array.from({ length: w.d * w.d }, (_, i) => (Math.floor(i / w.d) === i % w.d ? Q.toNumber(frac(w.lambdas[i % w.d]!)) : 0)) };
  const C = Q.toNumber(frac(w.C));
  const a = Q.toNumber(Q.div(w.alphaOf(frac(w.C)), frac(w.C)));
  return { d: w.d, k: w.k, r, kappa: lambdas[0]! / lambdas[r - 1]!, pattern: 'geometric', seed: 0, lambdas, V: mat(w.d, r, eye(w.d, r).data), M: mat(w.d, w.d, M.data), O: mat(w.d, w.k, eye(w.d, w.k).data), rho: Q.toNumber(frac(w.rho)), C, a, eps } as T1aCase;
}
for (const w of W) {
  const c = caseOf(w);
  console.log(`${w.name}: case ${JSON.stringify({ d: c.d, k: c.k, r: c.r, lambdas: c.lambdas, rho: c.rho, C: c.C, a: c.a, eps: c.eps })}`);
  for (const mode of ['float', 'exact'] as const) {
    const t0 = Date.now();
    const o = mode === 'float' ? claim.check(c, { mode, impl: reference }) : claim.confirm!(c, { mode: 'exact', impl: reference });
    const fails = o.bounds.filter((b) => !b.holds);
    console.log(`  ${mode === 'float' ? 'float64      ' : 'decimal 40/80'}: ${fails.length ? `violated: ${fails.map((b) => `${b.name}: ${b.lhs} > ${b.rhs}`).join('; ')}` : 'holds'}${o.inconclusive ? ` (inconclusive: ${o.inconclusive})` : ''} (${Date.now() - t0} ms)`);
  }
  // The whole matrix iteration (6) in Q: U₀ = αO, G = (UUᵀ − M*)U, msign through the generic backend. Only the
  // iterates are formed (no norms, whose √ of non-squares Q would count); U_T's residual is then read exactly.
  const F = rationalField();
  const T = 12;
  const la = reference.over(F);
  const toQ = (A: { rows: number; cols: number; data: readonly number[] }) => mat(A.rows, A.cols, A.data.map((x) => F.of(String(x))));
  const problem = reference.problems.mf(la, { V: toQ(c.V), lambdas: c.lambdas.map((l) => F.of(String(l))) }, c.k);
  const x0 = mat(c.d, c.k, toQ(c.O).data.map((x) => F.mul(F.of(String(c.a * c.C)), x)));
  const tr = reference.run({ problem, optimizer: reference.optimizers.muon(), schedule: reference.schedules.geo({ rho: String(c.rho), C: String(c.C) }), x0, steps: T, residualNorms: false });
  const inexact = F.inexact;
  const R = problem.residual(tr.final);
  const diag = Array.from({ length: c.d }, (_, i) => show(R.data[i * c.d + i]!));
  const off = R.data.filter((x, i) => Math.floor(i / c.d) !== i % c.d && sgn(x) !== 0).length;
  console.log(`  Q (bigint fractions), ${T} steps of (6): inexact √ in the run: ${inexact}; U_TU_Tᵀ − M* = diag(${diag.join(', ')}), ${off} non-zero off-diagonal entries: ‖U_TU_Tᵀ − M*‖ = ${diag.map((x) => Math.abs(Q.toNumber(frac(x)))).reduce((m, x) => Math.max(m, x), 0)}`);
}
