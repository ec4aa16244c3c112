import { ENVIRONMENT, EXIT_CODES, type CommandSpec, type OptionSpec } from './options.ts';

/* The options of every command, in one place: what each command parses and what its --help prints. */

const claim: OptionSpec = {
  type: 'string',
  multiple: true,
  value: 'ID[,ID…]|GLOB',
  help: "claims to take: ids, comma-separated lists or globs ('A.L*'); repeatable; default all",
};
const claimsFile: OptionSpec = {
  type: 'string',
  value: 'FILE',
  help: 'a module (.ts, .js, .mjs) exporting your own Claim or Claim[] (as `claims` or default); run instead of the catalogue',
};
const withCatalogue: OptionSpec = { type: 'boolean', help: 'with --claims: run the catalogue too, beside your claims' };
const timeLimit: OptionSpec = { type: 'string', value: 'SECONDS', help: "per-claim time limit, a number in (0, 1e7] (default: the profile's: 15, 60, 3600)" };

export const CHECK: CommandSpec = {
  name: 'check',
  summary: 'Checks the claims (all by default): a verdict line per claim, a summary, and the report set in DIR.',
  usage: 'check [ID|GLOB…] [--claim ID,…|GLOB] [--profile quick|default|deep] [--seed N] [--mode float|exact|both] [--shard i/n] [--out DIR] [--time-limit SECONDS] [--variants ID,…|--no-transfer] [--claims FILE [--with-catalogue]]',
  positionals: 'Positional arguments are claim ids or globs, as for --claim.',
  options: {
    claim,
    profile: { type: 'string', value: 'quick|default|deep', help: 'cases per claim: quick (seconds), default (CI), deep (nightly); default $MUON_PROFILE or default' },
    seed: { type: 'string', value: 'N', help: 'the run seed, an integer in [0, 2^31 − 1]; default $MUON_SEED or 20260123' },
    mode: { type: 'string', value: 'float|exact|both', help: 'arithmetic modes to run (default both: each claim in the modes it supports)' },
    shard: { type: 'string', value: 'i/n', help: 'take the claims whose registry position ≡ i − 1 (mod n), 1 ≤ i ≤ n' },
    out: { type: 'string', value: 'DIR', help: 'the report directory (default reports); replaced as a whole set when the run ends' },
    'time-limit': timeLimit,
    variants: { type: 'string', multiple: true, value: 'ID[,ID…]', help: 'the practical-Muon variants of the transfer matrix (src/impl/variants.ts; default all); repeatable' },
    'no-transfer': { type: 'boolean', help: 'skip the transfer matrix (each selected claim under each practical-Muon variant)' },
    claims: claimsFile,
    'with-catalogue': withCatalogue,
  },
  details: `${ENVIRONMENT}\n\ntransfer matrix: after the claims, each selected claim whose float check calls msign (or Muon) runs under each practical-Muon variant (NS5, bf16, …) at the cell budget of src/claims/transfer.ts; a violated cell is a finding about practical Muon, not an erratum of the paper, and does not change the exit code. --mode exact skips it (the variants are float algorithms)\n\n${EXIT_CODES}\n\nSIGINT, SIGTERM or SIGHUP stop the run after the current case and write the report marked incomplete.\n\nexamples:\n  muon-claims check --profile quick\n  muon-claims check --claim 'A.L*',B.msign --seed 7 --out reports/lemmas\n  muon-claims check --claims ./my-claims.ts --with-catalogue`,
};

export const LIST: CommandSpec = {
  name: 'list',
  summary: 'Lists the claim ids with their provenance and title.',
  usage: 'list [ID|GLOB…] [--claim ID,…|GLOB] [--claims FILE [--with-catalogue]]',
  positionals: 'Positional arguments are claim ids or globs, as for --claim.',
  options: { claim, claims: claimsFile, 'with-catalogue': withCatalogue },
};

export const REPLAY: CommandSpec = {
  name: 'replay',
  summary:
    'Re-runs a counterexample file (reports/counterexamples/<id>-<hash>.json) in float and exact mode, or every case of a pinned-regression file (fixtures/regressions/<id>.json), and prints the verdicts.',
  usage: 'replay FILE [--time-limit SECONDS] [--claims FILE]',
  positionals: 'FILE: a counterexample file or a pinned-regression file (validated against its schema first).',
  options: {
    'time-limit': { ...timeLimit, help: 'stop the replay after this many seconds (inconclusive; default 60)' },
    claims: { ...claimsFile, help: 'the module the claim comes from, when it is one of your own claims' },
  },
  details: `exit codes: 0 the case does not violate the claim (or only as a recorded erratum, or inconclusive), 1 it violates it, 2 a bad file, 130/143 interrupted`,
};

export const PIN: CommandSpec = {
  name: 'pin',
  summary: "Adds a counterexample's values to fixtures/regressions/<claim>.json, replayed first on every run.",
  usage: 'pin FILE [--expect holds|violated] [--note TEXT] [--claims FILE]',
  positionals: 'FILE: a counterexample file written by check (reports/counterexamples/…).',
  options: {
    expect: { type: 'string', value: 'holds|violated', help: 'what the pinned case must do (default: violated for a known erratum, holds otherwise)' },
    note: { type: 'string', value: 'TEXT', help: 'why it is pinned (default: where it came from)' },
    claims: { type: 'string', value: 'FILE', help: "the module of your own claims the counterexample belongs to; its pins go to ./fixtures/regressions/<id>.json, which check --claims and muon-claims/vitest replay" },
  },
  details: 'A float failure is pinned only once exact arithmetic confirmed it: a float-only claim (no exact path) or a float artifact is refused (exit 2), as check calls it inconclusive and replay does too.',
};

export const MERGE: CommandSpec = {
  name: 'merge',
  summary: 'Joins the reports of sharded runs (check --shard i/n --out DIR) into one report.',
  usage: 'merge DIR… [--out DIR]',
  positionals: 'DIR…: the shards’ report directories (each with its claims.json).',
  options: { out: { type: 'string', value: 'DIR', help: 'where the merged report set goes (default reports)' } },
  details: `Shards of different seeds or profiles, or a claim reported twice, are refused (exit 2); a missing shard makes the report incomplete.`,
};

export const REPRODUCE: CommandSpec = {
  name: 'reproduce',
  summary: "Reproduces paper A's experiments (SVG, PNG and JSON in DIR, and on the report page beside it), with a progress line per experiment.",
  usage: 'reproduce fig1|fig2|fig3|table1|all… [--out DIR]',
  positionals: 'Experiments: fig1, fig2, fig3, table1 or all (several may be given).',
  options: { out: { type: 'string', value: 'DIR', help: 'the figures directory (default reports/figures)' } },
};

export const BENCH: CommandSpec = {
  name: 'bench',
  summary: 'Measures the float hot path and exact mode; prints a table and writes reports/bench.json.',
  usage: 'bench [--quick] [--suites LIST] [--throughput-seconds S]',
  options: {
    quick: { type: 'boolean', help: 'fewer sizes and repetitions, and no wall times of whole commands' },
    suites: { type: 'string', value: 'LIST', help: 'which parts: steps, numpy, exact, confirm, throughput, walltime (comma-separated; all by default; -name leaves one out)' },
    'throughput-seconds': { type: 'string', value: 'S', help: 'CPU budget per claim and profile of the throughput suite, in seconds (default: the bench’s own)' },
  },
  details: 'The full bench (every suite, with `npm test`, `check` and `reproduce all` timed) takes 10–15 minutes on 2 cores; `--suites steps,numpy` takes about one.',
};

const BRIEF: Readonly<Record<string, string>> = {
  check: 'check the claims (all by default); verdict lines, a summary and the report set in reports/',
  replay: 're-run a counterexample file, or the cases of a pinned-regression file',
  pin: "add a counterexample's values to fixtures/regressions/<claim>.json",
  merge: 'join the reports of sharded runs into one report',
  reproduce: "reproduce paper A's experiments (Fig. 1–3, Table 1) into reports/figures/",
  list: 'the claim ids with their provenance and title',
  bench: 'measure the float hot path and exact mode',
};

export const COMMANDS: readonly CommandSpec[] = [CHECK, REPLAY, PIN, MERGE, REPRODUCE, LIST, BENCH];

export function mainHelp(version: string): string {
  const w = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    `muon-claims ${version} — property-based checks of the Muon papers' claims`,
    '',
    'usage: muon-claims <command> [options]     (muon-claims <command> --help for its options)',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(w)}${BRIEF[c.name]}`),
    `  ${'help'.padEnd(w)}this text, or muon-claims help <command>`,
    '',
    'options: -h, --help (also on every command), -V, --version',
    '',
    ENVIRONMENT,
    '',
    EXIT_CODES,
  ].join('\n');
}
