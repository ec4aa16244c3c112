import type { Impl } from '../impl/impl.ts';
import { MACHINE_PRECISION, PLATEAU, fmtValue, plateauFrom, record, slowdownBound, withinBound, type Assertion, type CurveRecord } from './common.ts';
import { PALETTE, linePanel, svgDocument, textBlock, superscript } from './plot.ts';
import { fastRun, mfInstance, optimizerOf, OPTIMIZER_LABEL, type OptimizerName } from './runner.ts';

/*
 * Fig. 1 of paper A: matrix factorisation f(U) = ¼‖UUᵀ − M*‖_F², Muon vs SignGD vs GD (and Adam), relative error
 * ‖UUᵀ − M*‖_F/‖M*‖_F against iterations. Row 1 varies κ at fixed d, r, k; row 2 varies the search rank k from r to
 * beyond d at fixed κ; row 3 varies Muon's initialisation scale α ("Muon converges from moderately sized
 * initializations too").
 */

export interface Fig1Settings {
  readonly d: number;
  readonly r: number;
  /** Search rank of the κ sweep. */
  readonly k: number;
  readonly kappas: readonly number[];
  /** Condition number of the k sweep and of the α sweep. */
  readonly kappa: number;
  readonly ks: readonly number[];
  readonly alpha: number;
  readonly alphas: readonly number[];
  /** Iteration budget T. */
  readonly steps: number;
  readonly seed: number;
  readonly optimizers: readonly OptimizerName[];
  /** η₀ of the plateau schedule per optimizer (λ_max = 1). */
  readonly eta0: Readonly<Partial<Record<OptimizerName, number>>>;
}

/**
 * The full reproduction. d = 50 (not 100): at k = 2d a Muon step costs ~1.5 ms at d = 50 and ~13 ms at d = 100
 * (msign of a 100×200 gradient), which alone would take `reproduce all` past its 2 minutes.
 * η₀: Muon moves every singular value by η per step, so η₀ = 0.1·√λ_max is a tenth of the largest root; SignGD and
 * Adam move every entry by about η, and the entries of U* are about √(λ/d) ≈ 0.14, so η₀ = 0.01; GD's stable step on
 * P.mf near U* is below 1/λ_max, so η = 0.5/λ_max, kept constant (common.ts,
 * plateauFrom). For the others the plateau rule then shrinks whatever is too large.
 */
export const FIG1: Fig1Settings = {
  d: 50,
  r: 5,
  k: 10,
  kappas: [10, 1e2, 1e3, 1e4],
  kappa: 1e2,
  ks: [5, 10, 25, 50, 100],
  alpha: 1e-3,
  alphas: [1e-3, 1e-2, 1e-1, 1],
  steps: 3000,
  seed: 1,
  optimizers: ['muon', 'signgd', 'gd', 'adam'],
  eta0: { muon: 0.1, signgd: 0.01, gd: 0.5, adam: 0.01 },
};

export interface Fig1Data {
  readonly name: 'fig1';
  readonly settings: Fig1Settings & { readonly plateau: typeof PLATEAU; readonly target: number };
  readonly runs: CurveRecord[];
  readonly elapsedMs: number;
}

/**
 * Runs Muon until the error is 1e-13 (below the 1e-10 target, above the float floor ~1e-12 of the k ≥ d runs it
 * simply runs to T); the others run the full budget.
 */
export function runFig1(s: Fig1Settings, impl: Impl, groups: readonly ('kappa' | 'k' | 'alpha')[] = ['kappa', 'k', 'alpha']): Fig1Data {
  const started = performance.now();
  const runs: CurveRecord[] = [];
  const one = (group: string, o: OptimizerName, value: number, kappa: number, k: number, alpha: number): void => {
    const { fp, x0 } = mfInstance(impl, { d: s.d, r: s.r, k, kappa, alpha, seed: s.seed });
    const res = fastRun({ fp, optimizer: optimizerOf(impl, o), schedule: plateauFrom(s.eta0[o] ?? 0.01, o), x0, steps: s.steps, stopBelow: 1e-13 }, impl);
    runs.push(record(group, o, value, res, s.steps));
  };
  if (groups.includes('kappa')) for (const o of s.optimizers) for (const kappa of s.kappas) one('kappa', o, kappa, kappa, s.k, s.alpha);
  if (groups.includes('k')) for (const o of s.optimizers) for (const k of s.ks) one('k', o, k, s.kappa, k, s.alpha);
  if (groups.includes('alpha')) for (const alpha of s.alphas) one('alpha', 'muon', alpha, s.kappa, s.k, alpha);
  return { name: 'fig1', settings: { ...s, plateau: PLATEAU, target: MACHINE_PRECISION }, runs, elapsedMs: Math.round(performance.now() - started) };
}

/** The qualitative claims of Fig. 1 on its data (claim A.Fig1). */
export function assessFig1(data: Fig1Data): Assertion[] {
  const s = data.settings;
  const sel = (group: string, o: string): CurveRecord[] => data.runs.filter((r) => r.group === group && r.optimizer === o);
  const out: Assertion[] = [];
  const id = 'A.Fig1';
  if (sel('kappa', 'muon').length) out.push(withinBound(id, `Muon ≤ 1e-10 within T = ${s.steps} for every κ`, sel('kappa', 'muon'), s.steps));
  if (sel('k', 'muon').length) out.push(withinBound(id, `Muon ≤ 1e-10 within T = ${s.steps} for every k`, sel('k', 'muon'), s.steps));
  if (sel('alpha', 'muon').length) out.push(withinBound(id, `Muon ≤ 1e-10 within T = ${s.steps} from every init scale α`, sel('alpha', 'muon'), s.steps));
  for (const o of ['gd', 'signgd'] as const) {
    if (sel('kappa', o).length > 1) out.push(slowdownBound(id, `${OPTIMIZER_LABEL[o]} slows down as κ grows`, sel('kappa', o)));
    if (sel('k', o).length > 1) out.push(slowdownBound(id, `${OPTIMIZER_LABEL[o]} slows down as k grows`, sel('k', o)));
  }
  return out;
}

const Y_AXIS = { label: '‖UUᵀ − M*‖_F / ‖M*‖_F', log: true, min: 1e-14, max: 1e1 } as const;

export function settingsLines(s: Fig1Data['settings']): string[] {
  return [
    '**Settings',
    `P.mf: d = ${s.d}, target rank r = ${s.r}, M* = V diag(λ) Vᵀ, λ geometric in [λ_max/κ, λ_max], λ_max = 1, V Haar (seed ${s.seed})`,
    `init U₀ = α·O, O Haar on O^{d×k}, α = ${fmtValue(s.alpha)} (row 3: α varies); budget T = ${s.steps} iterations`,
    `row 1: k = ${s.k}, κ ∈ {${s.kappas.map(fmtValue).join(', ')}};  row 2: κ = ${fmtValue(s.kappa)}, k ∈ {${s.ks.join(', ')}}`,
    `step sizes: plateau decay, η ← ${s.plateau.factor}·η after ${s.plateau.patience} steps without a ${s.plateau.threshold} relative improvement of f (GD: constant η₀)`,
    `η₀: ${Object.entries(s.eta0).map(([o, v]) => `${OPTIMIZER_LABEL[o as OptimizerName]} ${v}`).join(', ')}; Adam β = (0.9, 0.999), ε = 1e-8`,
    'Muon = simplified Muon X ← X − η msign(∇f) (exact msign, no momentum); SignGD = X ← X − η sign(∇f)',
    'y axis: relative error ‖UUᵀ − M*‖_F / ‖M*‖_F; dotted line: the 1e-10 "machine-level precision" target',
  ];
}

export function renderFig1(data: Fig1Data): string {
  const s = data.settings;
  const W = 290;
  const H = 235;
  const x0 = 20;
  const y0 = 40;
  const parts: string[] = [];
  const letters = 'abcdefghijkl';
  const hl = [{ y: MACHINE_PRECISION, label: '1e-10' }];
  const opts = s.optimizers;
  const row = (group: 'kappa' | 'k', rowIdx: number, legendTitle: string, valueLabel: (v: number) => string): void => {
    opts.forEach((o, c) => {
      const recs = data.runs.filter((r) => r.group === group && r.optimizer === o);
      parts.push(
        linePanel({
          x: x0 + c * W,
          y: y0 + rowIdx * H,
          width: W,
          height: H,
          title: `(${letters[rowIdx * opts.length + c]}) ${OPTIMIZER_LABEL[o]}${group === 'kappa' ? `, k = ${s.k}` : `, κ = ${fmtValue(s.kappa)}`}`,
          xAxis: { label: 'iteration t', min: 0, max: s.steps },
          yAxis: Y_AXIS,
          series: recs.map((r, i) => ({ label: valueLabel(r.value), xs: r.t, ys: r.e, color: PALETTE[i] })),
          hlines: hl,
          // Muon's curves drop to the floor within a few hundred steps (top right is empty), the others stay high
          legend: o === 'muon' ? 'top-right' : 'bottom-right',
          legendTitle,
          // the row's panels share series and colours: the first always shows the legend, the others where it fits
          legendOptional: c > 0,
        }),
      );
    });
  };
  row('kappa', 0, 'condition number', (v) => `κ = ${pow10(v)}`);
  row('k', 1, 'search rank', (v) => `k = ${v}${v === s.r ? ' (= r)' : v >= s.d ? ` (${v / s.d}d)` : ''}`);
  const alphaRecs = data.runs.filter((r) => r.group === 'alpha');
  parts.push(
    linePanel({
      x: x0,
      y: y0 + 2 * H,
      width: W,
      height: H,
      title: `(${letters[2 * opts.length]}) Muon, init scale α`,
      xAxis: { label: 'iteration t', min: 0, max: s.steps },
      yAxis: Y_AXIS,
      series: alphaRecs.map((r, i) => ({ label: `α = ${fmtValue(r.value)}`, xs: r.t, ys: r.e, color: PALETTE[i] })),
      hlines: hl,
      legend: 'top-right',
      legendTitle: `U₀ = α·O, κ = ${fmtValue(s.kappa)}, k = ${s.k}`,
    }),
  );
  parts.push(textBlock(x0 + W + 20, y0 + 2 * H + 30, settingsLines(s), 11.5, 17));
  return svgDocument(x0 * 2 + opts.length * W, y0 + 3 * H + 10, 'Fig. 1 (reproduced) — matrix factorization: Muon vs SignGD vs GD (and Adam)', parts);
}

export function pow10(v: number): string {
  const e = Math.round(Math.log10(v));
  return Math.abs(v / 10 ** e - 1) < 1e-9 && e > 1 ? `10${superscript(e)}` : String(v);
}
