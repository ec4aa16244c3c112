import { parentPort, workerData } from 'node:worker_threads';
import { readReplayInput, replayInput } from './replay-core.ts';

const { file, claimsFile } = workerData as { file: string; claimsFile?: string };
const post = (m: unknown): void => parentPort!.postMessage(m);

try {
  const input = await readReplayInput(file, claimsFile);
  const code = replayInput(input, (line) => post({ type: 'line', line }));
  post({ type: 'done', code });
} catch (e) {
  post({ type: 'error', message: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) });
}
