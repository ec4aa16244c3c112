import { formatBenchTable, runBench, writeBenchJson } from '../bench/bench.ts';

/** `muon-claims bench [--quick]`: prints the table and writes reports/bench.json. */
export async function benchCommand(args: readonly string[]): Promise<number> {
  const unknown = args.filter((a) => a !== '--quick');
  if (unknown.length > 0) {
    console.error(`muon-claims bench: unknown option ${unknown[0]} (allowed: --quick)`);
    return 2;
  }
  const rows = await runBench({ quick: args.includes('--quick') });
  console.log(formatBenchTable(rows));
  const path = writeBenchJson(rows);
  console.log(`wrote ${path}`);
  return 0;
}
