import { claims } from '../claims/registry.ts';

const USAGE = `usage: muon-claims <command> [options]

commands:
  check            check every registered claim (default profile)
  bench            measure the float hot path and exact mode; prints a table, writes reports/bench.json
  help             this text`;

/** Runs one CLI command and returns the exit code: 0 ok, 1 a claim violated, 2 bad usage. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return check(rest);
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

function check(args: readonly string[]): number {
  if (args.length > 0) {
    console.error(`muon-claims check: no options are accepted yet (got ${args.join(' ')}); the claims engine has not landed`);
    return 2;
  }
  if (claims.length === 0) {
    console.log('claims: none registered yet (the numerical core is in place; the claims registry comes next)');
    console.log('0 claims checked, 0 violated');
    return 0;
  }
  console.error('muon-claims check: the claims engine has not landed yet');
  return 2;
}
