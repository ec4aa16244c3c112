/**
 * The claims registry: one entry per claim id of ../shared/spec/claims.md. The entries and the engine that runs
 * them are the subject of the claims issue; until they land the registry is empty and `check` says so.
 */
export interface ClaimEntry {
  readonly id: string;
  readonly title: string;
}

export const claims: readonly ClaimEntry[] = [];
