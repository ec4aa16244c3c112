"""
NumPy transliteration of the two reference implementations of practical Muon, for test/practical/reference.test.ts.

  KellerJordan/Muon   muon.py             commit 857d1adc159e098212f828d927460782d3da59e9 (2025-11-23)
  pytorch/pytorch     torch/optim/_muon.py commit b5ee4d7a797023e11507aea90811559872ce8ff6 (the NS loop on torch.addmm,
                      as in current PyTorch; an earlier revision, 098e03f9, had use_addmm=False by default)

The functions below marked "verbatim" keep the source's lines, names and structure (diff them with the originals);
only the distributed parts (all_gather, world size) and the parts our matrices never reach (4-D conv weights,
closures) are left out, each said where. They run on `Tensor`, a minimal stand-in for torch.Tensor that
implements exactly the operations these lines use, with torch's dtype rules for float64 and bfloat16:

  * bfloat16 values are float64 numbers rounded like torch: to float32 (nearest even), then the float32 bit
    pattern's top 16 bits to nearest even (c10 round_to_nearest_even); `.bfloat16()` of a float64 tensor goes through
    float32 the same way;
  * an elementwise op on bf16 tensors is computed in float32 "opmath" and rounded once to bf16; a Python float
    operand enters as float32 (np.float32(s)); computed here in float64, then rounded through float32 — the same
    result (bf16 and float32 operands, +, -, *, /, sqrt: double rounding 53 -> 24 -> 8 bits is innocuous);
  * a bf16 matmul or norm sums its products in a wide accumulator and rounds once to bf16 (torch: float32
    accumulation in an unspecified order); here float64 `@` / sum of squares, then rounded once; torch.addmm(C, P,
    Q, beta, alpha) = alpha*(P @ Q) + beta*C likewise, alpha and beta as float32, rounded once (a GEMM epilogue);
  * float64 tensors: plain float64 NumPy (np.linalg.norm for norm);
  * lerp is ATen/native/Lerp.h's: weight < 0.5 ? self + weight*(end - self) : end - (end - self)*(1 - weight).

Set BF16 = False to run the same lines with `.bfloat16()` a no-op: the references' algorithm in float64.

Reads a JSON list of cases on stdin, writes the results as JSON on stdout (non-finite numbers as strings).
"""
import json
import math
import sys

import numpy as np

BF16 = True


# ---------------------------------------------------------------- a minimal torch (only what the two files use)

def _to_bf16(x):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        f = np.atleast_1d(x).astype(np.float32)
    b = f.view(np.uint32).astype(np.uint64)
    r = ((b + 0x7FFF + ((b >> 16) & 1)) & 0xFFFF0000).astype(np.uint32)
    out = r.view(np.float32).astype(np.float64)
    out[np.isnan(np.atleast_1d(x))] = np.nan
    return out.reshape(x.shape)


def _scalar(s, dtype):
    # a Python float in a kernel of this dtype: float32 opmath for bfloat16, float64 for float64
    return float(np.float32(s)) if dtype == "bfloat16" else float(s)


class Tensor:
    def __init__(self, data, dtype="float64"):
        self.dtype = dtype
        data = np.asarray(data, dtype=np.float64)
        self.data = _to_bf16(data) if dtype == "bfloat16" else data

    def _new(self, data):
        return Tensor(data, self.dtype)

    @property
    def ndim(self):
        return self.data.ndim

    @property
    def shape(self):
        return self.data.shape

    def size(self, i=None):
        return self.data.shape if i is None else self.data.shape[i]

    @property
    def mT(self):
        return Tensor(np.swapaxes(self.data, -2, -1), self.dtype)

    @property
    def T(self):
        return Tensor(self.data.T, self.dtype)

    def bfloat16(self):
        return Tensor(self.data, "bfloat16") if BF16 else Tensor(self.data.copy(), self.dtype)

    def reshape(self, shape):
        return Tensor(self.data.reshape(shape), self.dtype)

    def norm(self, dim=None, keepdim=False):
        axis = tuple(dim) if dim is not None else None
        if self.dtype == "bfloat16":
            n = np.sqrt(np.sum(self.data * self.data, axis=axis, keepdims=keepdim))
        else:
            n = np.linalg.norm(self.data, axis=axis, keepdims=keepdim) if axis is not None else np.linalg.norm(self.data)
        return self._new(n)

    def clamp(self, min=None):
        return self._new(np.maximum(self.data, _scalar(min, self.dtype)))

    def _binary(self, other, op):
        if isinstance(other, Tensor):
            return self._new(op(self.data, other.data))
        return self._new(op(self.data, _scalar(other, self.dtype)))

    def __add__(self, other):
        return self._binary(other, lambda x, y: x + y)

    __radd__ = __add__

    def __mul__(self, other):
        return self._binary(other, lambda x, y: x * y)

    __rmul__ = __mul__

    def __truediv__(self, other):
        return self._binary(other, lambda x, y: x / y)

    def __matmul__(self, other):
        return self._new(self.data @ other.data)

    def __imul__(self, other):
        self.data = self._binary(other, lambda x, y: x * y).data
        return self

    def div_(self, other):
        self.data = self._binary(other, lambda x, y: x / y).data
        return self

    def mul_(self, s):
        self.data = self._binary(s, lambda x, y: x * y).data
        return self

    def add_(self, other, alpha=1):
        # param (float64) += alpha * other, other upcast to float64 (exact from bf16)
        self.data = self._new(self.data + _scalar(alpha, self.dtype) * other.data).data
        return self

    def _lerp(self, end, weight):
        s, e, w = self.data, end.data, _scalar(weight, self.dtype)
        return s + w * (e - s) if abs(w) < 0.5 else e - (e - s) * (1 - w)

    def lerp_(self, end, weight):
        self.data = self._new(self._lerp(end, weight)).data
        return self

    def lerp(self, end, weight):
        return self._new(self._lerp(end, weight))


class torch:
    Tensor = Tensor

    @staticmethod
    def addmm(input, mat1, mat2, *, beta=1, alpha=1):
        dt = input.dtype
        return Tensor(_scalar(alpha, dt) * (mat1.data @ mat2.data) + _scalar(beta, dt) * input.data, dt)

    @staticmethod
    def zeros_like(p, memory_format=None):
        return Tensor(np.zeros_like(p.data), p.dtype)


# ---------------------------------------------------------------- KellerJordan/Muon muon.py (verbatim)

def zeropower_via_newtonschulz5(G, steps: int):
    assert G.ndim >= 2 # batched Muon implementation by @scottjmaddox, and put into practice in the record by @YouJiacheng
    a, b, c = (3.4445, -4.7750,  2.0315)
    X = G.bfloat16()
    if G.size(-2) > G.size(-1):
        X = X.mT

    # Ensure spectral norm is at most 1
    X = X / (X.norm(dim=(-2, -1), keepdim=True) + 1e-7)
    # Perform the NS iterations
    for _ in range(steps):
        A = X @ X.mT
        B = b * A + c * A @ A # quintic computation strategy adapted from suggestion by @jxbz, @leloykun, and @YouJiacheng
        X = a * X + B @ X

    if G.size(-2) > G.size(-1):
        X = X.mT
    return X


def muon_update(grad, momentum, beta=0.95, ns_steps=5, nesterov=True):
    momentum.lerp_(grad, 1 - beta)
    update = grad.lerp_(momentum, beta) if nesterov else momentum
    if update.ndim == 4: # for the case of conv filters
        update = update.view(len(update), -1)
    update = zeropower_via_newtonschulz5(update, steps=ns_steps)
    update *= max(1, grad.size(-2) / grad.size(-1))**0.5
    return update


def SingleDeviceMuon_step(self_state, group, p):
    # the body of SingleDeviceMuon.step for one parameter p (loop over groups/params, closure left out)
                if p.grad is None:
                    # continue
                    p.grad = torch.zeros_like(p)  # Force synchronization
                state = self_state
                if len(state) == 0:
                    state["momentum_buffer"] = torch.zeros_like(p)
                update = muon_update(p.grad, state["momentum_buffer"], beta=group["momentum"])
                p.mul_(1 - group["lr"] * group["weight_decay"])
                p.add_(update.reshape(p.shape), alpha=-group["lr"])
                return update  # (not in the source: returned so that the test can compare it)


# ---------------------------------------------------------------- torch/optim/_muon.py (verbatim)

EPS = 1e-7
DEFAULT_A = 3.4445
DEFAULT_B = -4.7750
DEFAULT_C = 2.0315
DEFAULT_NS_STEPS = 5


def _zeropower_via_newtonschulz(
    grad, ns_coefficients, ns_steps, eps
):
    if ns_steps >= 100:
        raise ValueError(
            "Number of steps must be less than 100 for computational efficiency"
        )
    if len(grad.shape) != 2:
        raise ValueError("Input tensor gradient must be a 2D matrix")
    if len(ns_coefficients) != 3:
        raise ValueError("Coefficients must be a tuple of exactly 3 values")
    a, b, c = ns_coefficients
    ortho_grad = grad.bfloat16()
    if grad.size(0) > grad.size(1):
        ortho_grad = ortho_grad.T
    # Ensure spectral norm is at most 1
    ortho_grad.div_(ortho_grad.norm().clamp(min=eps))
    # Perform the NS iterations
    for _ in range(ns_steps):
        gram_matrix = ortho_grad @ ortho_grad.T
        gram_update = torch.addmm(
            gram_matrix, gram_matrix, gram_matrix, beta=b, alpha=c
        )
        ortho_grad = torch.addmm(ortho_grad, gram_update, ortho_grad, beta=a)

    if grad.size(0) > grad.size(1):
        ortho_grad = ortho_grad.T
    return ortho_grad


def _adjust_lr(
    lr, adjust_lr_fn, param_shape,
):
    """Default learning rate adjustment used by Muon."""
    A, B = param_shape[:2]

    if adjust_lr_fn is None or adjust_lr_fn == "original":
        # pyrefly: ignore [no-matching-overload]
        adjusted_ratio = math.sqrt(max(1, A / B))
    elif adjust_lr_fn == "match_rms_adamw":
        adjusted_ratio = 0.2 * math.sqrt(max(A, B))
    else:
        adjusted_ratio = 1.0
    return lr * adjusted_ratio


def _single_tensor_muon(
    params,
    grads,
    muon_momentum_bufs,
    *,
    lr,
    weight_decay,
    momentum,
    nesterov,
    ns_coefficients,
    ns_steps,
    eps,
    adjust_lr_fn,
    has_complex,
):
    updates = []  # (not in the source: collected so that the test can compare them)
    for i, param in enumerate(params):
        grad = grads[i]
        if grad.ndim != 2:
            raise ValueError("Param gradient must be a 2D matrix")

        buf = muon_momentum_bufs[i]
        buf.lerp_(grad, 1 - momentum)
        update = grad.lerp(buf, momentum) if nesterov else buf

        update = _zeropower_via_newtonschulz(update, ns_coefficients, ns_steps, eps)

        adjusted_lr = _adjust_lr(lr, adjust_lr_fn, param.shape)

        param.mul_(1 - lr * weight_decay)
        param.add_(update, alpha=-adjusted_lr)
        updates.append((update, adjusted_lr))
    return updates


# ---------------------------------------------------------------- driver

def _mat(m):
    return np.array(m["data"], dtype=np.float64).reshape(m["rows"], m["cols"])


def _out(a):
    a = np.asarray(a, dtype=np.float64)
    return [x if math.isfinite(x) else str(x) for x in a.ravel().tolist()]


def run_case(case):
    global BF16
    BF16 = case["bf16"]
    ref = case["reference"]
    if case["kind"] == "ns":
        G = Tensor(_mat(case["G"]))
        if ref == "kellerjordan":
            X = zeropower_via_newtonschulz5(G, steps=case["steps"])
        else:
            X = _zeropower_via_newtonschulz(G, (DEFAULT_A, DEFAULT_B, DEFAULT_C), case["steps"], EPS)
        return {"X": _out(X.data)}
    # "opt": several steps on given gradients, from X0, with the given learning rates
    p = Tensor(_mat(case["X0"]))
    out = {"X": [], "update": [], "ratio": []}
    if ref == "kellerjordan":
        group = {"lr": None, "weight_decay": case["weightDecay"], "momentum": case["momentum"]}
        state = {}
        for g, lr in zip(case["grads"], case["lrs"]):
            group["lr"] = lr
            p.grad = Tensor(_mat(g))
            update = SingleDeviceMuon_step(state, group, p)
            out["X"].append(_out(p.data))
            out["update"].append(_out(update.data))
            out["ratio"].append(1.0)
    else:
        bufs = [torch.zeros_like(p)]
        for g, lr in zip(case["grads"], case["lrs"]):
            grads = [Tensor(_mat(g))]
            (update, adjusted_lr), = _single_tensor_muon(
                [p], grads, bufs, lr=lr, weight_decay=case["weightDecay"], momentum=case["momentum"], nesterov=case["nesterov"],
                ns_coefficients=(DEFAULT_A, DEFAULT_B, DEFAULT_C), ns_steps=case["steps"], eps=EPS,
                adjust_lr_fn=case.get("adjustLr"), has_complex=False)
            out["X"].append(_out(p.data))
            out["update"].append(_out(update.data))
            out["ratio"].append(adjusted_lr / lr)
    return out


if __name__ == "__main__":
    cases = json.load(sys.stdin)
    json.dump({"numpy": np.__version__, "results": [run_case(c) for c in cases]}, sys.stdout)
