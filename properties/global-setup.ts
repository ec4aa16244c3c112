import type { TestProject } from 'vitest/node';
import { profileFromEnv, seedFromEnv } from '../src/claims/profile.ts';
import { newVitestResultsDir, writeVitestReport } from '../src/report/vitest-results.ts';

/*
 * Before the run: a fresh folder for the claim results, handed to the test files (inject('muonResultsDir')).
 * After it: reports/ written from the claims that ran — the same files as the CLI writes.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    muonResultsDir: string;
  }
}

let started = new Date();
let dir = '';

export function setup(project: TestProject): void {
  started = new Date();
  dir = newVitestResultsDir();
  project.provide('muonResultsDir', dir);
}

export function teardown(): void {
  writeVitestReport(started, profileFromEnv(), seedFromEnv(), dir);
}
