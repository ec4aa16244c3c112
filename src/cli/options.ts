import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/*
 * Command-line conventions of every muon-claims command, on node:util's parseArgs (strict): `--opt value` and
 * `--opt=value`, `-h`/`--help` on every command (exit 0), unknown options and missing values refused with exit 2
 * naming the option and what it accepts, before anything runs.
 */

/** Bad usage: the CLI prints the message (which names the parameter and its allowed range) and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** The value's name and range in the help, e.g. "quick|default|deep". */
  readonly value?: string;
  readonly help: string;
}

export interface CommandSpec {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The usage line after `muon-claims `. */
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** What positional arguments mean (undefined: none accepted). */
  readonly positionals?: string;
  /** Paragraphs after the options (environment, exit codes, examples). */
  readonly details?: string;
}

export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help and exit' };

export const ENVIRONMENT = `environment:
  MUON_PROFILE     the default profile (quick|default|deep) when --profile is not given; vitest reads it too
  MUON_SEED        the default seed (an integer in [0, 2^31 − 1]) when --seed is not given; vitest reads it too
  MUON_FIXTURES_DIR  a folder with errata.json and regressions/ to use instead of the project's fixtures/`;

export const EXIT_CODES = `exit codes:
  0 no unrecorded violation   1 a claim violated (not a recorded erratum)   2 bad usage or a bad input file
  130 interrupted by SIGINT   143 terminated by SIGTERM (129 SIGHUP)`;

const flag = (name: string, o: OptionSpec): string => `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;

export function helpText(spec: CommandSpec): string {
  const options = { ...spec.options, help: HELP };
  const flags = Object.entries(options).map(([n, o]) => [flag(n, o), o.help] as const);
  const width = Math.min(30, Math.max(...flags.map(([f]) => f.length)) + 2);
  const lines = flags.map(([f, h]) => (f.length + 2 > width ? `  ${f}\n  ${' '.repeat(width)}${h}` : `  ${f.padEnd(width)}${h}`));
  return [`usage: muon-claims ${spec.usage}`, '', spec.summary, ...(spec.positionals ? ['', spec.positionals] : []), '', 'options:', ...lines, ...(spec.details ? ['', spec.details] : [])].join('\n');
}

/** "1 claim", "2 claims". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/**
 * Parses argv against the command's options. Returns 'help' for -h/--help; throws UsageError (naming the option and
 * the allowed options or value range) on anything else that is not an option of the command.
 */
export function parseCommand(spec: CommandSpec, argv: readonly string[]): Parsed | 'help' {
  const options: Record<string, OptionSpec> = { ...spec.options, help: HELP };
  const allowed = Object.keys(options).map((n) => `--${n}`).join(', ');
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  // A negative number after an option that takes a value is that value (`--seed -1`, `--time-limit -5`), so that the
  // option's own check names its range; parseArgs would call it ambiguous.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    const o = a.startsWith('--') && !a.includes('=') ? options[a.slice(2)] : undefined;
    if (o?.type === 'string' && next !== undefined && /^-(\d|\.\d|Infinity)/.test(next)) {
      args.push(`${a}=${next}`);
      i++;
    } else args.push(a);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: Object.fromEntries(Object.entries(options).map(([n, o]) => [n, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }])),
      strict: true,
      allowPositionals: spec.positionals !== undefined,
    });
  } catch (e) {
    const err = e as Error & { code?: string };
    const name = /'(-[^' ]+)/.exec(err.message)?.[1] ?? '';
    const o = options[name.replace(/^--?/, '')] ?? Object.values(options).find((x) => x.short === name.replace(/^-/, ''));
    switch (err.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw new UsageError(`unknown option '${name}' for ${spec.name} (allowed: ${allowed}; see muon-claims ${spec.name} --help)`);
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        if (o?.type === 'boolean') throw new UsageError(`${name} takes no value`);
        if (/ambiguous/.test(err.message)) throw new UsageError(`${name} needs a value (${o?.value ?? 'a value'}); a value starting with '-' is written ${name}=VALUE`);
        throw new UsageError(`${name} needs a value (${o?.value ?? 'a value'})`);
      case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
        throw new UsageError(`unexpected argument '${/'([^']*)'/.exec(err.message)?.[1] ?? ''}': ${spec.name} takes no positional arguments (see muon-claims ${spec.name} --help)`);
      default:
        throw new UsageError(err.message);
    }
  }
  return { values: parsed.values as Parsed['values'], positionals: parsed.positionals };
}

/** The string value of an option (the last one if repeated). */
export function str(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  return Array.isArray(v) ? v[v.length - 1] : typeof v === 'string' ? v : undefined;
}

export function list(p: Parsed, name: string): string[] {
  const v = p.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

/** The package version (package.json next to src/). */
export function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

// ---- values shared by several commands, each refused with its allowed range ----

export function parseSeed(v: string, what = '--seed'): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n > 0x7fffffff) throw new UsageError(`${what} must be an integer in [0, 2^31 − 1], got '${v}'`);
  return n;
}

export function parseTimeLimit(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !(n > 0) || !Number.isFinite(n) || n > 1e7) throw new UsageError(`--time-limit must be a number of seconds in (0, 1e7], got '${v}'`);
  return n;
}

export function parseShard(v: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got '${v}'`);
  return { index, count };
}

/**
 * Claim selection: each pattern is an id, a comma-separated list of ids, or a glob ('A.L*', 'B.?S5'); matching is
 * case-sensitive. An id that is not known, or a glob that matches nothing, is refused with the known ids.
 */
export function matchClaims(patterns: readonly string[], ids: readonly string[]): string[] {
  const known = `known ids: ${ids.join(', ')}`;
  const wanted = new Set<string>();
  for (const raw of patterns.flatMap((p) => p.split(','))) {
    const p = raw.trim();
    if (p === '') throw new UsageError(`--claim needs one or more claim ids or globs, e.g. --claim A.L2,A.T1a or --claim 'A.L*' (got an empty one in '${patterns.join(' ')}')`);
    if (/[*?]/.test(p)) {
      const re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.')}$`);
      const hit = ids.filter((id) => re.test(id));
      if (hit.length === 0) throw new UsageError(`--claim '${p}' matches no claim id; ${known}`);
      for (const id of hit) wanted.add(id);
    } else if (ids.includes(p)) wanted.add(p);
    else throw new UsageError(`unknown claim id '${p}'; ${known}`);
  }
  return ids.filter((id) => wanted.has(id));
}
