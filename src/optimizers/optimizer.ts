import type { LinAlg } from '../linalg/backend.ts';
import type { Mat } from '../linalg/mat.ts';

/**
 * An optimizer in the form all of them share: X_{t+1} = X_t − η_t D_t, where the direction D_t depends on the
 * gradient (and, for some, on the iterate and on an internal state such as momentum).
 */
export interface Optimizer {
  /** 'O.muon', 'O.muonM', 'O.ns5', 'O.gd', 'O.signgd', 'O.scaledgd' or 'adam'. */
  readonly id: string;
  /** Its parameters, for reports. */
  readonly params: Readonly<Record<string, string | number>>;
  /** A fresh state for one run. */
  start<T>(la: LinAlg<T>, X0: Mat<T>): Stepper<T>;
}

export interface Stepper<T> {
  /** D_t for iterate X_t with gradient G_t = ∇f(X_t). Called once per step, in order. */
  direction(X: Mat<T>, G: Mat<T>): Mat<T>;
}
