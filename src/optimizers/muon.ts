import type { Scalarish } from '../arith/field.ts';
import type { LinAlg } from '../linalg/backend.ts';
import { axpy, scale, zeros, type Mat } from '../linalg/mat.ts';
import { ns5 } from '../linalg/ns5.ts';
import type { Optimizer, Stepper } from './optimizer.ts';

export type Orthogonalizer = 'msign' | 'ns5';

/**
 * Momentum forms of O.muonM:
 * - 'heavy-ball' (A (2a)): B_t = ∇f(X_t) + μ B_{t−1};
 * - 'ema' (paper B): M_t = β M_{t−1} + (1 − β) G_t.
 * Both start from B_{−1} = 0.
 */
export type Momentum = { readonly form: 'heavy-ball'; readonly mu: Scalarish } | { readonly form: 'ema'; readonly beta: Scalarish };

export interface MuonOptions {
  /** 'msign' (the SVD msign of the theorems) or 'ns5' (the practical Newton–Schulz step, B Alg. 3). */
  readonly orthogonalizer?: Orthogonalizer;
  readonly momentum?: Momentum;
}

/**
 * Muon: X_{t+1} = X_t − η_t O(B_t) with O = msign or NS5 and B_t the gradient or its momentum.
 * Without momentum and with msign this is simplified Muon O.muon (A (4), (6), (22)).
 */
export function muon(options: MuonOptions = {}): Optimizer {
  const orth = options.orthogonalizer ?? 'msign';
  const momentum = options.momentum;
  const id = momentum ? 'O.muonM' : orth === 'ns5' ? 'O.ns5' : 'O.muon';
  const params: Record<string, string | number> = { orthogonalizer: orth };
  if (momentum?.form === 'heavy-ball') Object.assign(params, { momentum: 'heavy-ball', mu: String(momentum.mu) });
  if (momentum?.form === 'ema') Object.assign(params, { momentum: 'ema', beta: String(momentum.beta) });
  return {
    id,
    params,
    start<T>(la: LinAlg<T>, X0: Mat<T>): Stepper<T> {
      const F = la.F;
      const O = (B: Mat<T>): Mat<T> => (orth === 'ns5' ? ns5(F, B) : la.msign(B));
      if (!momentum) return { direction: (_X, G) => O(G) };
      let B = zeros(F, X0.rows, X0.cols);
      if (momentum.form === 'heavy-ball') {
        const mu = F.of(momentum.mu);
        if (!F.isFinite(mu) || F.lt(mu, F.zero) || !F.lt(mu, F.one)) throw new RangeError(`O.muonM: μ must be in [0, 1), got ${F.toString(mu)}`);
        return {
          direction: (_X, G) => {
            B = axpy(F, G, mu, B);
            return O(B);
          },
        };
      }
      const beta = F.of(momentum.beta);
      if (!F.isFinite(beta) || F.lt(beta, F.zero) || !F.lt(beta, F.one)) throw new RangeError(`O.muonM: β must be in [0, 1), got ${F.toString(beta)}`);
      const oneMinusBeta = F.sub(F.one, beta);
      return {
        direction: (_X, G) => {
          B = axpy(F, scale(F, beta, B), oneMinusBeta, G);
          return O(B);
        },
      };
    },
  };
}

/** O.muon: simplified Muon, X ← X − η msign(∇f(X)). */
export const simplifiedMuon: Optimizer = muon();

