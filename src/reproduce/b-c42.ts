import { instanceOf, logRatioCI, monteCarlo, rateInT, type BetaRule, type McPoint } from '../cases/stochastic.ts';
import { buildQuadB } from '../generators/quadB.ts';
import type { Impl } from '../impl/impl.ts';
import type { NoiseKind } from '../random/noise.ts';
import { assertion, type Assertion } from './common.ts';
import { FONT_SIZES, fmtTick, linePanel, PALETTE, scaleOf, svgDocument, textBlock, textWidth, type Series } from './plot.ts';

/*
 * reproduce B.C42 — Corollary 4.2 against Theorem 4.1 as a figure: stochastic Muon on P.quadB (src/cases/stochastic.ts)
 * with and without momentum, with and without noise. x: the horizon T (each point a separate run tuned for it:
 * η = √(Δ/L_*)T^{−3/4}, 1 − β = T^{−1/2} or β = 0); y: the Monte Carlo mean of (1/T)Σ_{t<T}‖∇f(W_t)‖_* over n
 * independent noise seeds, with its two-sided 99.8 % t-interval (one-sided 99.9 % limits) drawn as a band. Panels:
 * (a) skewed noise (zero mean, median −σ/3 along a fixed P) — the floor of β = 0; (b) Gaussian noise — β = 0 slower,
 * no true floor; (c) σ = 0 — the two arms agree. The assertions are B.C42's, on these data.
 */

export interface BC42Settings {
  readonly m: number;
  readonly n: number;
  readonly kappa: number;
  readonly seed: number;
  /** σ/‖∇f(W_0)‖_F of the noisy panels. */
  readonly s: number;
  readonly batch: number;
  readonly Ts: readonly number[];
  readonly seeds: number;
  readonly alpha: number;
}

export const BC42: BC42Settings = { m: 4, n: 3, kappa: 10, seed: 1, s: 5, batch: 1, Ts: [32, 64, 128, 256, 512, 1024, 2048, 4096], seeds: 32, alpha: 1e-3 };

export interface BC42Arm {
  readonly panel: 'skewed' | 'gaussian' | 'deterministic';
  readonly rule: 'momentum' | 'none';
  readonly sigma: number;
  readonly T: readonly number[];
  readonly mean: readonly number[];
  readonly lo: readonly number[];
  readonly hi: readonly number[];
  readonly exponent: { readonly slope: number; readonly lo: number; readonly hi: number };
}

export interface BC42Data {
  readonly settings: BC42Settings;
  readonly instance: { readonly delta: number; readonly L: number; readonly Lstar: number; readonly r: number; readonly grad0F: number };
  readonly arms: readonly BC42Arm[];
  /** E X_{β>0}/E X_{β=0} at the largest T, with its one-sided limits, per noisy panel. */
  readonly ratios: Readonly<Record<string, { readonly value: number; readonly lo: number; readonly hi: number }>>;
  readonly elapsedMs: number;
}

export function runBC42(s: BC42Settings, impl: Impl): BC42Data {
  const t0 = Date.now();
  const k = { impl, la: impl.float };
  const c = buildQuadB(s.m, s.n, s.m, s.kappa, 'log-uniform', 1, 1, s.seed);
  const I = instanceOf(k, c);
  const arms: BC42Arm[] = [];
  const raw: Record<string, McPoint[]> = {};
  const panels: { panel: BC42Arm['panel']; kind: NoiseKind; sigma: number }[] = [
    { panel: 'skewed', kind: 'skewed', sigma: s.s * I.grad0F },
    { panel: 'gaussian', kind: 'gaussian', sigma: s.s * I.grad0F },
    { panel: 'deterministic', kind: 'gaussian', sigma: 0 },
  ];
  for (const p of panels) {
    for (const rule of ['momentum', 'none'] as const satisfies readonly BetaRule[]) {
      const pts = monteCarlo(k, c, { Ts: s.Ts, seeds: s.seeds, rule, noise: { kind: p.kind, sigma: p.sigma, batch: s.batch }, base: `bc42/${p.panel}/${rule}`, alpha: s.alpha }, I);
      raw[`${p.panel}/${rule}`] = pts;
      const e = rateInT(pts, s.alpha);
      arms.push({ panel: p.panel, rule, sigma: p.sigma, T: pts.map((x) => x.T), mean: pts.map((x) => x.ci.mean), lo: pts.map((x) => x.ci.lo), hi: pts.map((x) => x.ci.hi), exponent: { slope: e.slope, lo: e.lo, hi: e.hi } });
    }
  }
  const ratios: Record<string, { value: number; lo: number; hi: number }> = {};
  for (const p of ['skewed', 'gaussian', 'deterministic']) {
    const a = raw[`${p}/momentum`];
    const b = raw[`${p}/none`];
    const r = logRatioCI(a[a.length - 1].samples, b[b.length - 1].samples, s.alpha);
    ratios[p] = { value: Math.exp(r.slope), lo: Math.exp(r.lo), hi: Math.exp(r.hi) };
  }
  return { settings: s, instance: { delta: I.delta, L: I.L, Lstar: I.Lstar, r: I.r, grad0F: I.grad0F }, arms, ratios, elapsedMs: Date.now() - t0 };
}

const arm = (d: BC42Data, panel: BC42Arm['panel'], rule: BC42Arm['rule']): BC42Arm => d.arms.find((a) => a.panel === panel && a.rule === rule)!;

/** B.C42's checks on the figure's data (the claim's thresholds; see src/claims/catalogue/B.C42.ts). */
export function assessBC42(d: BC42Data): Assertion[] {
  const out: Assertion[] = [];
  const sk = (r: BC42Arm['rule']) => arm(d, 'skewed', r);
  out.push(assertion('B.C42', 'skewed noise, β > 0 keeps decreasing: upper 99.9% limit of the T-exponent < 0', sk('momentum').exponent.hi, 0, `exponent ${sk('momentum').exponent.slope.toFixed(3)} [${sk('momentum').exponent.lo.toFixed(3)}, ${sk('momentum').exponent.hi.toFixed(3)}]`, { strict: true }));
  out.push(assertion('B.C42', 'skewed noise, β = 0 stalls: −(lower 99.9% limit of the T-exponent) < 1/4', -sk('none').exponent.lo, 0.25, `exponent ${sk('none').exponent.slope.toFixed(3)} [${sk('none').exponent.lo.toFixed(3)}, ${sk('none').exponent.hi.toFixed(3)}]`, { strict: true }));
  const r = d.ratios.skewed;
  out.push(assertion('B.C42', `skewed noise, T = ${d.settings.Ts[d.settings.Ts.length - 1]}: upper 99.9% limit of E X_{β>0}/E X_{β=0} < 1`, r.hi, 1, `ratio ${r.value.toFixed(3)} (upper limit ${r.hi.toFixed(3)})`, { strict: true }));
  const g = d.ratios.gaussian;
  out.push(assertion('B.C42', `Gaussian noise (measured; not gated in the claim), T = ${d.settings.Ts[d.settings.Ts.length - 1]}: upper limit of E X_{β>0}/E X_{β=0} < 1`, g.hi, 1, `ratio ${g.value.toFixed(3)} (upper limit ${g.hi.toFixed(3)}); β = 0 exponent ${arm(d, 'gaussian', 'none').exponent.slope.toFixed(3)}, β > 0 ${arm(d, 'gaussian', 'momentum').exponent.slope.toFixed(3)}`, { strict: true }));
  const dm = arm(d, 'deterministic', 'momentum');
  const dn = arm(d, 'deterministic', 'none');
  let worst = 1;
  for (let i = 0; i < dm.mean.length; i++) worst = Math.max(worst, dm.mean[i] / dn.mean[i], dn.mean[i] / dm.mean[i]);
  out.push(assertion('B.C42', 'σ = 0: max(X_{β>0}/X_{β=0}, X_{β=0}/X_{β>0}) ≤ 2 at every T', worst, 2, `worst ratio ${worst.toFixed(3)}`));
  out.push(assertion('B.C42', 'σ = 0: both T-exponents + 1/4 ≤ 1/8', Math.max(dm.exponent.slope, dn.exponent.slope) + 0.25, 0.125, `exponents β > 0: ${dm.exponent.slope.toFixed(3)}, β = 0: ${dn.exponent.slope.toFixed(3)}`));
  return out;
}

/** The panel geometry of linePanel (plot.ts) for explicit log axes without a legend below: where to draw the bands. */
function bandPath(x: number, y: number, w: number, h: number, xr: [number, number], yr: [number, number], yTicks: readonly number[], xs: readonly number[], lo: readonly number[], hi: readonly number[], color: string): string {
  const yTickW = Math.max(0, ...yTicks.map((v) => textWidth(fmtTick(v, true), FONT_SIZES.tick)));
  const px0 = x + Math.ceil(FONT_SIZES.axis + 10 + yTickW + 8);
  const px1 = x + w - 14;
  const py0 = y + h - (FONT_SIZES.tick + FONT_SIZES.axis + 22);
  const py1 = y + FONT_SIZES.title + 12;
  const sx = scaleOf(xr[0], xr[1], px0, px1, true);
  const sy = scaleOf(yr[0], yr[1], py0, py1, true);
  const clamp = (v: number): number => Math.min(Math.max(v, yr[0]), yr[1]);
  const up = xs.map((t, i) => `${sx(t).toFixed(1)},${sy(clamp(hi[i])).toFixed(1)}`);
  const down = xs.map((t, i) => `${sx(t).toFixed(1)},${sy(clamp(Math.max(lo[i], yr[0]))).toFixed(1)}`).reverse();
  return `<polygon points="${[...up, ...down].join(' ')}" fill="${color}" fill-opacity="0.25" stroke="none"/>`;
}

export function renderBC42(d: BC42Data): string {
  const s = d.settings;
  const W = 360;
  const H = 320;
  const xr: [number, number] = [s.Ts[0] / 2, s.Ts[s.Ts.length - 1] * 2];
  const all = d.arms.flatMap((a) => [...a.lo.filter((v) => v > 0), ...a.hi]);
  const yr: [number, number] = [10 ** Math.floor(Math.log10(Math.min(...all))), 10 ** Math.ceil(Math.log10(Math.max(...all)))];
  const yTicks: number[] = [];
  for (let e = Math.log10(yr[0]); e <= Math.log10(yr[1]) + 1e-9; e++) yTicks.push(10 ** e);
  const xTicks = [10, 100, 1000, 10000].filter((v) => v >= xr[0] && v <= xr[1]);
  const parts: string[] = [];
  const titles: Record<BC42Arm['panel'], string> = {
    skewed: `(a) skewed noise, σ = ${s.s}‖∇f(W₀)‖_F: β = 0 stalls`,
    gaussian: `(b) Gaussian noise, σ = ${s.s}‖∇f(W₀)‖_F`,
    deterministic: '(c) σ = 0: the two agree',
  };
  (['skewed', 'gaussian', 'deterministic'] as const).forEach((panel, i) => {
    const x = 20 + i * W;
    const y = 40;
    const arms = (['momentum', 'none'] as const).map((r) => arm(d, panel, r));
    const series: Series[] = arms.map((a, j) => ({ label: a.rule === 'momentum' ? `β = 1 − T^{−1/2} (slope ${a.exponent.slope.toFixed(2)})` : `β = 0 (slope ${a.exponent.slope.toFixed(2)})`, xs: a.T, ys: a.mean, color: PALETTE[j], markers: true }));
    series.push({ label: 'T^{−1/4}', xs: [s.Ts[0], s.Ts[s.Ts.length - 1]], ys: [arms[0].mean[0], arms[0].mean[0] * (s.Ts[s.Ts.length - 1] / s.Ts[0]) ** -0.25], color: '#999999', dash: '4 3' });
    parts.push(
      linePanel({
        x,
        y,
        width: W,
        height: H,
        title: titles[panel],
        xAxis: { label: 'horizon T', log: true, min: xr[0], max: xr[1], ticks: xTicks },
        yAxis: { label: 'E[(1/T)Σ‖∇f(W_t)‖_*]', log: true, min: yr[0], max: yr[1], ticks: yTicks },
        series,
        legend: 'bottom-left',
        legendOptional: true,
      }),
    );
    // The bands over the panel (drawn after it: linePanel paints its own background).
    for (const [j, a] of arms.entries()) if (panel !== 'deterministic') parts.push(bandPath(x, y, W, H, xr, yr, yTicks, a.T, a.lo, a.hi, PALETTE[j]!));
  });
  const I = d.instance;
  const lines = [
    '**Settings',
    `P.quadB ${s.m}×${s.n}, Q full rank, κ = ${s.kappa}, λ_max = 1 (seed ${s.seed}): Δ = ${I.delta.toFixed(3)}, L = ${I.L.toFixed(3)}, L_* = ${I.Lstar.toFixed(3)}, r = ${I.r}, ‖∇f(W₀)‖_F = ${I.grad0F.toFixed(3)}`,
    `stochastic Muon (Alg. 1, exact msign): G_t = ∇f(W_t) + ξ_t, ξ_t the mean of B = ${s.batch} per-sample draws, E‖ξ_i‖_F² = σ²;  M_t = βM_{t−1} + (1 − β)G_t;  W ← W − η msign(M_t)`,
    `η = √(Δ/L_*)·T^{−3/4}, 1 − β = T^{−1/2} (our choice; not in the seeds), each T a separate run;  T ∈ {${s.Ts.join(', ')}}`,
    `mean over ${s.seeds} independent noise seeds per point; bands: two-sided ${(100 * (1 - 2 * s.alpha)).toFixed(1)} % t-intervals (one-sided ${(100 * (1 - s.alpha)).toFixed(1)} % limits); σ = 0: one run`,
    `skewed: ξ_i = σ·s_i·P, s_i = 3 w.p. 0.1 and −1/3 otherwise (mean 0, variance 1, median −1/3); Gaussian: iid N(0, σ²/(mn)) entries`,
    `ratio E X_{β>0}/E X_{β=0} at T = ${s.Ts[s.Ts.length - 1]}: skewed ${d.ratios.skewed.value.toFixed(3)}, Gaussian ${d.ratios.gaussian.value.toFixed(3)}, σ = 0 ${d.ratios.deterministic.value.toFixed(3)}`,
  ];
  parts.push(textBlock(24, 40 + H + 24, lines, 12.5, 17));
  return svgDocument(20 + 3 * W + 20, 40 + H + 24 + lines.length * 17 + 16, 'B.C42 — momentum with and without noise (Corollary 4.2 vs Theorem 4.1)', parts);
}

export function summaryBC42(d: BC42Data): string[] {
  const s = d.settings;
  const ex = (p: BC42Arm['panel'], r: BC42Arm['rule']): string => {
    const a = arm(d, p, r).exponent;
    return `${a.slope.toFixed(3)} [${a.lo.toFixed(3)}, ${a.hi.toFixed(3)}]`;
  };
  return [
    `P.quadB ${s.m}×${s.n}, κ = ${s.kappa}, seed ${s.seed}; σ = ${s.s}‖∇f(W₀)‖_F, B = ${s.batch}; T ∈ {${s.Ts.join(', ')}}; ${s.seeds} seeds, one-sided ${1 - s.alpha} limits`,
    `T-exponents: skewed β>0 ${ex('skewed', 'momentum')}, β=0 ${ex('skewed', 'none')}; Gaussian β>0 ${ex('gaussian', 'momentum')}, β=0 ${ex('gaussian', 'none')}; σ=0 β>0 ${ex('deterministic', 'momentum')}, β=0 ${ex('deterministic', 'none')}`,
  ];
}
