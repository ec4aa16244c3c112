import type { TestProject } from 'vitest/node';
import { profileFromEnv, seedFromEnv } from '../src/claims/profile.ts';
import { newVitestResultsDir, writeVitestReport } from '../src/report/vitest-results.ts';

/*
 * Before the run: a fresh folder for this run's claim results, handed to the test files (inject('muonResultsDir')).
 * After it: the report set written from the claims that ran — the same files as the CLI writes — into this run's own
 * folder (reports/ for a full run, reports/shard-i-of-n/ for a shard, reports/partial/ for some of the claims), as a
 * unit and under the folder's lock; no other run's files are touched.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    muonResultsDir: string;
  }
}

let started = new Date();
let dir = '';
let shard: { index: number; count: number } | undefined;

export function setup(project: TestProject): void {
  started = new Date();
  dir = newVitestResultsDir();
  shard = project.vitest.config.shard;
  project.provide('muonResultsDir', dir);
}

export function teardown(): void {
  writeVitestReport(started, profileFromEnv(), seedFromEnv(), dir, shard);
}
