import { parentPort, workerData } from 'node:worker_threads';
import { runClaims, type RunRequest } from './run-claims.ts';

const { request, stop } = workerData as { request: RunRequest; stop: SharedArrayBuffer };
const flag = new Int32Array(stop);
const post = (m: unknown): void => parentPort!.postMessage(m);

try {
  runClaims(request, {
    shouldStop: () => Atomics.load(flag, 0) === 1,
    onProgress: (message) => post({ type: 'progress', message }),
    onResult: (result) => post({ type: 'result', result }),
  });
  post({ type: 'done' });
} catch (e) {
  post({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
