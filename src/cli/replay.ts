import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FixtureError } from '../claims/errata.ts';
import { REPLAY } from './commands.ts';
import { helpText, parseCommand, parseTimeLimit, str, UsageError } from './options.ts';
import { readReplayInput } from './replay-core.ts';
import { onStopSignal, receivedSignal, SIGNAL_EXIT, watchParents, type StopSignal } from './signals.ts';

/** Replay's default time limit (s): the default profile's per-claim limit. */
export const REPLAY_TIME_LIMIT_S = 60;

/**
 * `muon-claims replay FILE [--time-limit S] [--claims FILE]`: the file is validated first (exit 2 naming the file and
 * the field); then the case(s) run in a worker thread, so that the time limit and a stop signal end them at once
 * (verdict inconclusive, exit 0; a signal exits 128 + n). Exit 1 when the case violates the claim (confirmed, not a
 * recorded erratum), 0 otherwise.
 */
export async function replayCommand(args: readonly string[]): Promise<number> {
  let signal: StopSignal | undefined;
  let stop: (() => void) | undefined;
  const unsubscribe = onStopSignal((s) => {
    signal ??= s;
    stop?.();
  });
  try {
    const p = parseCommand(REPLAY, args);
    if (p === 'help') {
      console.log(helpText(REPLAY));
      return 0;
    }
    if (p.positionals.length !== 1) throw new UsageError(`needs exactly one FILE (a counterexample file such as reports/counterexamples/A.L2-1a2b3c4d.json, or a pinned-regression file fixtures/regressions/<id>.json), got ${p.positionals.length}`);
    const file = p.positionals[0]!;
    const tl = str(p, 'time-limit');
    const limitS = tl !== undefined ? parseTimeLimit(tl) : REPLAY_TIME_LIMIT_S;
    const claimsFile = str(p, 'claims');
    try {
      await readReplayInput(file, claimsFile); // validated here, before anything runs
    } catch (e) {
      if (e instanceof FixtureError) throw new UsageError(e.message);
      throw e;
    }
    signal ??= receivedSignal();
    if (signal) return SIGNAL_EXIT[signal];

    const worker = new Worker(new URL('./replay-worker.mjs', import.meta.url), { workerData: { file, claimsFile: claimsFile === undefined ? undefined : resolve(claimsFile) } });
    let code: number | undefined;
    let error: string | undefined;
    let timedOut = false;
    stop = () => void worker.terminate();
    const timer = setTimeout(() => {
      timedOut = true;
      void worker.terminate();
    }, limitS * 1000);
    const unwatch = watchParents((sig) => {
      signal ??= sig;
      void worker.terminate();
    });
    await new Promise<void>((done) => {
      worker.on('message', (m: { type: string; line?: string; code?: number; message?: string }) => {
        if (m.type === 'line') console.log(m.line);
        else if (m.type === 'done') code = m.code;
        else if (m.type === 'error') error = m.message;
      });
      worker.on('error', (e) => (error = e.stack ?? String(e)));
      worker.on('exit', () => done());
    });
    clearTimeout(timer);
    unwatch();
    if (signal) {
      console.log(`verdict: inconclusive — interrupted by ${signal}`);
      return SIGNAL_EXIT[signal];
    }
    if (timedOut && code === undefined) {
      console.log(`verdict: inconclusive — cut short by the time limit (${limitS} s; --time-limit SECONDS to change it)`);
      return 0;
    }
    if (error !== undefined) {
      if (error.startsWith('FixtureError: ')) {
        console.error(`muon-claims replay: ${error.slice('FixtureError: '.length).split('\n')[0]}`);
        return 2;
      }
      console.error(`muon-claims replay: ${error}`);
      return 1;
    }
    return code ?? 1;
  } finally {
    unsubscribe();
  }
}
