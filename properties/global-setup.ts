import { profileFromEnv, seedFromEnv } from '../src/claims/profile.ts';
import { clearVitestResults, writeVitestReport } from '../src/report/vitest-results.ts';

/** Before the run: forget earlier results. After it: write reports/ from the claims that ran (same files as the CLI). */
let started = new Date();

export function setup(): void {
  started = new Date();
  clearVitestResults();
}

export function teardown(): void {
  writeVitestReport(started, profileFromEnv(), seedFromEnv());
}
