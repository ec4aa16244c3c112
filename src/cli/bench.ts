import { formatBenchTable, runBench, writeBenchJson } from '../bench/bench.ts';
import { BENCH } from './commands.ts';
import { helpText, parseCommand, UsageError } from './options.ts';

/** `muon-claims bench [--quick]`: prints the table and writes reports/bench.json. */
export async function benchCommand(args: readonly string[]): Promise<number> {
  let quick: boolean;
  try {
    const p = parseCommand(BENCH, args);
    if (p === 'help') {
      console.log(helpText(BENCH));
      return 0;
    }
    quick = p.values.quick === true;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`muon-claims bench: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const rows = await runBench({ quick });
  console.log(formatBenchTable(rows));
  const path = writeBenchJson(rows);
  console.log(`wrote ${path}`);
  return 0;
}
