import type { Field } from '../arith/field.ts';
import { plain, type LinAlg } from '../linalg/backend.ts';
import { fastFloat } from '../linalg/fast/index.ts';
import { ns5 } from '../linalg/ns5.ts';
import { adam, gd, muon, run, scaledgd, signgd } from '../optimizers/index.ts';
import { inContextLearning, matrixFactorization, quadraticB, quadratic2, scalarProblem } from '../problems/index.ts';
import { constant, geo, plateau, sequence } from '../schedules/index.ts';

/**
 * The algorithms under test, gathered in one object that every check takes from its context. The reference
 * implementation is `reference`; ./plants.ts derives broken ones (msign replaced by entrywise sign, a schedule
 * without ρ^t, …) to show that each claim's check fails when the algorithm is wrong.
 */
export interface Impl {
  /** 'reference' or the planted bug's id. */
  readonly name: string;
  /** The float64 backend of float-mode checks (fast kernels, checked against the plain path in test/linalg). */
  readonly float: LinAlg<number>;
  /** A backend over any field: exact-mode checks call it inside proveExact with the field it is given. */
  over<T>(F: Field<T>): LinAlg<T>;
  readonly problems: {
    readonly scalar: typeof scalarProblem;
    readonly mf: typeof matrixFactorization;
    readonly icl: typeof inContextLearning;
    readonly quad2: typeof quadratic2;
    readonly quadB: typeof quadraticB;
  };
  readonly optimizers: {
    readonly muon: typeof muon;
    readonly gd: typeof gd;
    readonly signgd: typeof signgd;
    readonly scaledgd: typeof scaledgd;
    readonly adam: typeof adam;
  };
  readonly schedules: {
    readonly geo: typeof geo;
    readonly plateau: typeof plateau;
    readonly constant: typeof constant;
    readonly sequence: typeof sequence;
  };
  readonly run: typeof run;
  readonly ns5: typeof ns5;
}

export const reference: Impl = {
  name: 'reference',
  float: fastFloat,
  over: <T>(F: Field<T>): LinAlg<T> => (F.kind === 'float64' ? (fastFloat as unknown as LinAlg<T>) : plain(F)),
  problems: { scalar: scalarProblem, mf: matrixFactorization, icl: inContextLearning, quad2: quadratic2, quadB: quadraticB },
  optimizers: { muon, gd, signgd, scaledgd, adam },
  schedules: { geo, plateau, constant, sequence },
  run,
  ns5,
};

/** `base` with every backend it hands out (float and over any field) edited: plants and practical variants use it. */
export function withLinAlg(base: Impl, name: string, edit: <T>(la: LinAlg<T>) => LinAlg<T>): Impl {
  return { ...base, name, float: edit(base.float), over: <T>(F: Field<T>) => edit(base.over(F)) };
}
