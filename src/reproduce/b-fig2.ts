import { linearData } from '../cases/bstruct.ts';
import type { Impl } from '../impl/impl.ts';
import { inner, mat, zeros, type Mat } from '../linalg/mat.ts';
import { linearModel } from '../problems/linear.ts';
import { gaussian } from '../random/matrices.ts';
import { rng } from '../random/rng.ts';
import { assertion, type Assertion } from './common.ts';
import { gdVersusMuon, renderBRuns, type BObjective, type BOptimizer, type BRunRecord } from './b-fig1.ts';

/*
 * Paper B's Fig. 2 (v2; with Fig. 4's ratio): the linear model f(W) = (1/2B)‖WX − Y‖_F² (v2 (3)) on features of low
 * effective rank (MNIST, CIFAR-10 and text embeddings have "highly concentrated" singular values, v2 Fig. 2(a), Fig. 5)
 * against Gaussian features, with one-hot labels; GD with 1/L (L = ‖Λ‖_op, Λ = XXᵀ/B) against Muon, from W₀ = 0; the
 * gap f(W_t) − f* and the ratio R_t = ‖∇f‖_*²L_t/(‖∇f‖_F²J_t) of condition (7) along both trajectories, with
 * H = I_c ⊗ Λ (vec(E)ᵀH vec(E) = tr(EΛEᵀ)). Synthetic stand-ins for the data: X = (rank-2 product + 1 % noise) or
 * Gaussian, labels one-hot of a random linear teacher. f* from the normal equations (Λ's pseudo-inverse).
 */

export interface BFig2Settings {
  readonly c: number;
  readonly d: number;
  readonly B: number;
  readonly steps: number;
  readonly seed: number;
  readonly muonGrid: readonly number[];
  readonly early: number;
  /** The data sets, in the order (low effective rank, Gaussian). */
  readonly data: readonly { readonly label: string; readonly xRank: 'low' | 'full' }[];
}

export const BFIG2: BFig2Settings = {
  c: 5,
  d: 20,
  B: 200,
  steps: 600,
  seed: 1,
  muonGrid: [-2, -1, 0, 1],
  early: 1e-2,
  data: [
    { label: 'X of low effective rank (rank 2 + 1 % noise)', xRank: 'low' },
    { label: 'X Gaussian', xRank: 'full' },
  ],
};

export interface BFig2Data {
  readonly name: 'B.Fig2';
  readonly settings: BFig2Settings;
  readonly runs: BRunRecord[];
  /** Per data set: ‖Λ‖_op, ‖Λ‖_*, L_* (top min(c, d) eigenvalues), f*, effective rank ‖Λ‖_* / ‖Λ‖_op. */
  readonly constants: { data: string; opL: number; nucL: number; Lstar: number; fstar: number; effRank: number }[];
  readonly elapsedMs: number;
}

/** One-hot labels of a random teacher: Y[:, j] = e_{argmax_i (W_teacher X)_{ij}}. */
function oneHot(X: Mat<number>, c: number, seed: string): Mat<number> {
  const Wt = gaussian(rng(seed), c, X.rows);
  const out = new Array<number>(c * X.cols).fill(0);
  for (let j = 0; j < X.cols; j++) {
    let best = 0;
    let bestV = -Infinity;
    for (let i = 0; i < c; i++) {
      let v = 0;
      for (let l = 0; l < X.rows; l++) v += Wt.data[i * X.rows + l] * X.data[l * X.cols + j];
      if (v > bestV) [best, bestV] = [i, v];
    }
    out[best * X.cols + j] = 1;
  }
  return mat(c, X.cols, out);
}

export function runBFig2(s: BFig2Settings, impl: Impl): BFig2Data {
  const started = performance.now();
  const la = impl.float;
  const F = la.F;
  const runs: BRunRecord[] = [];
  const constants: BFig2Data['constants'] = [];
  for (const [i, ds] of s.data.entries()) {
    const { X } = linearData({ c: s.c, d: s.d, B: s.B, xRank: ds.xRank, k: 2, noise: 0, seed: `${s.seed}:${i}` });
    const Y = oneHot(X, s.c, `${s.seed}:${i}:teacher`);
    const p = linearModel(la, X, Y);
    const { values, vectors } = la.eigh(p.Lambda);
    const opL = values[0];
    const nucL = values.reduce((a, x) => a + Math.max(x, 0), 0);
    const Lstar = values.slice(0, Math.min(s.c, s.d)).reduce((a, x) => a + Math.max(x, 0), 0);
    // f* = f(W_opt), W_opt = (YXᵀ/B)Λ⁺ (eigenvalues below 1e-12·‖Λ‖ cut).
    const YXt = la.matmulNT(Y, X);
    const d = s.d;
    const pinv = new Array<number>(d * d).fill(0);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) {
      let v = 0;
      for (let l = 0; l < d; l++) if (values[l] > 1e-12 * opL) v += (vectors.data[a * d + l] * vectors.data[b * d + l]) / values[l];
      pinv[a * d + b] = v;
    }
    const Wopt = mat(s.c, d, la.matmul(YXt, mat(d, d, pinv)).data.map((x) => x / s.B));
    const fstar = p.loss(Wopt);
    const obj: BObjective = { la, loss: p.loss, grad: p.grad, hess: (E) => inner(F, E, la.matmul(E, p.Lambda)), fstar };
    runs.push(...gdVersusMuon(impl, obj, ds.label, zeros(F, s.c, s.d), Wopt, opL, Lstar, s));
    constants.push({ data: ds.label, opL, nucL, Lstar, fstar, effRank: nucL / opL });
  }
  return { name: 'B.Fig2', settings: s, runs, constants, elapsedMs: Math.round(performance.now() - started) };
}

const fmt = (x: number | null): string => (x === null ? '∞' : Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-2 && x !== 0) ? x.toExponential(2) : String(Number(x.toPrecision(3))));

/**
 * The qualitative statements (claim B.Fig2): with features of low effective rank the best constant-step Muon ends
 * below GD after T steps and R_t > 1 (median) along Muon's trajectory (condition (7): Muon's step is the better one;
 * v2 Fig. 4 shows it along Muon's run); with Gaussian features (B ≫ d, Λ ≈ I) GD ends no higher and R_t ≤ 1 (median)
 * along both. Measured, not asserted: R_t along GD's run with low-rank features (0.91 at the figure's seed).
 */
export function assessBFig2(data: BFig2Data): Assertion[] {
  const [low, gauss] = data.settings.data.map((x) => x.label);
  const pick = (pr: string, o: BOptimizer): BRunRecord | undefined => data.runs.find((r) => r.problem === pr && r.optimizer === o);
  const out: Assertion[] = [];
  const T = data.settings.steps;
  const lm = pick(low, 'muon');
  const lg = pick(low, 'gd')!;
  if (lm) out.push(assertion('B.Fig2', `${low}: after T = ${T} steps Muon (best constant η) is below GD`, lm.finalGap, lg.finalGap, `f − f*: Muon ${fmt(lm.finalGap)}, GD ${fmt(lg.finalGap)}; ‖Λ‖_*/‖Λ‖_op = ${fmt(data.constants[0].effRank)}`, { strict: true }));
  const la = pick(low, 'muon-adaptive')!;
  out.push(assertion('B.Fig2', `${low}: median R_t > 1 along the Muon run (condition (7), v2 Fig. 4)`, 1, la.medianRatio, `median R_t = ${fmt(la.medianRatio)} (η_t = ‖∇f‖_*/L_*); along GD ${fmt(lg.medianRatio)} (not asserted)`, { strict: true }));
  const gm = pick(gauss, 'muon');
  const gg = pick(gauss, 'gd')!;
  if (gm) out.push(assertion('B.Fig2', `${gauss}: the advantage disappears (after T steps GD ≤ Muon)`, gg.finalGap, gm.finalGap, `f − f*: GD ${fmt(gg.finalGap)}, Muon ${fmt(gm.finalGap)}; ‖Λ‖_*/‖Λ‖_op = ${fmt(data.constants[1].effRank)}`));
  for (const o of ['muon-adaptive', 'gd'] as const) {
    const r = pick(gauss, o)!;
    out.push(assertion('B.Fig2', `${gauss}: median R_t ≤ 1 along the ${o === 'gd' ? 'GD' : 'Muon'} run`, r.medianRatio, 1, `median R_t = ${fmt(r.medianRatio)}`));
  }
  return out;
}

export function bFig2Lines(data: BFig2Data): string[] {
  const s = data.settings;
  return [
    '**Settings (ours: synthetic stand-ins for the data of v2 Fig. 2)',
    `f(W) = (1/2B)‖WX − Y‖_F², W ∈ ℝ^{${s.c}×${s.d}}, B = ${s.B}, Y one-hot of a random linear teacher, W₀ = 0, T = ${s.steps}; seed ${s.seed}`,
    ...s.data.map((x, i) => `${x.label}: ‖Λ‖_op = ${fmt(data.constants[i].opL)}, ‖Λ‖_* = ${fmt(data.constants[i].nucL)} (ratio ${fmt(data.constants[i].effRank)}), L_* = ${fmt(data.constants[i].Lstar)}, f* = ${fmt(data.constants[i].fstar)}`),
    `GD: η = 1/‖Λ‖_op;  Muon (exact msign): η_t = ‖∇f(W_t)‖_*/L_*, and the constant η = D₀·2^k/T, k ∈ {${s.muonGrid.join(', ')}}, ending lowest`,
    `early target: ${s.early} of f(W₀) − f*;  R_t = ‖∇f‖_*²L_t/(‖∇f‖_F²J_t), H = I_c ⊗ Λ (v2 Fig. 4's quantity)`,
  ];
}

export function renderBFig2(data: BFig2Data): string {
  return renderBRuns('Paper B, Fig. 2 (reproduced) — linear model: features of low effective rank vs Gaussian', data, data.settings.data.map((x) => x.label), bFig2Lines(data));
}
