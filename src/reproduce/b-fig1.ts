import { runOn } from '../cases/bstruct.ts';
import type { Impl } from '../impl/impl.ts';
import { inner, sub, zeros, type Mat } from '../linalg/mat.ts';
import { frobenius, nuclear, spectral } from '../linalg/norms.ts';
import { haar } from '../random/matrices.ts';
import { gaussian } from '../random/matrices.ts';
import { rng } from '../random/rng.ts';
import { mat } from '../linalg/mat.ts';
import { assertion, type Assertion } from './common.ts';
import { PALETTE, linePanel, svgDocument, textBlock } from './plot.ts';
import { thin } from './runner.ts';

/*
 * Paper B's Fig. 1 (v2; settings in its App. E, not in the seeds): the quadratic f(W) = tr((W − W*)ᵀQ(W − W*)) with a
 * low-rank Q and with a full-rank Q, GD with the optimal constant step 1/L against Muon with the constant step of a
 * grid that ends lowest after T steps ("the stepsize for Muon such that Muon can converge in T iterations with the best
 * function value", seed 004 on Fig. 5), both from W₀ = 0; f(W_t) − f* against t, and beside it the one-step ratio
 * R_t = ‖∇f‖_*²L_t/(‖∇f‖_F²J_t) of condition (7) (v2 Fig. 4's quantity; B.cond7: Muon's best step beats GD's iff
 * R_t ≥ 1), L_t = vec(G)ᵀH vec(G)/‖G‖_F², J_t = vec(UVᵀ)ᵀH vec(UVᵀ), H = 2(I_n ⊗ Q).
 * Synthetic stand-in; our sizes and spectra (printed on the figure).
 */

export interface BQuadSetting {
  readonly label: string;
  /** Q's eigenvalues: λ_1 = 1 and m − 1 more, either all `tail` (approximately low rank: ‖Q‖_* ≈ ‖Q‖_op) or uniform on [1/κ, 1]. */
  readonly spectrum: { readonly kind: 'spike'; readonly tail: number } | { readonly kind: 'uniform'; readonly kappa: number };
}

export interface BFig1Settings {
  readonly m: number;
  readonly n: number;
  readonly steps: number;
  readonly seed: number;
  readonly problems: readonly BQuadSetting[];
  /** Muon's grid: η = D₀·2^k/T, D₀ = ‖W₀ − W*‖_op, k in this list. */
  readonly muonGrid: readonly number[];
  /** "Early phase": the relative gap (f(W_t) − f*)/(f(W₀) − f*) both runs are timed to. */
  readonly early: number;
}

export const BFIG1: BFig1Settings = {
  m: 10,
  n: 10,
  steps: 600,
  seed: 1,
  problems: [
    { label: 'low effective rank Q (λ = 1, 0.01, …)', spectrum: { kind: 'spike', tail: 0.01 } },
    { label: 'full-rank Q (uniform on [2/3, 1])', spectrum: { kind: 'uniform', kappa: 1.5 } },
  ],
  muonGrid: [-2, -1, 0, 1, 2],
  early: 1e-2,
};

/** One run of a B figure, as stored and drawn. */
export type BOptimizer = 'gd' | 'muon' | 'muon-adaptive';
export const B_LABEL: Readonly<Record<BOptimizer, string>> = { gd: 'GD, η = 1/L', muon: 'Muon, best constant η', 'muon-adaptive': 'Muon, η_t = ‖∇f‖_*/L_*' };

export interface BRunRecord {
  readonly problem: string;
  readonly optimizer: BOptimizer;
  readonly eta: number;
  /** First t with (f(W_t) − f*) ≤ early·(f(W₀) − f*), or null. */
  readonly itersToEarly: number | null;
  readonly finalGap: number;
  readonly t: number[];
  /** f(W_t) − f* (thinned). */
  readonly gap: number[];
  /** R_t along the run (thinned), and its median over the run. */
  readonly ratioT: number[];
  readonly ratio: number[];
  readonly medianRatio: number;
}

/** A quadratic objective with Hessian form H(E) = ⟨E, 𝓗E⟩ for the ratio; everything in float64. */
export interface BObjective {
  readonly la: Impl['float'];
  loss(W: Mat<number>): number;
  grad(W: Mat<number>): Mat<number>;
  /** vec(E)ᵀH vec(E). */
  hess(E: Mat<number>): number;
  readonly fstar: number;
}

export const median = (xs: readonly number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/** Every how many steps R_t is evaluated. */
export const RATIO_EVERY = 3;

/** Runs `opt` with constant η for T steps and records the gap and R_t. */
export function recordRun(impl: Impl, obj: BObjective, problem: string, optimizer: BOptimizer, eta: number | ((G: Mat<number>) => number), W0: Mat<number>, T: number, early: number): BRunRecord {
  const F = obj.la.F;
  const p = { la: obj.la, loss: obj.loss, grad: obj.grad };
  const run = runOn(p, optimizer === 'gd' ? impl.optimizers.gd : impl.optimizers.muon(), W0, T, eta);
  const gaps = run.losses.map((l) => Math.max(l - obj.fstar, 0));
  // R_t at every `RATIO_EVERY`-th step (each costs one more msign; the curve is thinned to 300 points anyway).
  const ratios: number[] = [];
  const ratioT: number[] = [];
  for (let t = 0; t < run.G.length; t += RATIO_EVERY) {
    const G = run.G[t];
    const gF2 = inner(F, G, G);
    if (!(gF2 > 0)) break;
    const O = obj.la.msign(G);
    const gN = nuclear(F, G);
    const Lt = obj.hess(G) / gF2;
    const Jt = obj.hess(O);
    ratios.push((gN * gN * Lt) / (gF2 * Jt));
    ratioT.push(t);
  }
  const it = gaps.findIndex((g) => g <= early * gaps[0]);
  const th = thin(gaps);
  const tr = thin(ratios, 300);
  return { problem, optimizer, eta: typeof eta === 'number' ? eta : NaN, itersToEarly: it < 0 ? null : it, finalGap: gaps[gaps.length - 1], t: th.t, gap: th.e, ratioT: tr.t.map((i) => ratioT[i]), ratio: tr.e, medianRatio: median(ratios) };
}

/**
 * GD at 1/L, Muon with Theorem 4.11's step η_t = ‖∇f(W_t)‖_* / L_*, and the best Muon of the grid η = D₀·2^k/T on one
 * objective.
 */
export function gdVersusMuon(impl: Impl, obj: BObjective, problem: string, W0: Mat<number>, Wstar: Mat<number>, L: number, Lstar: number, s: { steps: number; muonGrid: readonly number[]; early: number }): BRunRecord[] {
  const F = obj.la.F;
  const D0 = spectral(F, sub(F, W0, Wstar));
  const gd = recordRun(impl, obj, problem, 'gd', 1 / L, W0, s.steps, s.early);
  const adaptive = recordRun(impl, obj, problem, 'muon-adaptive', (G) => nuclear(F, G) / Lstar, W0, s.steps, s.early);
  let best: BRunRecord | undefined;
  for (const k of s.muonGrid) {
    const r = recordRun(impl, obj, problem, 'muon', (D0 * 2 ** k) / s.steps, W0, s.steps, s.early);
    if (!best || r.finalGap < best.finalGap) best = r;
  }
  return best ? [gd, adaptive, best] : [gd, adaptive];
}

/** Q = H diag(λ) Hᵀ (H Haar) of a setting, exactly symmetric, and its eigenvalues (descending). */
export function quadQ(m: number, q: BQuadSetting, seed: string): { Q: Mat<number>; lambdas: number[] } {
  const r = rng(seed);
  const lambdas = [1, ...Array.from({ length: m - 1 }, () => (q.spectrum.kind === 'spike' ? q.spectrum.tail : 1 / q.spectrum.kappa + (1 - 1 / q.spectrum.kappa) * r.fork('spec').uniform()))];
  lambdas.sort((a, b) => b - a);
  const H = haar(r.fork('H'), m, m);
  const out = new Array<number>(m * m).fill(0);
  for (let i = 0; i < m; i++) for (let j = i; j < m; j++) {
    let v = 0;
    for (let l = 0; l < m; l++) v += lambdas[l] * H.data[i * m + l] * H.data[j * m + l];
    out[i * m + j] = v;
    out[j * m + i] = v;
  }
  return { Q: mat(m, m, out), lambdas };
}

export interface BFig1Data {
  readonly name: 'B.Fig1';
  readonly settings: BFig1Settings;
  readonly runs: BRunRecord[];
  /** Per problem: L, L_*, D_F, D_op and the bound ratio D_F²L/(D_op²L_*) (> 1: Muon's star-convex bound is smaller). */
  readonly constants: { problem: string; L: number; Lstar: number; DF: number; Dop: number; boundRatio: number }[];
  readonly elapsedMs: number;
}

export function runBFig1(s: BFig1Settings, impl: Impl): BFig1Data {
  const started = performance.now();
  const runs: BRunRecord[] = [];
  const constants: BFig1Data['constants'] = [];
  const la = impl.float;
  const F = la.F;
  for (const [i, q] of s.problems.entries()) {
    const { Q, lambdas } = quadQ(s.m, q, `${s.seed}:${i}:Q`);
    const Wstar = gaussian(rng(`${s.seed}:${i}:Wstar`), s.m, s.n);
    const p = impl.problems.quadB(la, Q, Wstar);
    const W0 = zeros(F, s.m, s.n);
    const L = 2 * lambdas[0];
    const Lstar = 2 * lambdas.slice(0, Math.min(s.m, s.n)).reduce((a, x) => a + x, 0);
    const obj: BObjective = { la, loss: p.loss, grad: p.grad, hess: (E) => 2 * inner(F, E, la.matmul(p.Q, E)), fstar: 0 };
    runs.push(...gdVersusMuon(impl, obj, q.label, W0, Wstar, L, Lstar, s));
    const D = sub(F, W0, Wstar);
    const DF = frobenius(F, D);
    const Dop = spectral(F, D);
    constants.push({ problem: q.label, L, Lstar, DF, Dop, boundRatio: (DF * DF * L) / (Dop * Dop * Lstar) });
  }
  return { name: 'B.Fig1', settings: s, runs, constants, elapsedMs: Math.round(performance.now() - started) };
}

const fmt = (x: number | null): string => (x === null ? '∞' : Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-2 && x !== 0) ? x.toExponential(2) : String(Number(x.toPrecision(3))));

/**
 * The qualitative statements of B's Fig. 1 on its data (claim B.Fig1): with the low-rank Q Muon reaches the early
 * target first; with the full-rank Q of nearly uniform spectrum it does not (the advantage disappears).
 */
export function assessBFig1(data: BFig1Data): Assertion[] {
  const out: Assertion[] = [];
  const [low, full] = data.settings.problems.map((q) => q.label);
  const pick = (pr: string, o: BOptimizer): BRunRecord => data.runs.find((r) => r.problem === pr && r.optimizer === o)!;
  const e = data.settings.early;
  const it = (r: BRunRecord): number => r.itersToEarly ?? Infinity;
  const lm = pick(low, 'muon-adaptive');
  const lg = pick(low, 'gd');
  out.push(assertion('B.Fig1', `${low}: Muon (η_t = ‖∇f‖_*/L_*) reaches ${e} of the initial gap first (iterations Muon < GD)`, it(lm), it(lg), `Muon ${fmt(lm.itersToEarly)}, GD ${fmt(lg.itersToEarly)} iterations; bound ratio D_F²L/(D_op²L_*) = ${fmt(data.constants[0].boundRatio)}`, { strict: true }));
  const fm = pick(full, 'muon-adaptive');
  const fg = pick(full, 'gd');
  out.push(assertion('B.Fig1', `${full}: the advantage disappears (iterations GD ≤ Muon)`, it(fg), it(fm), `GD ${fmt(fg.itersToEarly)}, Muon ${fmt(fm.itersToEarly)} iterations; bound ratio ${fmt(data.constants[1].boundRatio)}`));
  return out;
}

export function bFig1Lines(data: BFig1Data): string[] {
  const s = data.settings;
  return [
    '**Settings (ours: App. E of paper B is not in the seeds)',
    `f(W) = tr((W − W*)ᵀQ(W − W*)), W ∈ ℝ^{${s.m}×${s.n}}, W₀ = 0, W* Gaussian, λ_max(Q) = 1, T = ${s.steps}; seed ${s.seed}`,
    ...s.problems.map((q, i) => `${q.label}: L = ${fmt(data.constants[i].L)}, L_* = ${fmt(data.constants[i].Lstar)}, D_F²L/(D_op²L_*) = ${fmt(data.constants[i].boundRatio)}`),
    `GD: η = 1/L;  Muon (exact msign): Theorem 4.11's η_t = ‖∇f(W_t)‖_*/L_*, and the constant η = D₀·2^k/T, k ∈ {${s.muonGrid.join(', ')}}, ending lowest (D₀ = ‖W₀ − W*‖_op)`,
    `early target: ${s.early} of f(W₀) − f*`,
    `right: R_t = ‖∇f‖_*²L_t/(‖∇f‖_F²J_t) along both runs (> 1: Muon's best step beats GD's, condition (7))`,
  ];
}

/** Two rows of panels (gap, ratio), one column per problem. */
export function renderBRuns(title: string, data: { runs: BRunRecord[]; settings: { steps: number; early: number } }, problems: readonly string[], lines: readonly string[]): string {
  const W = 540;
  const H = 300;
  const x0 = 20;
  const y0 = 40;
  const parts: string[] = [];
  const letters = 'abcdefgh';
  const color: Record<BOptimizer, string> = { gd: PALETTE[1], muon: PALETTE[2], 'muon-adaptive': PALETTE[0] };
  problems.forEach((pr, c) => {
    const recs = data.runs.filter((r) => r.problem === pr);
    parts.push(
      linePanel({
        x: x0 + c * W,
        y: y0,
        width: W,
        height: H,
        title: `(${letters[c]}) ${pr}`,
        xAxis: { label: 'iteration t', min: 0, max: data.settings.steps },
        // f(W_t) − f* below 1e-14 is float64's floor (the runs that reach it exactly are drawn down to it)
        yAxis: { label: 'f(W_t) − f*', log: true, min: Math.max(1e-14, Math.min(...recs.flatMap((r) => r.gap.filter((g) => g > 0))) / 3) },
        series: recs.map((r) => ({ label: Number.isNaN(r.eta) ? B_LABEL[r.optimizer] : `${B_LABEL[r.optimizer].replace(/,.*$/, '')}, η = ${fmt(r.eta)}`, xs: r.t, ys: r.gap.map((g) => Math.max(g, 1e-14)), color: color[r.optimizer] })),
        legend: 'top-right',
      }),
    );
    parts.push(
      linePanel({
        x: x0 + c * W,
        y: y0 + H,
        width: W,
        height: H,
        title: `(${letters[problems.length + c]}) R_t along the runs`,
        xAxis: { label: 'iteration t', min: 0, max: data.settings.steps },
        yAxis: { label: '‖∇f‖_*²L_t/(‖∇f‖_F²J_t)', log: true },
        series: recs.map((r) => ({ label: B_LABEL[r.optimizer], xs: r.ratioT, ys: r.ratio, color: color[r.optimizer] })),
        hlines: [{ y: 1, label: 'R = 1' }],
        legend: 'top-right',
      }),
    );
  });
  parts.push(textBlock(x0 + 10, y0 + 2 * H + 30, lines, 12, 18));
  return svgDocument(Math.max(x0 * 2 + problems.length * W, 1100), y0 + 2 * H + 40 + lines.length * 18, title, parts);
}

export function renderBFig1(data: BFig1Data): string {
  return renderBRuns("Paper B, Fig. 1 (reproduced) — quadratic: GD with 1/L vs Muon, low-rank vs full-rank Q", data, data.settings.problems.map((q) => q.label), bFig1Lines(data));
}
