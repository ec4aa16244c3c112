/*
 * muon-claims, the package: what `import … from 'muon-claims'` gives (the build compiles this file to
 * dist/index.js + dist/index.d.ts). Everything a user needs to write a claim of their own and run it as the catalogue's
 * claims are run; see README "Writing a claim" and examples/.
 *
 *   import { defineClaim, hyp, probe, float64Field, rational, runClaim } from 'muon-claims';
 *
 * The vitest front end is the subpath 'muon-claims/vitest' (describeClaim), kept apart so that importing the library
 * never loads vitest.
 */

// (Wrappers rather than re-exports where a module's signature names Node's types: the published .d.ts files must not
// need @types/node.)
import * as fixtures from './claims/fixtures.ts';
import type { Erratum } from './claims/errata.ts';
import type { RegressionCase } from './claims/regressions.ts';

// ── Writing a claim: the kit (defineClaim, probe, hyp, the fields, k.bound's context, bins, probe searches) ──────
export * from './claims/kit/index.ts';
export type { Verdict, Domain, CheckContext } from './claims/types.ts';
export { MODES, PROFILES } from './claims/types.ts';

// ── Running claims: the engine and the catalogue ───────────────────────────────────────────────────────────────
export { runClaim, DEFAULT_SEED, type EngineOptions, type ClaimResult } from './claims/engine.ts';
export { claims, claimById } from './claims/registry.ts';
export { loadErrata, parseErrata, type Erratum } from './claims/errata.ts';
export { loadRegressions, parseRegressions, type RegressionCase } from './claims/regressions.ts';

/** The catalogue's errata (fixtures/errata.json, shipped with the package, or MUON_FIXTURES_DIR's), validated. */
export function projectErrata(): Erratum[] {
  return fixtures.projectErrata();
}

/** A catalogue claim's pinned regressions (fixtures/regressions/<id>.json, or MUON_FIXTURES_DIR's), validated. */
export function projectRegressions(claimId: string): RegressionCase[] {
  return fixtures.projectRegressions(claimId);
}

// ── The algorithms under test and the planted bugs that break them ─────────────────────────────────────────────
export { reference, type Impl } from './impl/impl.ts';
export { PLANTS as plants, type Plant } from './impl/plants.ts';

// ── Fields: float64, decimal at P digits, Q (bigint fractions) ─────────────────────────────────────────────────
export { float64 } from './arith/float64.ts';
export { exactField, type Decimal } from './arith/exact.ts';
export { rationalField, type Rat, type RationalField } from './arith/rational.ts';
export { powInt, sum, type Field, type Scalarish } from './arith/field.ts';
export { proveExact, type ExactnessReport, type ExactResult } from './arith/exactness.ts';

// ── Linear algebra over any field ──────────────────────────────────────────────────────────────────────────────
/** Every matrix operation of src/linalg/mat.ts (add, sub, scale, transpose, matmul, inner, …) as one namespace. */
export * as matrix from './linalg/mat.ts';
export { mat, zeros, identity, fromRows, toRows, column, diag, transpose, matmul, toNumbers, type Mat } from './linalg/mat.ts';
export { plain, floatPlain, type LinAlg } from './linalg/backend.ts';
export { msign, type MsignOptions } from './linalg/msign.ts';
export { svd, type Svd } from './linalg/svd.ts';
export { eigh, type Eigh } from './linalg/eigh.ts';
export { ns5, NS5_COEFFICIENTS, NS5_STEPS } from './linalg/ns5.ts';
export { frobenius, spectral, nuclear, singularValues } from './linalg/norms.ts';
export { inverse } from './linalg/solve.ts';
export { fastFloat, msignFast, svdFast } from './linalg/fast/index.ts';

// ── Problems, optimizers, schedules ────────────────────────────────────────────────────────────────────────────
export * from './problems/index.ts';
export * from './optimizers/index.ts';
export * from './schedules/index.ts';

// ── Randomness: seeded builders (Rng) and fast-check generators of the hypotheses ─────────────────────────────
export { rng, type Rng } from './random/index.ts';
/** Plain seeded builders (take an Rng): gaussian, haar, spectrum, psdTarget, … */
export * as random from './random/index.ts';
/**
 * fast-check itself, the copy the engine runs: draw a claim's cases with it (a second copy of fast-check in the user's
 * project would give Arbitrary types that do not match the kit's).
 */
export { default as fc, type Arbitrary } from 'fast-check';
/** fast-check arbitraries for hypotheses (seed, rho256, dyadicMagnitude, kappa, haarMatrix, …). */
export * as generators from './generators/index.ts';
