import { bf16, float32Scalar } from '../arith/bf16.ts';
import type { Field, Scalarish } from '../arith/field.ts';
import type { LinAlg } from '../linalg/backend.ts';
import { add, mat, scale, zeros, type Mat } from '../linalg/mat.ts';
import { ns5Reference, NS5_STEPS, type MuonReference } from '../linalg/ns5.ts';
import type { Optimizer, Stepper } from './optimizer.ts';

/*
 * Muon as the reference implementations run it, as an Optimizer (X_{t+1} = X_t − η_t D_t, η_t the caller's schedule,
 * i.e. the references' lr):
 *
 * KellerJordan/Muon, muon.py at commit 857d1adc159e098212f828d927460782d3da59e9 (2025-11-23), SingleDeviceMuon.step
 * and muon_update:
 *     momentum.lerp_(grad, 1 - beta)
 *     update = grad.lerp_(momentum, beta) if nesterov else momentum
 *     update = zeropower_via_newtonschulz5(update, steps=ns_steps)          # bf16 (ns5Reference 'kellerjordan')
 *     update *= max(1, grad.size(-2) / grad.size(-1))**0.5                   # on the bf16 tensor: rounded to bf16
 *     p.mul_(1 - group["lr"] * group["weight_decay"])
 *     p.add_(update.reshape(p.shape), alpha=-group["lr"])
 *   defaults lr = 0.02, weight_decay = 0, momentum = 0.95, nesterov = True, ns_steps = 5.
 *
 * torch.optim.Muon, pytorch torch/optim/_muon.py at commit b5ee4d7a797023e11507aea90811559872ce8ff6,
 * _single_tensor_muon:
 *     buf.lerp_(grad, 1 - momentum)
 *     update = grad.lerp(buf, momentum) if nesterov else buf
 *     update = _zeropower_via_newtonschulz(update, ns_coefficients, ns_steps, eps)   # bf16, addmm (ns5Reference 'torch')
 *     adjusted_lr = _adjust_lr(lr, adjust_lr_fn, param.shape)
 *     param.mul_(1 - lr * weight_decay)
 *     param.add_(update, alpha=-adjusted_lr)
 *   with _adjust_lr: A, B = param_shape[:2]; None or "original": lr·√max(1, A/B); "match_rms_adamw": lr·0.2·√max(A, B);
 *   defaults lr = 1e-3, weight_decay = 0.1, momentum = 0.95, nesterov = True, ns_steps = 5, eps = 1e-7,
 *   adjust_lr_fn = None.
 *
 * As a direction: X_{t+1} = X_t(1 − η·wd) − η·s·O_t = X_t − η(wd·X_t + s·O_t), so D_t = wd·X_t + s·O_t with s the
 * shape scale (KellerJordan, applied to the bf16 update and rounded with it) or adjusted_lr/lr (torch, in the
 * parameters' precision). The two forms of X_{t+1} differ only by the rounding of the parameter update.
 *
 * lerp is torch's (ATen/native/Lerp.h): weight < 0.5 ? self + weight·(end − self) : end − (end − self)·(1 − weight),
 * in the parameters' precision (our float64 or the caller's field; the references hold params, grads and the
 * momentum buffer in float32). torch's vectorised CPU kernel fuses the same expression (fmadd), ≤ 1 ulp apart.
 */

export interface PracticalMuonOptions {
  /** Which reference: 'kellerjordan' (KellerJordan/Muon SingleDeviceMuon) or 'torch' (torch.optim.Muon). */
  readonly reference: MuonReference;
  /** β of the momentum (both: 0.95). */
  readonly momentum?: Scalarish;
  /** Nesterov (both: true). */
  readonly nesterov?: boolean;
  /** Newton–Schulz iterations (both: 5). */
  readonly nsSteps?: number;
  /** Decoupled weight decay (KellerJordan: 0, torch: 0.1). */
  readonly weightDecay?: Scalarish;
  /** torch's adjust_lr_fn (undefined = 'original'); KellerJordan always scales by √max(1, rows/cols). */
  readonly adjustLr?: 'original' | 'match_rms_adamw';
  /** 'bf16' (default, as the references run it) or 'field': the Newton–Schulz step in the backend's own field. */
  readonly precision?: 'bf16' | 'field';
}

/** torch's lerp (ATen/native/Lerp.h) entrywise: start + w·(end − start) for |w| < ½, else end − (end − start)·(1 − w). */
export function lerp<T>(F: Field<T>, start: Mat<T>, end: Mat<T>, weight: T): Mat<T> {
  const small = F.lt(F.abs(weight), F.of('0.5'));
  const oneMinus = F.sub(F.one, weight);
  return mat(start.rows, start.cols, start.data.map((s, i) => {
    const e = end.data[i]!;
    return small ? F.add(s, F.mul(weight, F.sub(e, s))) : F.sub(e, F.mul(F.sub(e, s), oneMinus));
  }));
}

/** The learning-rate ratio adjusted_lr/lr of torch's _adjust_lr, or KellerJordan's shape scale, for a rows×cols parameter. */
export function shapeScale(reference: MuonReference, rows: number, cols: number, adjustLr?: 'original' | 'match_rms_adamw'): number {
  if (reference === 'torch' && adjustLr === 'match_rms_adamw') return 0.2 * Math.sqrt(Math.max(rows, cols));
  return Math.sqrt(Math.max(1, rows / cols));
}

/** Muon as KellerJordan/Muon or torch.optim.Muon implement it (see above), at their defaults unless told otherwise. */
export function practicalMuon(options: PracticalMuonOptions): Optimizer {
  const ref = options.reference;
  const kj = ref === 'kellerjordan';
  const beta = options.momentum ?? '0.95';
  const nesterov = options.nesterov ?? true;
  const steps = options.nsSteps ?? NS5_STEPS;
  const wd = options.weightDecay ?? (kj ? '0' : '0.1');
  const precision = options.precision ?? 'bf16';
  if (kj && options.adjustLr !== undefined) throw new RangeError('practicalMuon: adjustLr is torch.optim.Muon\'s option; KellerJordan/Muon always scales by √max(1, rows/cols)');
  const params: Record<string, string | number> = {
    reference: kj ? 'KellerJordan/Muon' : 'torch.optim.Muon',
    momentum: String(beta),
    nesterov: String(nesterov),
    nsSteps: steps,
    weightDecay: String(wd),
    precision,
  };
  if (!kj) params.adjustLr = options.adjustLr ?? 'original';
  return {
    id: kj ? 'muon-kj' : 'muon-torch',
    params,
    start<T>(la: LinAlg<T>, X0: Mat<T>): Stepper<T> {
      const F = la.F;
      const b = F.of(beta);
      if (!F.isFinite(b) || F.lt(b, F.zero) || !F.lt(b, F.one)) throw new RangeError(`practicalMuon: momentum must be in [0, 1), got ${F.toString(b)}`);
      const lambda = F.of(wd);
      if (!F.isFinite(lambda) || F.lt(lambda, F.zero)) throw new RangeError(`practicalMuon: weight decay must be finite and ≥ 0, got ${F.toString(lambda)}`);
      const oneMinusBeta = F.sub(F.one, b);
      const s = shapeScale(ref, X0.rows, X0.cols, options.adjustLr);
      let buf = zeros(F, X0.rows, X0.cols);
      return {
        direction: (X, G) => {
          buf = lerp(F, buf, G, oneMinusBeta);
          const U = nesterov ? lerp(F, G, buf, b) : buf;
          let O = ns5Reference(F, U, ref, { steps, precision });
          // KellerJordan: `update *= max(1, rows/cols)**0.5` on the bf16 tensor (float32 scalar, bf16 result);
          // torch: the ratio goes into adjusted_lr, in the parameters' precision
          if (kj && precision === 'bf16') O = mat(O.rows, O.cols, O.data.map((x) => F.of(bf16.mul(F.toNumber(x), float32Scalar(s)))));
          else O = scale(F, F.of(s), O);
          return F.isZero(lambda) ? O : add(F, scale(F, lambda, X), O);
        },
      };
    },
  };
}
