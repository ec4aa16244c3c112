import type { Impl } from '../../impl/impl.ts';
import type { Claim, ProbeOutcome, Profile } from '../types.ts';
import { errorText } from './collect.ts';
import { seedFor } from './seed.ts';

/*
 * Phase 5 — probe: each necessity probe drops one hypothesis (or breaks the algorithm) and must find a
 * counterexample under its own seed. A probe that throws, or whose search breaks nothing, reports not found.
 */

export interface ProbeResult extends ProbeOutcome {
  readonly id: string;
  readonly drops: string;
  readonly hypothesis?: string;
  readonly error?: string;
  readonly timeMs: number;
}

export function runProbes<C>(claim: Claim<C>, seed: number, profile: Profile, impl: Impl): ProbeResult[] {
  return claim.probes.map((p) => {
    const started = Date.now();
    const head = { id: p.id, drops: p.drops, ...(p.hypothesis ? { hypothesis: p.hypothesis } : {}) };
    try {
      const out = p.run({ seed: seedFor(seed, claim.id, `probe:${p.id}`), profile, impl });
      return { ...head, ...out, timeMs: Date.now() - started };
    } catch (e) {
      return { ...head, found: false, summary: `the probe threw: ${errorText(e)}`, error: errorText(e), timeMs: Date.now() - started };
    }
  });
}
