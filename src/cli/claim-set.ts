import { claims as catalogue } from '../claims/registry.ts';
import type { Claim } from '../claims/types.ts';
import { matchClaims, UsageError } from './options.ts';
import { loadUserClaims } from './user-claims.ts';

export interface ClaimSetRequest {
  /** --claim values and positional ids/globs. */
  readonly patterns: readonly string[];
  /** --claims FILE: a user's module of claims. */
  readonly claimsFile?: string | undefined;
  readonly withCatalogue?: boolean;
}

export interface ClaimSet {
  /** Every claim available to the command, in order (the user's first, then the catalogue's). */
  readonly available: readonly Claim<unknown>[];
  /** Those the patterns select (all when there are none). */
  readonly selected: readonly Claim<unknown>[];
  readonly byId: (id: string) => Claim<unknown> | undefined;
}

/** The claims a command works on: the catalogue, or the user's module (beside the catalogue with --with-catalogue). */
export async function resolveClaimSet(r: ClaimSetRequest): Promise<ClaimSet> {
  if (r.withCatalogue && !r.claimsFile) throw new UsageError('--with-catalogue needs --claims FILE (the catalogue runs by default)');
  const user = r.claimsFile ? await loadUserClaims(r.claimsFile, r.withCatalogue ? catalogue.map((c) => c.id) : []) : [];
  const available: Claim<unknown>[] = r.claimsFile ? [...user, ...(r.withCatalogue ? catalogue : [])] : [...catalogue];
  const ids = available.map((c) => c.id);
  const selectedIds = r.patterns.length ? matchClaims(r.patterns, ids) : ids;
  const byId = (id: string): Claim<unknown> | undefined => available.find((c) => c.id === id);
  return { available, selected: selectedIds.map((id) => byId(id)!), byId };
}
