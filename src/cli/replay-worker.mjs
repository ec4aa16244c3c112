// Worker entry of `muon-claims replay`: the case runs here, so that the main thread can end it at the time limit.
import { register } from 'tsx/esm/api';

register();
await import('./replay-worker.ts');
