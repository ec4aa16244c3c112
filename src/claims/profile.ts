import { DEFAULT_SEED } from './engine.ts';
import { PROFILES, type Profile } from './types.ts';

/**
 * The profile and seed a run uses: MUON_PROFILE (quick|default|deep) and MUON_SEED from the environment, so that
 * `MUON_PROFILE=deep npx vitest run --shard=1/4` and the CLI's --profile/--seed select the same cases.
 */
export function profileFromEnv(env: NodeJS.ProcessEnv = process.env): Profile {
  const p = env.MUON_PROFILE ?? 'default';
  if (!(PROFILES as readonly string[]).includes(p)) throw new RangeError(`MUON_PROFILE must be one of ${PROFILES.join(', ')}, got '${p}'`);
  return p as Profile;
}

export function seedFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const s = env.MUON_SEED;
  if (s === undefined || s === '') return DEFAULT_SEED;
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n < 0 || n > 0x7fffffff) throw new RangeError(`MUON_SEED must be an integer in [0, 2^31 − 1], got '${s}'`);
  return n;
}
