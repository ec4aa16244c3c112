const USAGE = `usage: muon-claims <command> [options]

commands:
  check [--claim ID…] [--profile quick|default|deep] [--seed N] [--mode float|exact|both]
        [--shard i/n] [--out DIR] [--time-limit SECONDS]
                   check the claims (all by default), print a verdict per claim, write DIR (default reports/)
  replay FILE      re-run a counterexample file (reports/counterexamples/…) in float and exact mode
  pin FILE [--expect holds|violated] [--note TEXT]
                   add a counterexample's values to fixtures/regressions/<claim>.json (replayed first on every run)
  merge DIR… [--out DIR]
                   join the reports of sharded runs into one report
  reproduce fig1|fig2|fig3|table1|all [--out DIR]
                   reproduce paper A's experiments into reports/figures/ (SVG + JSON, and on reports/index.html)
  list             the claim ids with their provenance and title
  bench [--quick]  measure the float hot path and exact mode; prints a table, writes reports/bench.json
  help             this text

exit codes: 0 no unrecorded violation, 1 a claim violated (not a recorded erratum), 2 bad usage, 130 interrupted`;

/** Runs one CLI command and returns the exit code: 0 ok, 1 a claim violated, 2 bad usage. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check': {
      const { checkCommand } = await import('./check.ts');
      return checkCommand(rest);
    }
    case 'replay': {
      const { replayCommand } = await import('./replay.ts');
      return replayCommand(rest);
    }
    case 'pin': {
      const { pinCommand } = await import('./pin.ts');
      return pinCommand(rest);
    }
    case 'merge': {
      const { mergeCommand } = await import('./merge.ts');
      return mergeCommand(rest);
    }
    case 'reproduce': {
      const { reproduceCommand } = await import('./reproduce.ts');
      return reproduceCommand(rest);
    }
    case 'list': {
      const { claims } = await import('../claims/registry.ts');
      for (const c of claims) console.log(`${c.id.padEnd(8)} ${c.provenance.padEnd(13)} ${c.title}`);
      return 0;
    }
    case 'bench': {
      const { benchCommand } = await import('./bench.ts');
      return benchCommand(rest);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`muon-claims: unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}
