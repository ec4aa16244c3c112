// Worker entry of `muon-claims check`: the claims run here, so that the main thread stays free to answer SIGINT.
// From the sources (src/) the worker needs tsx; the build (dist/, where the import below reads ./check-worker.js) does not.
import { existsSync } from 'node:fs';

if (existsSync(new URL('./check-worker.ts', import.meta.url))) (await import('tsx/esm/api')).register();
await import('./check-worker.ts');
