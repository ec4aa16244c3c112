import { readFileSync } from 'node:fs';

/*
 * Signals of the CLI process. bin/muon-claims.mjs installs the first handlers as its very first statement — before
 * tsx and the library load — and records what arrives in a hub on globalThis; the commands subscribe here. So a
 * SIGINT or SIGTERM that arrives while the CLI is still loading is not lost: `check` sees it and writes a report
 * marked incomplete instead of leaving the previous complete one unmarked.
 *
 * Exit codes follow the shell's 128 + n: 129 SIGHUP, 130 SIGINT, 143 SIGTERM.
 */

export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
export const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
export const SIGNAL_EXIT: Readonly<Record<StopSignal, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

interface Hub {
  /** The first stop signal received (or the parent's death, reported as SIGHUP). */
  received?: StopSignal;
  /** How many stop signals arrived. */
  count: number;
  readonly listeners: Set<(s: StopSignal, count: number) => void>;
  /** Set by bin: true once the process-level handlers are installed. */
  installed?: boolean;
  /** True while the CLI loads: a signal is only recorded, for the command to act on. */
  loading?: boolean;
}

const KEY = Symbol.for('muon-claims.signals');

export function signalHub(): Hub {
  const g = globalThis as unknown as Record<symbol, Hub | undefined>;
  return (g[KEY] ??= { count: 0, listeners: new Set() });
}

/**
 * Installs the process handlers once (bin does this first, in its own copy of this logic, before anything loads).
 * With no subscriber a signal ends the process at once with 128 + n, as without a handler — except while `loading`
 * is set, when it is only recorded.
 */
export function installSignalHandlers(): void {
  const hub = signalHub();
  if (hub.installed) return;
  hub.installed = true;
  for (const s of STOP_SIGNALS) process.on(s, () => deliver(s));
}

export function deliver(s: StopSignal): void {
  const hub = signalHub();
  hub.received ??= s;
  hub.count++;
  if (hub.listeners.size === 0 && !hub.loading) process.exit(SIGNAL_EXIT[s]);
  for (const l of [...hub.listeners]) l(s, hub.count);
}

/** Ends the loading phase (main does this when a command starts): unsubscribed signals exit again. */
export function loaded(): void {
  signalHub().loading = false;
}

/** Subscribes to stop signals; returns the unsubscribe function. */
export function onStopSignal(fn: (s: StopSignal, count: number) => void): () => void {
  const hub = signalHub();
  hub.listeners.add(fn);
  return () => void hub.listeners.delete(fn);
}

/** The stop signal received so far (e.g. while the CLI was loading), if any. */
export function receivedSignal(): StopSignal | undefined {
  return signalHub().received;
}

/** For tests: forget what was received. */
export function resetSignals(): void {
  const hub = signalHub();
  delete hub.received;
  hub.count = 0;
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …" — comm may contain spaces and parentheses.
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' || fields[0] === 'X' ? undefined : Number(fields[1]);
  } catch {
    return undefined;
  }
}

function commOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh', 'ash', 'busybox']);

/**
 * Watches the processes that launched this one, so that no run outlives them: `npx muon-claims …` runs
 * `npm exec` → `sh -c muon-claims …` → node, and a signal (or SIGKILL) sent to npx does not reach node through the
 * shell. When the parent — or, when the parent is such a shell, the process above it — exits, `onGone` is called
 * once. Polls every `intervalMs` (the timer does not keep the process alive). Linux reads /proc; elsewhere only the
 * parent is watched (by its pid changing). Returns the stop function.
 */
export function watchParents(onGone: (who: string) => void, intervalMs = 250): () => void {
  const ppid = process.ppid;
  const grand = SHELLS.has(commOf(ppid)) ? parentOf(ppid) : undefined;
  const grandName = grand !== undefined ? commOf(grand) : '';
  let fired = false;
  const timer = setInterval(() => {
    if (fired) return;
    let gone: string | undefined;
    if (process.ppid !== ppid) gone = `the parent process (pid ${ppid}) exited`;
    else if (grand !== undefined && grand > 1 && parentOf(ppid) !== grand) gone = `the launching process (${grandName || 'pid'} ${grand}) exited`;
    if (gone) {
      fired = true;
      clearInterval(timer);
      onGone(gone);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
