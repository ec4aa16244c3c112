import type { Scalarish } from '../arith/field.ts';
import type { LinAlg } from '../linalg/backend.ts';
import { mat, zeros, type Mat } from '../linalg/mat.ts';
import type { Optimizer, Stepper } from './optimizer.ts';

export interface AdamOptions {
  readonly beta1?: Scalarish;
  readonly beta2?: Scalarish;
  readonly eps?: Scalarish;
}

/**
 * Adam with momentum and bias correction: m_t = β₁m + (1−β₁)G, v_t = β₂v + (1−β₂)G²,
 * D_t = m̂/(√v̂ + ε) with m̂ = m/(1−β₁^{t+1}), v̂ = v/(1−β₂^{t+1}). With β₁ = β₂ = ε = 0 it is exactly SignGD
 * (0/0 is taken as 0, i.e. sign(0) = 0), which is why A treats SignGD as Adam's simplified form.
 */
export function adam(options: AdamOptions = {}): Optimizer {
  const b1 = options.beta1 ?? '0.9';
  const b2 = options.beta2 ?? '0.999';
  const e = options.eps ?? '1e-8';
  return {
    id: 'adam',
    params: { beta1: String(b1), beta2: String(b2), eps: String(e) },
    start<T>(la: LinAlg<T>, X0: Mat<T>): Stepper<T> {
      const F = la.F;
      const beta1 = F.of(b1);
      const beta2 = F.of(b2);
      const eps = F.of(e);
      for (const [name, v] of [['β₁', beta1], ['β₂', beta2]] as const) {
        if (!F.isFinite(v) || F.lt(v, F.zero) || !F.lt(v, F.one)) throw new RangeError(`adam: ${name} must be in [0, 1), got ${F.toString(v)}`);
      }
      if (!F.isFinite(eps) || F.lt(eps, F.zero)) throw new RangeError(`adam: ε must be finite and ≥ 0, got ${F.toString(eps)}`);
      let m = zeros(F, X0.rows, X0.cols);
      let v = zeros(F, X0.rows, X0.cols);
      let p1 = F.one; // β₁^{t+1}
      let p2 = F.one;
      return {
        direction: (_X, G) => {
          p1 = F.mul(p1, beta1);
          p2 = F.mul(p2, beta2);
          const c1 = F.sub(F.one, p1);
          const c2 = F.sub(F.one, p2);
          m = mat(G.rows, G.cols, G.data.map((g, i) => F.add(F.mul(beta1, m.data[i]), F.mul(F.sub(F.one, beta1), g))));
          v = mat(G.rows, G.cols, G.data.map((g, i) => F.add(F.mul(beta2, v.data[i]), F.mul(F.sub(F.one, beta2), F.mul(g, g)))));
          return mat(G.rows, G.cols, m.data.map((mi, i) => {
            const den = F.add(F.sqrt(F.div(v.data[i], c2)), eps);
            return F.isZero(den) ? F.zero : F.div(F.div(mi, c1), den);
          }));
        },
      };
    },
  };
}
