import { ns5 } from '../linalg/ns5.ts';
import { reference, withLinAlg, type Impl } from './impl.ts';

/*
 * Practical Muon: the variants people run in place of the theorems' exact msign (claims.md, "Practical Muon: does
 * each guarantee transfer?"). Each variant is an Impl derived from `reference`, like a planted bug, but it is not a
 * bug: a claim that fails under a variant is a finding about practical Muon, not an erratum of the paper. The
 * transfer matrix (claims × variants) runs every msign claim's float check with each variant's Impl.
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

/** NS5 with Jordan's coefficients, 5 steps, X ← G/(‖G‖_F + 1e-7), in float64, in place of msign. */
export const ns5Float64: Variant = {
  id: 'ns5-5',
  title: 'msign replaced by NS5 (5 steps, ‖G‖_F + 1e-7), float64',
  what: 'B Alg. 3 / KellerJordan/Muon zeropower_via_newtonschulz5, in float64 instead of bf16',
  precision: 'float64',
  impl: withLinAlg(reference, 'ns5-5', (la) => ({ ...la, msign: (G) => ns5(la.F, G) })),
};

export const VARIANTS: readonly Variant[] = [ns5Float64];
