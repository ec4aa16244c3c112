import { COMMANDS, LIST, mainHelp } from './commands.ts';
import { helpText, list, parseCommand, UsageError, version } from './options.ts';
import { loaded, receivedSignal, SIGNAL_EXIT } from './signals.ts';

/** Runs one CLI command and returns the exit code: 0 ok, 1 a claim violated, 2 bad usage, 128 + n on a signal. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check': {
        const { checkCommand } = await import('./check.ts');
        return await checkCommand(rest);
      }
      case 'replay': {
        const { replayCommand } = await import('./replay.ts');
        return await replayCommand(rest);
      }
      case 'pin': {
        const { pinCommand } = await import('./pin.ts');
        return await simple(() => pinCommand(rest));
      }
      case 'merge': {
        const { mergeCommand } = await import('./merge.ts');
        return await simple(() => mergeCommand(rest));
      }
      case 'reproduce': {
        const { reproduceCommand } = await import('./reproduce.ts');
        return await simple(() => reproduceCommand(rest));
      }
      case 'list':
        return await simple(() => listCommand(rest));
      case 'bench': {
        const { benchCommand } = await import('./bench.ts');
        return await simple(() => benchCommand(rest));
      }
      case '--version':
      case '-V':
        console.log(version());
        return 0;
      case 'help':
      case '--help':
      case '-h': {
        const about = COMMANDS.find((c) => c.name === rest[0]);
        if (command === 'help' && rest[0] !== undefined && !about) throw new UsageError(`help: unknown command '${rest[0]}' (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
        console.log(about ? helpText(about) : mainHelp(version()));
        return 0;
      }
      case undefined:
        console.error(mainHelp(version()));
        return 2;
      default:
        throw new UsageError(`unknown command '${command}' (commands: ${COMMANDS.map((c) => c.name).join(', ')}, help; see muon-claims --help)`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`muon-claims${command && !command.startsWith('-') ? ` ${command}` : ''}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

/** A command that does not handle signals itself: a signal from now on ends the process (128 + n). */
async function simple(run: () => Promise<number>): Promise<number> {
  loaded();
  const early = receivedSignal();
  if (early) return SIGNAL_EXIT[early];
  return run();
}

async function listCommand(argv: readonly string[]): Promise<number> {
  const p = parseCommand(LIST, argv);
  if (p === 'help') {
    console.log(helpText(LIST));
    return 0;
  }
  const { resolveClaimSet } = await import('./claim-set.ts');
  const set = await resolveClaimSet({ patterns: [...list(p, 'claim'), ...p.positionals], claimsFile: p.values.claims as string | undefined, withCatalogue: p.values['with-catalogue'] === true });
  for (const c of set.selected) console.log(`${c.id.padEnd(8)} ${c.provenance.padEnd(13)} ${c.title}`);
  return 0;
}
