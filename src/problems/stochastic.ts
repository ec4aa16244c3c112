import type { Mat } from '../linalg/mat.ts';
import { checkShape, type Problem } from './problem.ts';

/*
 * Stochastic gradients as a problem wrapper (paper B, Algorithm 1's oracle): grad(X) returns G = ∇f(X) + ξ, where ξ is
 * the next draw of a noise source (plain numbers, one rows×cols matrix per call; src/random/noise.ts builds seeded
 * minibatch sources). Everything else — loss, residual, minimiser, constants — is the clean problem's, so the run
 * loops (optimizers/run.ts, cases/quadB.ts loop) and the optimizers (Muon with its EMA momentum) stay written once:
 * they only ever see grad().
 *
 * The noise enters the field through F.of (exact binary value of each double), so the wrapper works over any field.
 */

export interface NoisyProblem<T> extends Problem<T> {
  /** The clean problem: its grad is the true ∇f. */
  readonly clean: Problem<T>;
  /** The noise matrices drawn so far, in order (ξ_0, ξ_1, …): grad's t-th call added drawn[t]. */
  readonly drawn: readonly Mat<number>[];
}

/**
 * p with grad(X) = ∇f(X) + next(), one draw per call; every other member (and the problem's own fields, e.g. P.quadB's
 * Q and W*) is p's. `keep: false` does not record the draws.
 */
export function withGradientNoise<T, P extends Problem<T> = Problem<T>>(p: P, next: () => Mat<number>, o: { readonly keep?: boolean } = {}): P & NoisyProblem<T> {
  const F = p.la.F;
  const drawn: Mat<number>[] = [];
  const keep = o.keep !== false;
  const noisy: P & NoisyProblem<T> = {
    ...p,
    clean: p,
    drawn,
    grad(X) {
      const g = p.grad(X);
      const xi = next();
      checkShape(p, xi, 'ξ');
      if (keep) drawn.push(xi);
      const data = new Array<T>(g.data.length);
      for (let i = 0; i < data.length; i++) data[i] = F.add(g.data[i], F.of(xi.data[i]));
      return { rows: g.rows, cols: g.cols, data };
    },
  };
  return noisy;
}
