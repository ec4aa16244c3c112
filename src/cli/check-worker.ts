import { parentPort, workerData } from 'node:worker_threads';
import { resolveClaimSet } from './claim-set.ts';
import { runClaims, type RunRequest } from './run-claims.ts';

const { request, stop } = workerData as { request: RunRequest; stop: SharedArrayBuffer };
const flag = new Int32Array(stop);
const post = (m: unknown): void => parentPort!.postMessage(m);

try {
  // The same claims as the main thread resolved (the user's module, when given, is loaded here too).
  const set = await resolveClaimSet({ patterns: [], claimsFile: request.claimsFile, withCatalogue: request.withCatalogue ?? false });
  runClaims(
    request,
    {
      shouldStop: () => Atomics.load(flag, 0) === 1,
      onProgress: (message) => post({ type: 'progress', message }),
      onResult: (result) => post({ type: 'result', result }),
      onCell: (cell) => post({ type: 'cell', cell }),
    },
    set.byId,
  );
  post({ type: 'done' });
} catch (e) {
  post({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
