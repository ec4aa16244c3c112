import { ns5Reference, type MuonReference, type Ns5ReferenceOptions } from '../linalg/ns5.ts';
import { practicalMuon, type PracticalMuonOptions } from '../optimizers/practical-muon.ts';
import { reference, withLinAlg, type Impl } from './impl.ts';

/*
 * Practical Muon: the variants people run in place of the theorems' exact msign (claims.md, "Practical Muon: does
 * each guarantee transfer?"). Each variant is an Impl derived from `reference`, like a planted bug, but it is not a
 * bug: a claim that fails under a variant is a finding about practical Muon, not an erratum of the paper. The
 * transfer matrix (claims × variants) runs every msign claim's float check with each variant's Impl.
 *
 * Two levels:
 *  - msign variants replace msign in every backend the Impl hands out (float and over any field) by a Newton–Schulz
 *    iteration, and keep everything else (simplified Muon's X ← X − η·O(∇f), the claims' momentum forms);
 *  - optimizer variants also replace impl.optimizers.muon by the reference implementation's whole update
 *    (../optimizers/practical-muon.ts): whatever options a claim passes to muon() (none, momentum, 'ns5'), it gets
 *    the reference at its defaults — EMA momentum β = 0.95 with Nesterov, its Newton–Schulz in bf16, its shape scale,
 *    its default weight decay — since the question is whether the guarantee holds for Muon as people run it. Their
 *    msign is the reference's bf16 Newton–Schulz too, for checks that call la.msign directly.
 * Every Newton–Schulz here is ns5Reference (../linalg/ns5.ts): the reference code's operations in its order, checked
 * against a NumPy transliteration of KellerJordan/Muon (commit 857d1adc) and torch/optim/_muon.py (commit b5ee4d7a)
 * in test/practical/reference.test.ts. impl.ns5 (B.NS5's object of study) is left as it is.
 */

export interface Variant {
  /** Short id used in the matrix, claims.json and the README, e.g. 'ns5-5'. */
  readonly id: string;
  /** One line: what replaces what. */
  readonly title: string;
  /** The reference it imitates and what is kept or dropped, for the report. */
  readonly what: string;
  /** The precision its products are rounded to. */
  readonly precision: 'float64' | 'bf16';
  readonly impl: Impl;
}

const KJ = 'KellerJordan/Muon muon.py (857d1adc)';
const TORCH = 'torch.optim.Muon, torch/optim/_muon.py (b5ee4d7a)';

/** `reference` with msign replaced, in every backend, by the Newton–Schulz of `ref` with `options`. */
function msignByNs(id: string, ref: MuonReference, options: Ns5ReferenceOptions): Impl {
  // the backend's matmul (float64: the fast kernel, bit-identical to mat.ts's, ~10× faster at d = 20)
  return withLinAlg(reference, id, (la) => ({ ...la, msign: (G) => ns5Reference(la.F, G, ref, { ...options, matmul: la.matmul }) }));
}

/** As msignByNs (bf16), and impl.optimizers.muon the reference's update whatever the caller's options. */
function practicalImpl(id: string, options: PracticalMuonOptions): Impl {
  const base = msignByNs(id, options.reference, { steps: options.nsSteps ?? 5, precision: options.precision ?? 'bf16' });
  return { ...base, optimizers: { ...base.optimizers, muon: () => practicalMuon(options) } };
}

/** NS5 with Jordan's coefficients, 5 steps, X ← G/(‖G‖_F + 1e-7), in float64, in place of msign. */
export const ns5Float64: Variant = {
  id: 'ns5-5',
  title: 'msign replaced by NS5 (5 steps, ‖G‖_F + 1e-7), float64',
  what: `B Alg. 3 / ${KJ} zeropower_via_newtonschulz5, its operations in its order, in float64 instead of bf16`,
  precision: 'float64',
  impl: msignByNs('ns5-5', 'kellerjordan', { precision: 'field' }),
};

/** The same with 10 iterations. */
export const ns5TenSteps: Variant = {
  id: 'ns5-10',
  title: 'msign replaced by NS5 (10 steps, ‖G‖_F + 1e-7), float64',
  what: `${KJ} zeropower_via_newtonschulz5 with steps=10 (its ns_steps option), in float64`,
  precision: 'float64',
  impl: msignByNs('ns5-10', 'kellerjordan', { steps: 10, precision: 'field' }),
};

/** PyTorch's normalisation X ← G/max(‖G‖_F, 1e-7). */
export const ns5TorchNorm: Variant = {
  id: 'ns5-torch-norm',
  title: 'msign replaced by NS5 (5 steps, max(‖G‖_F, 1e-7), addmm), float64',
  what: `${TORCH} _zeropower_via_newtonschulz (its steps on torch.addmm), in float64 instead of bf16`,
  precision: 'float64',
  impl: msignByNs('ns5-torch-norm', 'torch', { precision: 'field' }),
};

/** NS5 as the references run it: G cast to bf16, every operation in bf16, the result cast back. */
export const ns5Bf16: Variant = {
  id: 'ns5-bf16',
  title: 'msign replaced by NS5 in bfloat16 (5 steps, ‖G‖_F + 1e-7)',
  what: `${KJ} zeropower_via_newtonschulz5 as it runs: G.bfloat16(), each product and sum rounded to bf16 (matrix products and the norm accumulated wide, rounded once; the Python constants as float32), the result back in float64`,
  precision: 'bf16',
  impl: msignByNs('ns5-bf16', 'kellerjordan', {}),
};

/** KellerJordan/Muon's SingleDeviceMuon update at its defaults. */
export const muonKellerJordan: Variant = {
  id: 'muon-kj',
  title: 'Muon replaced by KellerJordan/Muon: NS5 in bf16, EMA β = 0.95 + Nesterov, shape scale √max(1, rows/cols)',
  what: `${KJ} SingleDeviceMuon.step / muon_update at its defaults (momentum 0.95, nesterov, ns_steps 5, weight_decay 0): lr is the claim's η_t; weight decay stays at the reference's default 0, so the claims' minimisers stay stationary and what is tested is NS5-bf16 + Nesterov EMA + shape scale; msign is the same bf16 NS5`,
  precision: 'bf16',
  impl: practicalImpl('muon-kj', { reference: 'kellerjordan' }),
};

/** torch.optim.Muon at its defaults. */
export const muonTorch: Variant = {
  id: 'muon-torch',
  title: 'Muon replaced by torch.optim.Muon: NS5 in bf16 (max(‖G‖_F, ε)), EMA β = 0.95 + Nesterov, adjust_lr original, weight decay 0.1',
  what: `${TORCH} _single_tensor_muon at its defaults (momentum 0.95, nesterov, ns_steps 5, eps 1e-7, adjust_lr_fn None = 'original': lr·√max(1, A/B), weight_decay 0.1, decoupled: X ← X(1 − η·0.1) − η·s·O): lr is the claim's η_t; the default weight decay pulls every iterate towards 0, so a claim whose minimiser is not 0 tests the decay as well; msign is the same bf16 NS5`,
  precision: 'bf16',
  impl: practicalImpl('muon-torch', { reference: 'torch' }),
};

export const VARIANTS: readonly Variant[] = [ns5Float64, ns5TenSteps, ns5TorchNorm, ns5Bf16, muonKellerJordan, muonTorch];
