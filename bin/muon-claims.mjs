#!/usr/bin/env node
// The muon-claims CLI, in this one process (the claims run in a worker thread of it, never in a child process): a
// signal sent to this process reaches the run, and nothing outlives it.
//
// First of all, before tsx and the library load (that takes a second), take SIGINT, SIGTERM and SIGHUP: a signal that
// arrives while loading is recorded, and `check` acts on it (an incomplete report, exit 128 + n) instead of dying
// silently and leaving the previous complete report unmarked. src/cli/signals.ts reads the same hub.
const hub = (globalThis[Symbol.for('muon-claims.signals')] ??= { count: 0, listeners: new Set() });
const EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
hub.installed = true;
hub.loading = true;
// Who launched us, and (Linux) how often the launching shell has woken so far: src/cli/signals.ts watchParents
// compares against these, so that a launcher that dies, or a SIGINT forwarded to it, while we load is not missed.
hub.launch = { ppid: process.ppid };
try {
  const { readFileSync } = await import('node:fs');
  const status = readFileSync(`/proc/${process.ppid}/status`, 'utf8');
  const m = /voluntary_ctxt_switches:\s*(\d+)/.exec(status);
  // Only a parent already asleep (in wait() for us) gives a baseline; one still running has yet to block once.
  if (m && /^State:\s*S/m.test(status)) hub.launch.parentWakeups = Number(m[1]);
} catch {
  // not Linux: only the parent pid is watched
}
for (const s of Object.keys(EXIT)) {
  process.on(s, () => {
    hub.received ??= s;
    hub.count++;
    if (hub.listeners.size === 0 && !hub.loading) process.exit(EXIT[s]);
    for (const l of [...hub.listeners]) l(s, hub.count);
  });
}

// MUON_CLAIMS_DEBUG=startup reports this moment (the tests send a signal right after it, while the CLI loads).
if (process.env.MUON_CLAIMS_DEBUG === 'startup') process.stderr.write('muon-claims: signal handlers installed; loading\n');

// `muon-claims list | head`: a closed pipe ends the output quietly, as for any Unix tool.
for (const stream of [process.stdout, process.stderr]) stream.on('error', (e) => (e.code === 'EPIPE' ? process.exit(process.exitCode ?? 0) : Promise.reject(e)));

// The installed package (no src/) runs the compiled dist/ under plain node; a checkout runs its sources under tsx, so
// that an edit is never shadowed by a stale build.
const { existsSync } = await import('node:fs');
const fromSource = existsSync(new URL('../src/cli/main.ts', import.meta.url));
if (fromSource) (await import('tsx/esm/api')).register();
const { main } = await import(fromSource ? '../src/cli/main.ts' : '../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
