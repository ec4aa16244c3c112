import { describeProgress } from '../report/reasons.ts';
import { runClaim, type ClaimResult } from '../claims/engine.ts';
import type { Erratum } from '../claims/errata.ts';
import type { RegressionCase } from '../claims/regressions.ts';
import { runMatrix, variantById, type TransferCell } from '../claims/transfer.ts';
import type { Claim, Mode, Profile } from '../claims/types.ts';

/** What the check worker is asked to run: plain data, so it crosses the thread boundary. */
export interface RunRequest {
  readonly ids: readonly string[];
  readonly profile: Profile;
  readonly seed: number;
  readonly modes: readonly Mode[];
  readonly timeLimitMs?: number;
  readonly errata: readonly Erratum[];
  readonly regressions: Readonly<Record<string, readonly RegressionCase[]>>;
  /** --claims FILE (absolute): the worker loads the user's claims from it. */
  readonly claimsFile?: string;
  readonly withCatalogue?: boolean;
  /** The transfer matrix's variants (ids of src/impl/variants.ts, validated): run after the claims; absent = skipped. */
  readonly variants?: readonly string[];
}

export interface RunHooks {
  readonly shouldStop: () => boolean;
  readonly onProgress: (message: string) => void;
  readonly onResult: (result: ClaimResult) => void;
  /** Each transfer-matrix cell as it ends. */
  readonly onCell?: (cell: TransferCell) => void;
}

/** Runs the claims one after another through the engine's runClaim; stops starting new ones once shouldStop() is true. */
export function runClaims(req: RunRequest, hooks: RunHooks, byId: (id: string) => Claim<unknown> | undefined): void {
  for (const id of req.ids) {
    if (hooks.shouldStop()) return;
    const claim = byId(id);
    if (!claim) throw new Error(`unknown claim id '${id}'`);
    hooks.onResult(
      runClaim(claim, {
        profile: req.profile,
        seed: req.seed,
        modes: req.modes,
        errata: req.errata,
        regressions: req.regressions[id] ?? [],
        shouldStop: hooks.shouldStop,
        onProgress: (event) => hooks.onProgress(describeProgress(event)),
        ...(req.timeLimitMs !== undefined ? { timeLimitMs: req.timeLimitMs } : {}),
      }),
    );
  }
  if (!req.variants || req.variants.length === 0 || hooks.shouldStop()) return;
  // The transfer matrix: the same claims, each under each variant (src/claims/transfer.ts).
  const claims = req.ids.map((id) => byId(id)!);
  const variants = req.variants.map((id) => {
    const v = variantById(id);
    if (!v) throw new Error(`unknown variant id '${id}'`);
    return v;
  });
  runMatrix(claims, variants, {
    profile: req.profile,
    seed: req.seed,
    regressions: (id) => req.regressions[id] ?? [],
    shouldStop: hooks.shouldStop,
    // A cell's verdict is printed as its cell line: only the heartbeat of a long cell is passed on.
    onProgress: (event) => {
      if (event.kind === 'cases') hooks.onProgress(`${describeProgress(event)} (transfer matrix)`);
    },
    ...(req.timeLimitMs !== undefined ? { timeLimitMs: req.timeLimitMs } : {}),
    ...(hooks.onCell ? { onCell: hooks.onCell } : {}),
  });
}
