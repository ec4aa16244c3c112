import type { Field, Scalarish } from '../arith/field.ts';
import { positive, type Schedule, type StepSizes } from './schedule.ts';

/** η_t = η for all t. */
export function constant(eta: Scalarish): Schedule {
  return {
    id: 'constant',
    params: { eta: String(eta) },
    start<T>(F: Field<T>): StepSizes<T> {
      const e = positive(F, eta, 'η', 'constant schedule');
      return { prefactors: [], next: () => e };
    },
  };
}

/**
 * A user-given sequence η_0, η_1, …, η_{n−1} (e.g. the non-increasing schedules of A.T2). Entries must be finite and
 * ≥ 0; with `nonIncreasing` (the default) they must not increase. Asking for η_n is an error, not a silent repeat.
 */
export function sequence(values: readonly Scalarish[], options: { nonIncreasing?: boolean } = {}): Schedule {
  const nonIncreasing = options.nonIncreasing ?? true;
  return {
    id: 'sequence',
    params: { length: values.length, nonIncreasing: String(nonIncreasing) },
    start<T>(F: Field<T>): StepSizes<T> {
      const etas = values.map((v, t) => {
        const e = F.of(v);
        if (!F.isFinite(e) || F.lt(e, F.zero)) throw new RangeError(`sequence schedule: η_${t} must be finite and ≥ 0, got ${F.toString(e)}`);
        return e;
      });
      if (nonIncreasing) {
        for (let t = 1; t < etas.length; t++) {
          if (F.lt(etas[t - 1], etas[t])) {
            throw new RangeError(`sequence schedule: must be non-increasing, but η_${t} = ${F.toString(etas[t])} > η_${t - 1} = ${F.toString(etas[t - 1])}`);
          }
        }
      }
      let t = 0;
      return {
        prefactors: [],
        next() {
          if (t >= etas.length) throw new RangeError(`sequence schedule: only ${etas.length} step sizes were given, step ${t} asked for one more`);
          return etas[t++];
        },
      };
    },
  };
}
