// Worker entry of `muon-claims replay`: the case runs here, so that the main thread can end it at the time limit.
// From the sources (src/) the worker needs tsx; the build (dist/, where the import below reads ./replay-worker.js) does not.
import { existsSync } from 'node:fs';

if (existsSync(new URL('./replay-worker.ts', import.meta.url))) (await import('tsx/esm/api')).register();
await import('./replay-worker.ts');
