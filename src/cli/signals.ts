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
  /** Recorded by bin first thing: the parent pid and how often it had woken (see watchParents). */
  launch?: { ppid: number; parentWakeups?: number };
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

/** How often the process has blocked (voluntary context switches) — only while it is asleep, else undefined. */
function wakeups(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /voluntary_ctxt_switches:\s*(\d+)/.exec(status);
    return m && /^State:\s*S/m.test(status) ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Watches the processes that launched this one, so that no run outlives them and a signal sent to them reaches it.
 * `npx muon-claims …` and `npm run check` run `npm` → `sh -c …` → node: npm forwards SIGINT and SIGTERM to the
 * shell, and the shell does not pass them on. So:
 *  - when the parent, or (the parent being such a shell) the process above it, exits — SIGTERM or SIGKILL to npx —
 *    `onStop` is called with SIGHUP (the launcher is gone; nothing can read our output any more);
 *  - when npm launched us through a shell, the shell (blocked in wait() for us, its only child) wakes up only when a
 *    signal is delivered to it: npm's forwarded SIGINT (SIGTERM kills the shell and is seen as above). Such a
 *    wake-up, measured by its voluntary context switches in /proc, calls `onStop` with SIGINT. A SIGCONT of our own
 *    (job control: the shell is told when we continue) is not taken for one.
 * Polls every `intervalMs` (the timer does not keep the process alive). Linux reads /proc; elsewhere only the parent
 * is watched (by our parent pid changing). Returns the stop function.
 */
export function watchParents(onStop: (signal: StopSignal, why: string) => void, intervalMs = 200): () => void {
  // From bin's record when there is one: the launcher may have gone (or been signalled) while the CLI loaded.
  const launch = signalHub().launch;
  const ppid = launch?.ppid ?? process.ppid;
  const viaShell = SHELLS.has(commOf(ppid));
  const grand = viaShell ? parentOf(ppid) : undefined;
  const grandName = grand !== undefined ? commOf(grand) : '';
  const fromNpm = viaShell && /^npm\b/.test(grandName);
  let baseline = fromNpm ? (launch?.ppid === ppid && launch.parentWakeups !== undefined ? launch.parentWakeups : wakeups(ppid)) : undefined;
  let continuedAt = -Infinity;
  const onCont = (): void => void (continuedAt = Date.now());
  process.on('SIGCONT', onCont);
  let fired = false;
  const stop = (): void => {
    clearInterval(timer);
    process.off('SIGCONT', onCont);
  };
  const timer = setInterval(() => {
    if (fired) return;
    let why: string | undefined;
    let signal: StopSignal = 'SIGHUP';
    if (process.ppid !== ppid) why = `the parent process (pid ${ppid}) exited`;
    else if (grand !== undefined && grand > 1 && parentOf(ppid) !== grand) why = `the launching process (${grandName || 'pid'} ${grand}) exited`;
    else if (fromNpm && baseline === undefined) baseline = wakeups(ppid);
    else if (baseline !== undefined) {
      const now = wakeups(ppid);
      if (now !== undefined && now > baseline) {
        if (Date.now() - continuedAt < 2000) baseline = now;
        else {
          why = `interrupted by SIGINT (sent to ${grandName.trim() || 'npm'}, pid ${grand})`;
          signal = 'SIGINT';
        }
      }
    }
    if (why) {
      fired = true;
      stop();
      onStop(signal, why);
    }
  }, intervalMs);
  timer.unref();
  return stop;
}
