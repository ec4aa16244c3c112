import type { Field, Scalarish } from '../arith/field.ts';
import type { LinAlg } from '../linalg/backend.ts';
import { add, scale, signEntrywise, axpy, zeros, type Mat } from '../linalg/mat.ts';
import { ns5 } from '../linalg/ns5.ts';
import type { MuonOptions, Optimizer, Stepper } from '../optimizers/index.ts';
import type { Schedule } from '../schedules/index.ts';
import { reference, withLinAlg, type Impl } from './impl.ts';

/*
 * Planted bugs: broken versions of the algorithms under test, each a small edit of `reference`. The tests in
 * test/claims/planted.test.ts run the claims on them and assert that the claims that depend on the broken part report
 * "violated" — the evidence that a check can fail (a property that passes whatever the code does is worthless).
 */

export interface Plant {
  readonly id: string;
  readonly description: string;
  readonly impl: Impl;
}

/** msign(G) replaced by sign(G) entrywise: Muon becomes SignGD (the classic confusion of the two). */
export const msignIsEntrywiseSign: Plant = {
  id: 'msign-is-entrywise-sign',
  description: 'msign(G) = UVᵀ replaced by the entrywise sign(G)',
  impl: withLinAlg(reference, 'msign-is-entrywise-sign', (la) => ({ ...la, msign: (G) => signEntrywise(la.F, G) })),
};

/** S.geo without the ρ^t decay: η_t = C_t·c for every t. */
export const scheduleWithoutDecay: Plant = {
  id: 'schedule-without-decay',
  description: 'S.geo returns η_t = C_t·c, dropping the ρ^t factor',
  impl: {
    ...reference,
    name: 'schedule-without-decay',
    schedules: {
      ...reference.schedules,
      geo: (options): Schedule => {
        const base = reference.schedules.geo(options); // validates the options as the real one does
        return {
          ...base,
          start<T>(F: Field<T>) {
            const prefactors: T[] = [];
            const c = F.of(options.scale ?? 1);
            return {
              prefactors,
              next: () => {
                const C = F.of(typeof options.C === 'function' ? options.C() : options.C);
                prefactors.push(C);
                return F.mul(C, c);
              },
            };
          },
        };
      },
    },
  },
};

/**
 * The gradient with a wrong factor on the target term: P.scalar σ(σ² − λ/2), P.mf (UUᵀ − M_{*}/2)U, P.icl Σ(WΣ − I/2)Σ,
 * P.quad2 with λ₂ doubled, P.quadB 4Q(W − W*) instead of 2Q(W − W*). The loss is left as it was, so the iteration
 * chases the wrong point (a positive factor on the whole gradient would be invisible to Muon and SignGD).
 */
export const gradientWrongFactor: Plant = (() => {
  const p = reference.problems;
  const problems: Impl['problems'] = {
    scalar: (la, lambda) => {
      const q = p.scalar(la, lambda);
      const F = la.F;
      return { ...q, grad: (X) => add(F, q.grad(X), scale(F, F.div(q.lambda, F.of(2)), X)) };
    },
    mf: (la, target, k) => {
      const q = p.mf(la, target, k);
      const F = la.F;
      return { ...q, grad: (U) => add(F, q.grad(U), scale(F, F.div(F.one, F.of(2)), la.matmul(q.target, U))) };
    },
    icl: (la, cov) => {
      const q = p.icl(la, cov);
      const F = la.F;
      const halfSigma2 = scale(F, F.div(F.one, F.of(2)), la.matmul(q.Sigma, q.Sigma));
      return { ...q, grad: (W) => add(F, q.grad(W), halfSigma2) };
    },
    quad2: (la, l1, l2) => {
      const q = p.quad2(la, l1, l2);
      const wrong = p.quad2(la, l1, la.F.mul(la.F.of(2), q.lambda2));
      return { ...q, grad: wrong.grad };
    },
    quadB: (la, Q, Wstar) => {
      const q = p.quadB(la, Q, Wstar);
      const F = la.F;
      return { ...q, grad: (W) => scale(F, F.of(2), q.grad(W)) };
    },
  };
  return {
    id: 'gradient-wrong-factor',
    description: 'the gradient has a wrong factor on its target term (e.g. (UUᵀ − M*/2)U for P.mf)',
    impl: { ...reference, name: 'gradient-wrong-factor', problems },
  };
})();

/** SignGD without the sign: the direction is the raw gradient (SignGD becomes GD). */
export const signgdWithoutSign: Plant = {
  id: 'signgd-without-sign',
  description: 'SignGD steps along ∇f instead of sign(∇f)',
  impl: {
    ...reference,
    name: 'signgd-without-sign',
    optimizers: { ...reference.optimizers, signgd: { ...reference.optimizers.signgd, start: () => ({ direction: (_X, G) => G }) } },
  },
};

/** Heavy-ball momentum with the wrong sign: B_t = ∇f(X_t) − μB_{t−1}. */
export const momentumWrongSign: Plant = {
  id: 'momentum-wrong-sign',
  description: 'Muon momentum B_t = ∇f − μB_{t−1} (sign of the momentum term flipped)',
  impl: {
    ...reference,
    name: 'momentum-wrong-sign',
    optimizers: {
      ...reference.optimizers,
      muon: (options: MuonOptions = {}): Optimizer => {
        const m = options.momentum;
        const real = reference.optimizers.muon(options);
        if (!m) return real;
        const inner = reference.optimizers.muon({ ...options, momentum: undefined });
        return {
          ...real,
          start<T>(la: LinAlg<T>, X0: Mat<T>): Stepper<T> {
            const F = la.F;
            const step = inner.start(la, X0);
            let B = zeros(F, X0.rows, X0.cols);
            const coef: T = m.form === 'heavy-ball' ? F.neg(F.of(m.mu as Scalarish)) : F.neg(F.of(m.beta as Scalarish));
            return {
              direction: (X: Mat<T>, G: Mat<T>): Mat<T> => {
                B = axpy(F, G, coef, B);
                return step.direction(X, B);
              },
            };
          },
        };
      },
    },
  },
};

/**
 * Newton–Schulz cut to one iteration instead of five: far from orthogonal. It reaches both the direct calls
 * (impl.ns5) and Muon's 'ns5' orthogonalizer (run as the msign route of a backend whose msign is the cut NS).
 */
export const ns5OneStep: Plant = {
  id: 'ns5-one-step',
  description: 'the Newton–Schulz orthogonalization runs 1 iteration instead of 5',
  impl: {
    ...reference,
    name: 'ns5-one-step',
    ns5: (F, G) => ns5(F, G, 1),
    optimizers: {
      ...reference.optimizers,
      muon: (options: MuonOptions = {}): Optimizer => {
        const real = reference.optimizers.muon(options);
        if ((options.orthogonalizer ?? 'msign') !== 'ns5') return real;
        const viaMsign = reference.optimizers.muon({ ...options, orthogonalizer: 'msign' });
        return { ...real, start: <T>(la: LinAlg<T>, X0: Mat<T>): Stepper<T> => viaMsign.start({ ...la, msign: (G: Mat<T>) => ns5(la.F, G, 1) }, X0) };
      },
    },
  },
};

export const PLANTS: readonly Plant[] = [msignIsEntrywiseSign, scheduleWithoutDecay, gradientWrongFactor, signgdWithoutSign, momentumWrongSign, ns5OneStep];
