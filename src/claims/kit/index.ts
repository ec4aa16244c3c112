/*
 * The claim-authoring kit: everything a claim file imports besides the lower folders (arith, linalg, problems,
 * optimizers, schedules, random, generators, impl). See README "Writing a claim".
 */
export { defineClaim, probe, hyp, runsFor, type ClaimSpec, type ProbeSpec, type CustomProbe, type Runs } from './define.ts';
export { runInField, type Ctx, type BoundOptions, type Value } from './context.ts';
export { float64Field, rational, decimal, type FieldSpec } from './fields.ts';
export type { Claim, CaseOutcome, Bound, Hypothesis, Mode, Profile, Probe, ProbeContext, ProbeOutcome, Probabilistic, Provenance, Source, CaseCounts } from '../types.ts';
export { probeSearch, breakRate, shrunkBreak } from '../search.ts';
export { binomialTest, type BinomialTest } from '../binomial.ts';
export { rhoBin, RHO_BINS, decade, decades, shapeBin, SHAPE_BINS } from './bins.ts';
export { worstAt } from './trace.ts';
export type { SearchSpace } from '../types.ts';
