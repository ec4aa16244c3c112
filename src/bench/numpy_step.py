"""NumPy's figure for `npm run bench` (src/bench/numpy.ts): ms of CPU time per simplified-Muon MF step
G = (U U^T - M) U  (dense)  or  U (U^T U) - V (diag(lambda) V^T U)  (factored),  U <- U - eta * msign(G),
msign through numpy.linalg.svd, with the same relative cut-off as the TypeScript routes (max(d, k) * 2u * sigma_max).

Reads {"instances": [{d, k, V, lambdas, M, U0}], "minBlockMs", "repeats", "eta"} as JSON on stdin; writes
{"numpy": version, "results": [{d, k, denseMs, factoredMs}]} on stdout. Timing: CPU time of this process
(time.process_time), a warm-up, then `repeats` blocks of >= minBlockMs, the median block; run with one BLAS
thread (the caller sets OPENBLAS_NUM_THREADS=1 etc.) so that the CPU time is the single-threaded cost, as for Node.
"""
import json
import sys
import time

import numpy as np

U_ROUNDOFF = 2.0 ** -53


def msign(G):
    u, s, vt = np.linalg.svd(G, full_matrices=False)
    keep = (s > max(G.shape) * 2 * U_ROUNDOFF * s[0]) & (s > 0)
    return u[:, keep] @ vt[keep]


def per_call(step, min_ms, repeats):
    t0 = time.process_time()
    calls = 0
    while calls < 20 or (time.process_time() - t0) * 1000 < max(min_ms / 4, 30):
        step()
        calls += 1
    per = (time.process_time() - t0) * 1000 / calls
    n = max(1, int(np.ceil(min_ms / max(per, 1e-6))))
    blocks = []
    for _ in range(repeats):
        t = time.process_time()
        for _ in range(n):
            step()
        blocks.append((time.process_time() - t) * 1000 / n)
    blocks.sort()
    return blocks[len(blocks) // 2]


def main():
    spec = json.load(sys.stdin)
    eta = spec["eta"]
    out = []
    for inst in spec["instances"]:
        d, k = inst["d"], inst["k"]
        r = len(inst["lambdas"])
        V = np.array(inst["V"], dtype=float).reshape(d, r)
        lam = np.array(inst["lambdas"], dtype=float)
        M = np.array(inst["M"], dtype=float).reshape(d, d)
        U0 = np.array(inst["U0"], dtype=float).reshape(d, k)
        res = {"d": d, "k": k}
        for form in ("dense", "factored"):
            state = {"U": U0.copy()}

            def step():
                U = state["U"]
                if form == "dense":
                    G = (U @ U.T - M) @ U
                else:
                    G = U @ (U.T @ U) - V @ (lam[:, None] * (V.T @ U))
                state["U"] = U - eta * msign(G)

            res[form + "Ms"] = per_call(step, spec["minBlockMs"], spec["repeats"])
        out.append(res)
    json.dump({"numpy": np.__version__, "results": out}, sys.stdout)


if __name__ == "__main__":
    main()
