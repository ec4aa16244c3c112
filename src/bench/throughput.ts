import { spawnSync } from 'node:child_process';
import { runClaim } from '../claims/engine.ts';
import { claims } from '../claims/registry.ts';

/**
 * Throughput of the claims (cases per second per claim and profile) and the wall time of the project's long
 * commands. The one call into the engine is `checkClaim` below (the engine is being refactored: adapt it there).
 */

export interface ThroughputRow {
  readonly case: 'throughput';
  readonly claim: string;
  readonly profile: 'default' | 'deep';
  /** Random cases run (all modes), within the time budget. */
  readonly cases: number;
  /** Seconds the modes took (the engine's own per-mode timing). */
  readonly seconds: number;
  readonly casesPerSecond: number;
  /** True when the budget cut the run short (the profile asks for more cases than ran). */
  readonly cutShort: boolean;
}

export interface WallTimeRow {
  readonly case: 'walltime';
  readonly command: string;
  readonly seconds: number;
  readonly exitCode: number | null;
}

/** One claim through the engine: cases and seconds per mode (no probes; the time limit is the budget). */
function checkClaim(id: string, profile: 'default' | 'deep', budgetMs: number, seed: number): { cases: number; seconds: number; cutShort: boolean } {
  const claim = claims.find((c) => c.id === id);
  if (!claim) throw new Error(`bench: no claim ${id}`);
  const r = runClaim(claim, { profile, seed, timeLimitMs: budgetMs, probes: false });
  let cases = 0;
  let ms = 0;
  let cutShort = false;
  for (const m of r.modes) {
    cases += m.cases;
    ms += m.timeMs;
    if (m.interrupted || m.cases < m.requestedCases) cutShort = true;
  }
  return { cases, seconds: ms / 1000, cutShort };
}

export const claimIds = (): string[] => claims.map((c) => c.id);

/** Cases per second for each claim (or `only`) in each profile, each run given `budgetMs` of the engine's time limit. */
export function throughputRows(o: { budgetMs: number; seed?: number; only?: readonly string[]; profiles?: readonly ('default' | 'deep')[]; onRow?: (r: ThroughputRow) => void }): ThroughputRow[] {
  const rows: ThroughputRow[] = [];
  for (const profile of o.profiles ?? (['default', 'deep'] as const)) {
    for (const claim of o.only ?? claimIds()) {
      const { cases, seconds, cutShort } = checkClaim(claim, profile, o.budgetMs, o.seed ?? 1);
      const row: ThroughputRow = { case: 'throughput', claim, profile, cases, seconds, casesPerSecond: seconds > 0 ? cases / seconds : 0, cutShort };
      rows.push(row);
      o.onRow?.(row);
    }
  }
  return rows;
}

/** The long commands whose wall time the bench records (run from the repository root). */
export const WALL_COMMANDS: readonly (readonly string[])[] = [
  ['npm', 'test'],
  ['npm', 'run', 'check'],
  ['node', 'bin/muon-claims.mjs', 'reproduce', 'all'],
];

/** Runs each command (output discarded) and records its wall time and exit code. */
export function wallTimeRows(commands: readonly (readonly string[])[] = WALL_COMMANDS, onRow?: (r: WallTimeRow) => void): WallTimeRow[] {
  return commands.map(([cmd, ...args]) => {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { stdio: 'ignore', env: { ...process.env, CI: process.env.CI ?? '' } });
    const row: WallTimeRow = { case: 'walltime', command: [cmd, ...args].join(' '), seconds: (performance.now() - t0) / 1000, exitCode: r.status };
    onRow?.(row);
    return row;
  });
}
