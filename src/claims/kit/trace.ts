import type { Bound } from '../types.ts';

/**
 * The step a counterexample's trajectory window should centre on: the first failing bound's step, else the step of
 * the bound with the largest lhs/rhs (bounds stated per step carry `at`).
 */
export function worstAt(bounds: readonly Bound[]): number {
  let best = 0;
  let ratio = -Infinity;
  for (const b of bounds) {
    const r = b.rhs === 0 ? (b.lhs > 0 ? Infinity : 0) : b.lhs / b.rhs;
    if (!b.holds || r > ratio) {
      ratio = b.holds ? r : Infinity;
      best = b.at ?? 0;
      if (!b.holds) break;
    }
  }
  return best;
}
