import { MODES, PROFILES, type Mode, type Profile } from '../claims/types.ts';

/** Bad usage: the CLI prints the message (which names the parameter and its allowed range) and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CheckArgs {
  readonly claims: readonly string[];
  readonly profile: Profile;
  readonly seed?: number;
  readonly modes: readonly Mode[];
  readonly shard?: { readonly index: number; readonly count: number };
  readonly out: string;
  /** Per-claim time limit in seconds (default: the profile's). */
  readonly timeLimit?: number;
}

/**
 * `check [--claim ID…] [--profile quick|default|deep] [--seed N] [--mode float|exact|both] [--shard i/n] [--out DIR]
 * [--time-limit SECONDS]`. `--claim` takes one or more ids (and may be repeated); `--opt=value` works too.
 */
export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  const args = argv.flatMap((a) => (a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
  const claims: string[] = [];
  let profile: Profile = 'default';
  let seed: number | undefined;
  let modes: readonly Mode[] = MODES;
  let shard: CheckArgs['shard'];
  let out = 'reports';
  let timeLimit: number | undefined;
  const value = (i: number, flag: string, allowed: string): string => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value (${allowed})`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    switch (a) {
      case '--claim': {
        const start = i;
        while (args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) claims.push(args[++i]!);
        if (i === start) throw new UsageError('--claim needs one or more claim ids (e.g. --claim A.L2 A.T1a)');
        break;
      }
      case '--profile': {
        const v = value(i++, a, PROFILES.join('|'));
        if (!(PROFILES as readonly string[]).includes(v)) throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}, got '${v}'`);
        profile = v as Profile;
        break;
      }
      case '--seed': {
        const v = value(i++, a, 'an integer in [0, 2^31 − 1]');
        const n = Number(v);
        if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n > 0x7fffffff) throw new UsageError(`--seed must be an integer in [0, 2^31 − 1], got '${v}'`);
        seed = n;
        break;
      }
      case '--mode': {
        const v = value(i++, a, 'float|exact|both');
        if (v === 'both') modes = MODES;
        else if (v === 'float' || v === 'exact') modes = [v];
        else throw new UsageError(`--mode must be float, exact or both, got '${v}'`);
        break;
      }
      case '--shard': {
        const v = value(i++, a, 'i/n with 1 ≤ i ≤ n');
        const m = /^(\d+)\/(\d+)$/.exec(v);
        const index = m ? Number(m[1]) : NaN;
        const count = m ? Number(m[2]) : NaN;
        if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got '${v}'`);
        shard = { index, count };
        break;
      }
      case '--out':
        out = value(i++, a, 'a directory');
        break;
      case '--time-limit': {
        const v = value(i++, a, 'seconds > 0');
        const n = Number(v);
        if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`--time-limit must be a number of seconds > 0, got '${v}'`);
        timeLimit = n;
        break;
      }
      default:
        throw new UsageError(`unknown option '${a}' (allowed: --claim, --profile, --seed, --mode, --shard, --out, --time-limit)`);
    }
  }
  return { claims, profile, ...(seed !== undefined ? { seed } : {}), modes, ...(shard ? { shard } : {}), out, ...(timeLimit !== undefined ? { timeLimit } : {}) };
}
