import { exactField } from '../arith/exact.ts';
import type { Field } from '../arith/field.ts';
import { float64 } from '../arith/float64.ts';
import type { Impl } from '../impl/impl.ts';
import type { LinAlg } from '../linalg/backend.ts';
import { axpy, convert, inner, mat, scale, type Mat } from '../linalg/mat.ts';
import { NS5_COEFFICIENTS } from '../linalg/ns5.ts';
import type { Optimizer } from '../optimizers/index.ts';
import type { QuadBProblem } from '../problems/quadB.ts';
import type { QuadBCase } from '../generators/quadB.ts';

/*
 * The runs of paper B's claims through the implementation under test: P.quadB over a field (float64, or decimal at
 * CONFIRM_PRECISION digits for the re-check of a float failure — msign and norms need square roots, so there it is
 * high precision, not exact), its smoothness constants from the spectrum Q was built from, the Muon/GD loop, and the
 * NS5 scalar map p⁵ with the catalogue's facts about it (B.NS5), used by B.descent and B.T41 as NS5's hypotheses.
 * The cases themselves are drawn in src/generators/quadB.ts.
 */

export const CONFIRM_PRECISION = 40;
/** Unit roundoff of float64: the data of every case was formed in float64, whatever field re-checks it. */
export const U64 = 2 ** -53;

/** A matrix of a case (plain numbers) in the field: itself in float64, its exact value otherwise. */
export const toField = <T>(F: Field<T>, A: Mat<number>): Mat<T> => (F.kind === 'float64' ? (A as unknown as Mat<T>) : convert(float64, F, A));

/** Independent smoothness constants from the spectrum Q was built from (B.smooth): L = 2λ_max, L_* = 2Σ_{i≤r}λ_i. */
export function constants(c: Pick<QuadBCase, 'm' | 'n' | 'lambdas'>): { L: number; Lstar: number; r: number } {
  const r = Math.min(c.m, c.n);
  const L = 2 * c.lambdas[0];
  let s = 0;
  for (let i = 0; i < r; i++) s += c.lambdas[i];
  return { L, Lstar: 2 * s, r };
}

/** Q in the field: the float matrix itself, or (re-check) B diag(λ) Bᵀ formed in the field, exactly PSD, mirrored. */
export function qIn<T>(F: Field<T>, c: Pick<QuadBCase, 'm' | 'rankQ' | 'lambdas' | 'basis' | 'Q'>): Mat<T> {
  if (F.kind === 'float64') return c.Q as unknown as Mat<T>;
  const B = toField(F, c.basis);
  const l = c.lambdas.map((x) => F.of(x));
  const m = c.m;
  const out = new Array<T>(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      let s = F.zero;
      for (let k = 0; k < c.rankQ; k++) s = F.add(s, F.mul(l[k], F.mul(B.data[i * m + k], B.data[j * m + k])));
      out[i * m + j] = s;
      out[j * m + i] = s;
    }
  }
  return mat(m, m, out);
}

/** P.quadB of the case over the context's field, built with the implementation under test. */
export function quadBProblem<T>(k: { readonly impl: Impl; readonly la: LinAlg<T> }, c: QuadBCase): QuadBProblem<T> {
  return k.impl.problems.quadB(k.la, qIn(k.la.F, c), toField(k.la.F, c.Wstar));
}

/**
 * What every check on a P.quadB case starts from: the problem over the context's field, W_0 in that field, and the
 * constants from the spectrum Q was built from (L, L_*, r = min(m, n), λ_max).
 */
export function onQuadB<T>(k: { readonly impl: Impl; readonly la: LinAlg<T> }, c: QuadBCase): { p: QuadBProblem<T>; W0: Mat<T>; L: number; Lstar: number; r: number; lmax: number } {
  return { p: quadBProblem(k, c), W0: toField(k.la.F, c.W0), ...constants(c), lmax: c.lambdas[0] };
}

/** tr(EᵀQE) = ½·vec(E)ᵀ H vec(E) for P.quadB (H = 2(I_n ⊗ Q), column-stacking vec). */
export function quadForm<T>(la: LinAlg<T>, Q: Mat<T>, E: Mat<T>): T {
  return inner(la.F, E, la.matmul(Q, E));
}

/** f(W − ηD) in the field. */
export function lossAfter<T>(p: QuadBProblem<T>, W: Mat<T>, eta: T, D: Mat<T>): T {
  return p.loss(axpy(p.la.F, W, p.la.F.neg(eta), D));
}

export interface Loop<T> {
  readonly W: Mat<T>[];
  readonly G: Mat<T>[];
  readonly D: Mat<T>[];
  readonly etas: T[];
  readonly losses: T[];
  readonly status: 'completed' | 'nonfinite';
}

/**
 * W_{t+1} = W_t − η_t D_t for T steps with the optimizer's direction D_t (taken from the implementation under test,
 * so planted bugs reach it) and a step size that may depend on the gradient (B.T411: η_t = ‖∇f(W_t)‖_{*}/L_{*}).
 * Keeps W_t, G_t, D_t.
 */
export function loop<T>(p: QuadBProblem<T>, opt: Optimizer, W0: Mat<T>, T: number, eta: (G: Mat<T>, t: number) => T): Loop<T> {
  const F = p.la.F;
  const stepper = opt.start(p.la, W0);
  const W = [W0];
  const G: Mat<T>[] = [];
  const D: Mat<T>[] = [];
  const etas: T[] = [];
  const losses = [p.loss(W0)];
  for (let t = 0; t < T; t++) {
    const g = p.grad(W[t]);
    const e = eta(g, t);
    const d = stepper.direction(W[t], g);
    const next = axpy(F, W[t], F.neg(e), d);
    const l = p.loss(next);
    G.push(g);
    D.push(d);
    etas.push(e);
    if (!F.isFinite(l)) return { W, G, D, etas, losses, status: 'nonfinite' };
    W.push(next);
    losses.push(l);
  }
  G.push(p.grad(W[T]));
  return { W, G, D, etas, losses, status: 'completed' };
}

export const rankBin = (c: Pick<QuadBCase, 'm' | 'rankQ'>): string => (c.rankQ === 1 ? 'rank 1' : c.rankQ === c.m ? 'full rank' : 'low rank');
export const RANK_BINS = ['rank 1', 'low rank', 'full rank'] as const;

/**
 * The implementation under test with Muon's direction multiplied by k: a run with kη while a check's bound keeps the
 * prescribed η (B.T41's probe that drops the step size).
 */
export function muonStepTimes(base: Impl, k: number): Impl {
  return {
    ...base,
    name: `${base.name}+eta×${k}`,
    optimizers: {
      ...base.optimizers,
      muon: (o) => {
        const real = base.optimizers.muon(o);
        return {
          ...real,
          start: (la, X0) => {
            const s = real.start(la, X0);
            return { direction: (X, G) => scale(la.F, la.F.of(k), s.direction(X, G)) };
          },
        };
      },
    },
  };
}

/* ---------- the NS5 scalar map (B Alg. 3) and the catalogue's facts about it (B.NS5) ---------- */

/** The catalogue's computed facts (B.NS5), to the digits given there. */
export const NS5_BAND_LO = 0.6818;
export const NS5_BAND_HI = 1.1344;
export const NS5_SUP = 1.2024;
export const NS5_TINY = 1.5e-3;

/** c_lo of the NS5 form: p⁵ ≥ 0.6818 on the band; directions below 0.01(‖G‖_F + ε) carry ≤ 0.01r(1 + 1e-4) of ‖G‖_*. */
export const ns5Clo = (r: number): number => NS5_BAND_LO * (1 - 0.01 * r * (1 + 1e-4));

/** p(x) = a x + b x³ + c x⁵ iterated `steps` times: NS5 acts on each singular value x = s/(‖G‖_F + 1e-7) by it. */
export function p5<T>(F: Field<T>, x: T, steps = 5): T {
  const a = F.of(NS5_COEFFICIENTS.a);
  const b = F.of(NS5_COEFFICIENTS.b);
  const c = F.of(NS5_COEFFICIENTS.c);
  let y = x;
  for (let i = 0; i < steps; i++) {
    const y2 = F.mul(y, y);
    y = F.mul(y, F.add(a, F.mul(y2, F.add(b, F.mul(c, y2)))));
  }
  return y;
}

export interface Ns5ScalarFacts {
  /** min and max of p⁵ over [0.01(1 − 1e-4), 1], with where. */
  readonly bandMin: number;
  readonly bandMinAt: number;
  readonly bandMax: number;
  readonly bandMaxAt: number;
  /** sup of p⁵ over (0, 1]. */
  readonly sup: number;
  readonly supAt: number;
  /** The x below which p⁵ < 0.6818 (p⁵ increases on [0, 0.004]). */
  readonly tinyEdge: number;
}

/** p⁵ and its derivative Π p'(y_k) in float64, to locate the critical points. */
function p5d(x: number): [number, number] {
  const a = Number(NS5_COEFFICIENTS.a);
  const b = Number(NS5_COEFFICIENTS.b);
  const c = Number(NS5_COEFFICIENTS.c);
  let y = x;
  let d = 1;
  for (let i = 0; i < 5; i++) {
    const y2 = y * y;
    d *= a + 3 * b * y2 + 5 * c * y2 * y2;
    y = y * (a + y2 * (b + c * y2));
  }
  return [y, d];
}

let facts: Ns5ScalarFacts | undefined;

/**
 * The facts of B.NS5 on the scalar map, measured once in high precision: the critical points of p⁵ located on a grid
 * and refined, then p⁵ evaluated at CONFIRM_PRECISION digits at them and at the ends.
 */
export function ns5ScalarFacts(): Ns5ScalarFacts {
  if (facts) return facts;
  const D = exactField(CONFIRM_PRECISION);
  const at = (x: number): number => D.toNumber(p5(D, D.of(x)));
  // Candidates for the extremes on [lo, hi]: the ends and every zero of (p⁵)' — found as sign changes on a grid of
  // 2·10⁵ points (p⁵ has few oscillations there) and refined by bisection to full float precision.
  const extremes = (lo: number, hi: number): { min: number; minAt: number; max: number; maxAt: number } => {
    const N = 200_000;
    const cand = [lo, hi];
    let prev = p5d(lo)[1];
    for (let i = 1; i <= N; i++) {
      const x = lo + ((hi - lo) * i) / N;
      const d = p5d(x)[1];
      if (Math.sign(d) !== Math.sign(prev)) {
        let a = lo + ((hi - lo) * (i - 1)) / N;
        let b = x;
        for (let j = 0; j < 80; j++) {
          const c = (a + b) / 2;
          if (Math.sign(p5d(c)[1]) === Math.sign(p5d(a)[1])) a = c;
          else b = c;
        }
        cand.push((a + b) / 2);
      }
      prev = d;
    }
    let min = Infinity;
    let max = -Infinity;
    let minAt = lo;
    let maxAt = lo;
    for (const x of cand) {
      const y = at(x);
      if (y < min) [min, minAt] = [y, x];
      if (y > max) [max, maxAt] = [y, x];
    }
    return { min, minAt, max, maxAt };
  };
  const band = extremes(0.01 * (1 - 1e-4), 1);
  const all = extremes(1e-12, 1);
  // p⁵ is increasing on [0, 0.004] (its first critical point is the sup at x ≈ 0.0041): bisect p⁵ = 0.6818 there.
  let a = 0;
  let b = 0.004;
  for (let j = 0; j < 80; j++) {
    const c = (a + b) / 2;
    if (at(c) < NS5_BAND_LO) a = c;
    else b = c;
  }
  facts = { bandMin: band.min, bandMinAt: band.minAt, bandMax: band.max, bandMaxAt: band.maxAt, sup: all.max, supAt: all.maxAt, tinyEdge: a };
  return facts;
}
