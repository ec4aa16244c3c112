import type { Claim } from './types.ts';
import { claim as BMsign } from './catalogue/B.msign.ts';

/**
 * The claims registry: one entry per claim id of ../shared/spec/claims.md, each defined in
 * src/claims/catalogue/<id>.ts and checked by properties/<id>.test.ts. Order: paper A in the catalogue's order,
 * then paper B.
 */
export const claims: readonly Claim<any>[] = [BMsign];

export function claimById(id: string): Claim<any> | undefined {
  return claims.find((c) => c.id === id);
}

export function unknownClaimMessage(id: string): string {
  return `unknown claim id '${id}'; known ids: ${claims.map((c) => c.id).join(', ')}`;
}
