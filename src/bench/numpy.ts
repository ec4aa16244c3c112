import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MfInstance } from './bench.ts';

/**
 * NumPy/LAPACK measured in the same run (src/bench/numpy_step.py), when `python3` with numpy is on the machine
 * (Debian: apt-get install python3-numpy). Same instances, same step, same cut-off; CPU time with one BLAS thread
 * (the Node routes are single-threaded and timed in CPU time too, so a shared, loaded machine skews neither side).
 */
export interface NumpyTiming {
  readonly d: number;
  readonly k: number;
  readonly denseMs: number;
  readonly factoredMs: number;
}

export interface NumpyResult {
  readonly version: string;
  readonly results: readonly NumpyTiming[];
}

/** Runs the NumPy step on the instances; null (with the reason in `why`) when python3 or numpy is missing. */
export function measureNumpy(instances: readonly MfInstance[], o: { minBlockMs: number; repeats: number; eta: number }): NumpyResult | { why: string } {
  const script = fileURLToPath(new URL('./numpy_step.py', import.meta.url));
  const input = JSON.stringify({
    minBlockMs: o.minBlockMs,
    repeats: o.repeats,
    eta: o.eta,
    instances: instances.map((i) => ({ d: i.d, k: i.k, V: i.V.data, lambdas: i.lambdas, M: i.M.data, U0: i.U0.data })),
  });
  const one = '1';
  const r = spawnSync(process.env.MUON_PYTHON ?? 'python3', [script], {
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: { ...process.env, OPENBLAS_NUM_THREADS: one, OMP_NUM_THREADS: one, MKL_NUM_THREADS: one },
  });
  if (r.error) return { why: `python3 not runnable (${r.error.message})` };
  if (r.status !== 0) return { why: /No module named .?numpy/.test(r.stderr) ? 'numpy is not installed' : `numpy_step.py failed: ${r.stderr.trim().split('\n').at(-1)}` };
  const doc = JSON.parse(r.stdout) as { numpy: string; results: NumpyTiming[] };
  return { version: doc.numpy, results: doc.results };
}
