import type { Field, Scalarish } from '../arith/field.ts';
import { inOpenUnit, positive, type Schedule, type StepSizes } from './schedule.ts';

export interface PlateauOptions {
  readonly eta0: Scalarish;
  /** Multiplier applied on a plateau, in (0, 1). */
  readonly factor: Scalarish;
  /** Consecutive steps without a new best loss that make a plateau (a positive integer). */
  readonly patience: number;
  /**
   * Relative improvement that counts as a new best: f < best·(1 − threshold), in [0, 1); default 0 (any decrease).
   * PyTorch's ReduceLROnPlateau uses 1e-4: in the zigzag of Muon and SignGD around a root the loss repeats up to
   * rounding, and a "new best" one ulp lower would reset the patience counter for ever.
   */
  readonly threshold?: Scalarish;
}

/**
 * S.plateau, the step sizes of A's experiments: η is multiplied by `factor` once the loss has not improved on its
 * best value (by more than the relative `threshold`) for `patience` consecutive steps (the counter then restarts).
 * The seeds give none of the numbers; the reproductions state theirs.
 */
export function plateau(options: PlateauOptions): Schedule {
  const { eta0, factor, patience } = options;
  const threshold = options.threshold ?? 0;
  if (!Number.isInteger(patience) || patience < 1) throw new RangeError(`S.plateau: patience must be a positive integer, got ${patience}`);
  return {
    id: 'S.plateau',
    params: { eta0: String(eta0), factor: String(factor), patience, threshold: String(threshold) },
    start<T>(F: Field<T>): StepSizes<T> {
      let eta = positive(F, eta0, 'eta0', 'S.plateau');
      const f = inOpenUnit(F, factor, 'factor', 'S.plateau');
      const th = F.of(threshold);
      if (!F.isFinite(th) || F.lt(th, F.zero) || !F.lt(th, F.one)) throw new RangeError(`S.plateau: threshold must be in [0, 1), got ${F.toString(th)}`);
      const keep = F.sub(F.one, th);
      let best: T | undefined;
      let stale = 0;
      return {
        prefactors: [],
        next(loss: T) {
          if (best === undefined || F.lt(loss, F.mul(best, keep))) {
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
