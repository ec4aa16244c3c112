import type { Field, Scalarish } from '../arith/field.ts';
import { inOpenUnit, positive, type Schedule, type StepSizes } from './schedule.ts';

export interface PlateauOptions {
  readonly eta0: Scalarish;
  /** Multiplier applied on a plateau, in (0, 1). */
  readonly factor: Scalarish;
  /** Consecutive steps without a new best loss that make a plateau (a positive integer). */
  readonly patience: number;
}

/**
 * S.plateau, the step sizes of A's experiments: η is multiplied by `factor` once the loss has not improved on its
 * best value for `patience` consecutive steps (the counter then restarts). The seeds give neither number; the
 * reproductions state theirs.
 */
export function plateau(options: PlateauOptions): Schedule {
  const { eta0, factor, patience } = options;
  if (!Number.isInteger(patience) || patience < 1) throw new RangeError(`S.plateau: patience must be a positive integer, got ${patience}`);
  return {
    id: 'S.plateau',
    params: { eta0: String(eta0), factor: String(factor), patience },
    start<T>(F: Field<T>): StepSizes<T> {
      let eta = positive(F, eta0, 'eta0', 'S.plateau');
      const f = inOpenUnit(F, factor, 'factor', 'S.plateau');
      let best: T | undefined;
      let stale = 0;
      return {
        prefactors: [],
        next(loss: T) {
          if (best === undefined || F.lt(loss, best)) {
            best = loss;
            stale = 0;
          } else if (++stale >= patience) {
            eta = F.mul(eta, f);
            stale = 0;
          }
          return eta;
        },
      };
    },
  };
}
