// Worker entry of `muon-claims check`: the claims run here, so that the main thread stays free to answer SIGINT.
import { register } from 'tsx/esm/api';

register();
await import('./check-worker.ts');
