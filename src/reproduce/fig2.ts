import type { Impl } from '../impl/impl.ts';
import { MACHINE_PRECISION, PLATEAU, fmtValue, labelOf, plateauFrom, record, slowdownBound, withinBound, type Assertion, type CurveRecord } from './common.ts';
import { pow10 } from './fig1.ts';
import { PALETTE, linePanel, svgDocument, textBlock } from './plot.ts';
import { fastRun, iclInstance, optimizerOf, type OptimizerName, type ScheduleSettings } from './runner.ts';

/*
 * Fig. 2 of paper A: in-context learning of linear regression (P.icl), f(W) = ½tr((WΣ − I)ᵀΣ(WΣ − I)), W* = Σ⁻¹,
 * Muon vs SignGD vs GD (and Adam), relative error ‖W − Σ⁻¹‖_F/‖Σ⁻¹‖_F against iterations, κ = κ(Σ) varied at fixed d.
 * Muon runs twice: with the experiments' plateau rule (as the paper) and with Theorem 3's schedule η_t = Cρ^t, which
 * separates "Muon" from "the plateau rule" when a curve stalls.
 */

export type Fig2Optimizer = OptimizerName | 'muon-geo';

export interface Fig2Settings {
  readonly d: number;
  readonly kappas: readonly number[];
  readonly steps: number;
  readonly seed: number;
  readonly optimizers: readonly Fig2Optimizer[];
  /** η₀ of the plateau rule; GD's is divided by κ³ (its curvature bound L = λ_max(Σ)³ = κ³ with λ_min = 1). */
  readonly eta0: Readonly<Partial<Record<OptimizerName, number>>>;
  /** Theorem 3: η_t = Cρ^t with C ≥ 1/(2λ_min) = 1/2. */
  readonly geo: { readonly C: number; readonly rho: number };
  /** "A few hundred steps", read as fewer than this many. */
  readonly fewHundred: number;
}

/**
 * Σ has λ_min = 1, λ_max = κ, so W* = Σ⁻¹ has entries of order 1 and one step-size scale serves every κ: Muon and
 * the sign methods move W by about η per step, so η₀ = 1 for Muon (Theorem 3's C ≥ 1/(2λ_min) = 1/2) and 0.1 for
 * the entrywise methods; GD's η₀ = 1/κ³ is 1/L (L = λ_max³ the Hessian's largest eigenvalue).
 */
export const FIG2: Fig2Settings = {
  d: 20,
  kappas: [10, 1e2, 1e3],
  steps: 3000,
  seed: 1,
  optimizers: ['muon', 'muon-geo', 'signgd', 'gd', 'adam'],
  eta0: { muon: 1, signgd: 0.1, gd: 1, adam: 0.1 },
  geo: { C: 1, rho: 0.95 },
  fewHundred: 1000,
};

export interface Fig2Data {
  readonly name: 'fig2';
  readonly settings: Fig2Settings & { readonly plateau: typeof PLATEAU; readonly target: number };
  readonly runs: CurveRecord[];
  readonly elapsedMs: number;
}

export function scheduleFor(s: Fig2Settings, o: Fig2Optimizer, kappa: number): ScheduleSettings {
  if (o === 'muon-geo') return { kind: 'geo', C: s.geo.C, scale: 1, rho: s.geo.rho };
  const e = s.eta0[o] ?? 0.1;
  return plateauFrom(o === 'gd' ? e / kappa ** 3 : e, o);
}

export function runFig2(s: Fig2Settings, impl: Impl): Fig2Data {
  const started = performance.now();
  const runs: CurveRecord[] = [];
  for (const o of s.optimizers) {
    for (const kappa of s.kappas) {
      const { fp, x0 } = iclInstance(impl, { d: s.d, kappa, seed: s.seed });
      const res = fastRun({ fp, optimizer: optimizerOf(impl, o === 'muon-geo' ? 'muon' : o), schedule: scheduleFor(s, o, kappa), x0, steps: s.steps, stopBelow: 1e-13 }, impl);
      runs.push(record('kappa', o, kappa, res, s.steps));
    }
  }
  return { name: 'fig2', settings: { ...s, plateau: PLATEAU, target: MACHINE_PRECISION }, runs, elapsedMs: Math.round(performance.now() - started) };
}

/** The qualitative claims of Fig. 2 (claim A.Fig2). */
export function assessFig2(data: Fig2Data): Assertion[] {
  const s = data.settings;
  const sel = (o: string): CurveRecord[] => data.runs.filter((r) => r.optimizer === o);
  const out: Assertion[] = [];
  if (sel('muon').length) out.push(withinBound('A.Fig2', `Muon (plateau) ≤ 1e-10 within a few hundred steps (< ${s.fewHundred}) for every κ`, sel('muon'), s.fewHundred));
  if (sel('muon-geo').length) out.push(withinBound('A.Fig2', `Muon (S.geo) ≤ 1e-10 within a few hundred steps (< ${s.fewHundred}) for every κ`, sel('muon-geo'), s.fewHundred));
  for (const o of ['gd', 'signgd'] as const) if (sel(o).length > 1) out.push(slowdownBound('A.Fig2', `${labelOf(o)} slows down as κ grows`, sel(o)));
  return out;
}

export function renderFig2(data: Fig2Data): string {
  const s = data.settings;
  const W = 290;
  const H = 250;
  const parts: string[] = [];
  const letters = 'abcdefgh';
  const cols = 3;
  s.optimizers.forEach((o, i) => {
    const recs = data.runs.filter((r) => r.optimizer === o);
    const sched = o === 'muon-geo' ? `η_t = ${s.geo.C}·${s.geo.rho}^t` : o === 'gd' ? 'constant η = 1/κ³' : 'plateau';
    parts.push(
      linePanel({
        x: 20 + (i % cols) * W,
        y: 40 + Math.floor(i / cols) * H,
        width: W,
        height: H,
        title: `(${letters[i]}) ${labelOf(o).replace(' (S.geo)', '')}, ${sched}`,
        xAxis: { label: 'iteration t', min: 0, max: s.steps },
        yAxis: { label: '‖W − Σ⁻¹‖_F / ‖Σ⁻¹‖_F', log: true, min: 1e-14, max: 1e1 },
        series: recs.map((r, j) => ({ label: `κ = ${pow10(r.value)}`, xs: r.t, ys: r.e, color: PALETTE[j] })),
        hlines: [{ y: MACHINE_PRECISION, label: '1e-10' }],
        legend: 'bottom-right',
        legendTitle: 'κ(Σ)',
      }),
    );
  });
  const lines = [
    '**Settings',
    `P.icl: d = ${s.d}, Σ = V diag(λ) Vᵀ, V Haar (seed ${s.seed}),`,
    `λ geometric in [1, κ], κ ∈ {${s.kappas.map(fmtValue).join(', ')}}`,
    `W₀ = 0; budget T = ${s.steps}`,
    'y: relative error ‖W − Σ⁻¹‖_F / ‖Σ⁻¹‖_F',
    `plateau: η ← ${s.plateau.factor}·η after ${s.plateau.patience} steps`,
    `without a ${s.plateau.threshold} relative improvement of f`,
    `η₀: Muon ${s.eta0.muon}, SignGD ${s.eta0.signgd}, Adam ${s.eta0.adam},`,
    `GD: constant ${s.eta0.gd}/κ³ (= 1/L, L = λ_max(Σ)³)`,
    `(b): Theorem 3's η_t = Cρ^t,`,
    `C = ${s.geo.C} ≥ 1/(2λ_min), ρ = ${s.geo.rho}`,
  ];
  const n = s.optimizers.length;
  const tx = 20 + (n % cols) * W + 20;
  const ty = 40 + Math.floor(n / cols) * H + 30;
  parts.push(textBlock(tx, ty, lines, 11.5, 17));
  return svgDocument(40 + cols * W, 40 + Math.ceil((n + 1) / cols) * H + 10, 'Fig. 2 (reproduced) — in-context learning: Muon vs SignGD vs GD (and Adam)', parts);
}
