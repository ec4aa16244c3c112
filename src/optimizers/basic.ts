import { signEntrywise } from '../linalg/mat.ts';
import { inverse } from '../linalg/solve.ts';
import type { Optimizer } from './optimizer.ts';

/** O.gd (A (9), (24)): D_t = ∇f(X_t). */
export const gd: Optimizer = {
  id: 'O.gd',
  params: {},
  start: () => ({ direction: (_X, G) => G }),
};

/** O.signgd (A (11), (25)): D_t = sign(∇f(X_t)) entrywise, sign(0) = 0 — a diagonal preconditioner diag(|vec G|)⁻¹. */
export const signgd: Optimizer = {
  id: 'O.signgd',
  params: {},
  start: (la) => ({ direction: (_X, G) => signEntrywise(la.F, G) }),
};

/**
 * O.scaledgd (A (80)): D_t = ∇f(U)(UᵀU)⁻¹ — the preconditioner Muon is compared with in Appendix A. UᵀU is inverted
 * by Gauss–Jordan (no square roots, so exact in decimal whenever the quotients are). Needs UᵀU invertible.
 */
export const scaledgd: Optimizer = {
  id: 'O.scaledgd',
  params: {},
  start: (la) => ({
    direction: (U, G) => la.matmul(G, inverse(la.F, la.matmulTN(U, U))),
  }),
};
