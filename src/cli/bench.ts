import { formatBenchTable, parseSuites, runBench, writeBenchJson, type BenchSuite } from '../bench/bench.ts';
import { BENCH } from './commands.ts';
import { helpText, parseCommand, UsageError } from './options.ts';

/** `muon-claims bench [--quick]`: prints the table and writes reports/bench.json. */
export async function benchCommand(args: readonly string[]): Promise<number> {
  let quick: boolean;
  let suites: BenchSuite[] | undefined;
  let budgetMs: number | undefined;
  try {
    const p = parseCommand(BENCH, args);
    if (p === 'help') {
      console.log(helpText(BENCH));
      return 0;
    }
    quick = p.values.quick === true;
    const sv = p.values.suites;
    if (typeof sv === 'string') {
      try {
        suites = parseSuites(sv);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    }
    const tv = p.values['throughput-seconds'];
    if (typeof tv === 'string') {
      const t = Number(tv);
      if (!(t > 0 && t <= 3600)) throw new UsageError(`--throughput-seconds must be a number in (0, 3600], got '${tv}'`);
      budgetMs = t * 1000;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`muon-claims bench: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const rows = await runBench({ quick, ...(suites ? { suites } : {}), ...(budgetMs !== undefined ? { throughputBudgetMs: budgetMs } : {}), onProgress: (line) => console.error(line) });
  console.log(formatBenchTable(rows));
  const path = writeBenchJson(rows);
  console.log(`wrote ${path}`);
  return 0;
}
