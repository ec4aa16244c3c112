import { writeFileAtomic } from '../util/atomic.ts';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { reference, type Impl } from '../impl/impl.ts';
import { verdictOf, type Assertion } from './common.ts';
import { BC42, assessBC42, renderBC42, runBC42, summaryBC42 } from './b-c42.ts';
import { FIG1, assessFig1, renderFig1, runFig1 } from './fig1.ts';
import { FIG2, assessFig2, renderFig2, runFig2 } from './fig2.ts';
import { FIG3, assessFig3, renderFig3, runFig3 } from './fig3.ts';
import { BFIG1, assessBFig1, renderBFig1, runBFig1 } from './b-fig1.ts';
import { BFIG2, assessBFig2, renderBFig2, runBFig2 } from './b-fig2.ts';
import { figuresPage } from './html.ts';
import { writePng } from './png.ts';
import { TABLE1, assessTable1, renderTable1, runTable1, tableLines } from './table1.ts';

/*
 * `muon-claims reproduce`: runs one experiment (or all), writes reports/figures/<name>.svg and <name>.json (data,
 * settings, the assertions and their verdicts), and returns a summary for the CLI.
 */

export const EXPERIMENTS = ['fig1', 'fig2', 'fig3', 'table1', 'B.C42', 'B.Fig1', 'B.Fig2'] as const;
export type ExperimentName = (typeof EXPERIMENTS)[number];

export interface ExperimentOutcome {
  readonly name: ExperimentName;
  readonly svgPath: string;
  /** The same figure as PNG (twice the SVG's pixel size), for slides. */
  readonly pngPath: string;
  readonly jsonPath: string;
  readonly assertions: readonly Assertion[];
  readonly verdict: 'holds' | 'violated';
  readonly elapsedMs: number;
  /** Lines for the console: settings, measured slopes. */
  readonly summary: readonly string[];
}

/** Writes through a temp file and a rename, so that no half-written file is left behind. */
export const writeAtomic = writeFileAtomic;

export function runExperiment(name: ExperimentName, outDir: string, impl: Impl = reference): ExperimentOutcome {
  mkdirSync(outDir, { recursive: true });
  let data: { elapsedMs: number };
  let svg: string;
  let assertions: Assertion[];
  let summary: string[];
  switch (name) {
    case 'fig1': {
      const d = runFig1(FIG1, impl);
      data = d;
      svg = renderFig1(d);
      assertions = assessFig1(d);
      const s = d.settings;
      summary = [
        `P.mf d = ${s.d}, r = ${s.r}, α = ${s.alpha}, T = ${s.steps}; κ ∈ {${s.kappas.join(', ')}} at k = ${s.k}; k ∈ {${s.ks.join(', ')}} at κ = ${s.kappa}; α ∈ {${s.alphas.join(', ')}}`,
        `plateau factor ${s.plateau.factor}, patience ${s.plateau.patience}, threshold ${s.plateau.threshold}; η₀ ${JSON.stringify(s.eta0)}`,
        `Muon iterations to 1e-10: ${d.runs.filter((r) => r.optimizer === 'muon').map((r) => `${r.group}=${r.value}: ${r.itersToTarget ?? '—'}`).join(', ')}`,
      ];
      break;
    }
    case 'fig2': {
      const d = runFig2(FIG2, impl);
      data = d;
      svg = renderFig2(d);
      assertions = assessFig2(d);
      const s = d.settings;
      summary = [
        `P.icl d = ${s.d}, κ ∈ {${s.kappas.join(', ')}}, W₀ = 0, T = ${s.steps}; geo C = ${s.geo.C}, ρ = ${s.geo.rho}`,
        `Muon iterations to 1e-10: ${d.runs.filter((r) => r.optimizer.startsWith('muon')).map((r) => `${r.optimizer} κ=${r.value}: ${r.itersToTarget ?? `— (final ${r.finalError.toExponential(1)})`}`).join(', ')}`,
      ];
      break;
    }
    case 'fig3': {
      const d = runFig3(FIG3, impl);
      data = d;
      svg = renderFig3(d);
      assertions = assessFig3(d);
      const s = d.settings;
      const half = Math.floor(d.series.t.length / 2);
      const med = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
      summary = [
        `P.mf d = ${s.d}, r = k = ${s.k}, κ = ${s.kappa}, α = ${s.alpha}, T = ${s.steps}, snapshots ${s.snapshots.join(', ')}`,
        `second half of the run: median cosine ${med(d.series.cosine.slice(half)).toFixed(3)}, median off-diagonal share Muon ${med(d.series.offdiagMuon.slice(half)).toFixed(3)}, ScaledGD ${med(d.series.offdiagScaled.slice(half)).toFixed(3)}`,
      ];
      break;
    }
    case 'B.C42': {
      const d = runBC42(BC42, impl);
      data = d;
      svg = renderBC42(d);
      assertions = assessBC42(d);
      summary = summaryBC42(d);
      break;
    }
    case 'table1': {
      const d = runTable1(TABLE1, impl);
      data = d;
      svg = renderTable1(d);
      assertions = assessTable1(d);
      summary = tableLines(d).map((l) => l.replace(/^\*\*/, ''));
      break;
    }
    case 'B.Fig1': {
      const d = runBFig1(BFIG1, impl);
      data = d;
      svg = renderBFig1(d);
      assertions = assessBFig1(d);
      const s = d.settings;
      summary = [
        `P.quadB ${s.m}×${s.n}, W₀ = 0, T = ${s.steps}, seed ${s.seed}; GD η = 1/L, Muon η_t = ‖∇f‖_*/L_* and the best constant η = D₀·2^k/T, k ∈ {${s.muonGrid.join(', ')}}`,
        ...d.runs.map((r) => `${r.problem}: ${r.optimizer}${Number.isNaN(r.eta) ? '' : ` η = ${r.eta.toPrecision(3)}`}: to ${s.early} in ${r.itersToEarly ?? '—'}, final f − f* = ${r.finalGap.toExponential(2)}, median R_t = ${r.medianRatio.toPrecision(3)}`),
      ];
      break;
    }
    case 'B.Fig2': {
      const d = runBFig2(BFIG2, impl);
      data = d;
      svg = renderBFig2(d);
      assertions = assessBFig2(d);
      const s = d.settings;
      summary = [
        `linear model c = ${s.c}, d = ${s.d}, B = ${s.B}, one-hot Y, W₀ = 0, T = ${s.steps}, seed ${s.seed}; GD η = 1/‖Λ‖_op, Muon η_t = ‖∇f‖_*/L_* and the best constant η, k ∈ {${s.muonGrid.join(', ')}}`,
        ...d.runs.map((r) => `${r.problem}: ${r.optimizer}${Number.isNaN(r.eta) ? '' : ` η = ${r.eta.toPrecision(3)}`}: final f − f* = ${r.finalGap.toExponential(2)}, median R_t = ${r.medianRatio.toPrecision(3)}`),
      ];
      break;
    }
  }
  const svgPath = join(outDir, `${name}.svg`);
  const jsonPath = join(outDir, `${name}.json`);
  const pngPath = join(outDir, `${name}.png`);
  writeAtomic(svgPath, svg);
  writePng(pngPath, svg);
  writeAtomic(jsonPath, JSON.stringify({ ...data, assertions, verdict: verdictOf(assertions), impl: impl.name }, null, 1));
  return { name, svgPath, pngPath, jsonPath, assertions, verdict: verdictOf(assertions), elapsedMs: data.elapsedMs, summary };
}

/** Rewrites <dir>/index.html from whatever figures are in the directory. */
export function writeIndex(outDir: string): string {
  const path = join(outDir, 'index.html');
  writeAtomic(path, figuresPage(outDir));
  return path;
}

export function hasFigure(dir: string, name: string): boolean {
  return existsSync(join(dir, `${name}.svg`));
}

export function readJson(dir: string, name: string): unknown {
  const p = join(dir, `${name}.json`);
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : undefined;
}
