import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runClaim } from '../../src/claims/engine.ts';
import { decimal, defineClaim, float64Field, hyp, type Ctx } from '../../src/claims/kit/index.ts';
import { applicability, replacedEntries, runCell, runMatrix, FINDING_NOT_ERRATUM, TRANSFER_DEEP_ONLY, type TransferCell } from '../../src/claims/transfer.ts';
import Fig2 from '../../src/claims/catalogue/A.Fig2.ts';
import type { Claim } from '../../src/claims/types.ts';
import { reference } from '../../src/impl/impl.ts';
import { msignIsEntrywiseSign } from '../../src/impl/plants.ts';
import { VARIANTS, type Variant } from '../../src/impl/variants.ts';
import { identity, mat, maxAbs, sub, transpose, type Mat } from '../../src/linalg/mat.ts';
import { replayInput } from '../../src/cli/replay-core.ts';
import { buildReport, counterexampleFile, counterexampleFileName, cellCounterexamples } from '../../src/report/report.ts';
import { toReportCell } from '../../src/report/schema.ts';

/*
 * The transfer matrix's machinery on toy claims and toy variants (the full matrix runs in `muon-claims check`):
 * applicability by counting the calls a claim's float check makes, and a cell that must fail — a variant whose msign
 * is the planted entrywise sign — with its counterexample shrunk, confirmed in the variant's terms (a bf16 variant by
 * re-running the same computation, a float64 one at higher precision), holding with the reference msign, written as a
 * file that `replay` runs with the variant, and pinnable (a pinned case replays in its cell only).
 */

type G = { readonly a: readonly number[] };
const toMat = <T>(k: Ctx<T>, c: G): Mat<T> => mat(2, 2, c.a.map((x) => k.of(x)));
const fullRank = fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 4, maxLength: 4 }).filter((a) => a[0]! * a[3]! - a[1]! * a[2]! !== 0).map((a) => ({ a }));

const base = {
  source: { paper: 'T', where: 'test', equations: [] },
  provenance: 'quoted' as const,
  hypotheses: [hyp.structure('G', 'G ∈ ℤ^{2×2} of full rank')],
  cases: { quick: { float: 30, exact: 5 }, default: { float: 30, exact: 5 }, deep: { float: 30, exact: 5 } },
  generate: () => fullRank,
  probes: [],
  noSearch: 'a toy claim',
};

/** msign(G) has orthonormal columns: QᵀQ = I (tolerance 16u: a 2×2 Jacobi SVD and one product). */
const orthonormal = defineClaim<G>({
  ...base,
  id: 'T.orth',
  title: 'msign(G) is orthogonal',
  statement: 'msign(G)ᵀmsign(G) = I',
  modes: { float: float64Field },
  confirm: decimal(30),
  check<T>(c: G, k: Ctx<T>) {
    const Q = k.la.msign(toMat(k, c));
    k.bound('QᵀQ = I', maxAbs(k.F, sub(k.F, k.la.matmul(transpose(Q), Q), identity(k.F, 2))), 0, { tol: 16 * k.u, why: '2×2 Jacobi SVD and one product' });
  },
}) as Claim<G>;

/** Calls only impl.ns5 (as B.NS5): not applicable to a variant of msign. */
const ns5Only = defineClaim<G>({
  ...base,
  id: 'T.ns5',
  title: 'NS5 output is bounded',
  statement: '‖NS5(G)‖_max ≤ 2',
  modes: { float: float64Field },
  check<T>(c: G, k: Ctx<T>) {
    k.bound('max', maxAbs(k.F, k.impl.ns5(k.F, toMat(k, c))), 2);
  },
}) as Claim<G>;

/** Exact mode only. */
const exactOnly = defineClaim<G>({ ...base, id: 'T.exact', title: 'exact', statement: 's', modes: { exact: decimal(30) }, check<T>(c: G, k: Ctx<T>) { k.bound('max', maxAbs(k.F, k.la.msign(toMat(k, c))), 2); } }) as Claim<G>;

/** A claim that fails on some cases with the reference msign too: ‖msign(G)‖_max ≤ 0.9 (false when G is diagonal). */
const alsoFailsRef = defineClaim<G>({
  ...base,
  id: 'T.ref',
  title: 'msign entries below 0.9',
  statement: '‖msign(G)‖_max ≤ 0.9',
  modes: { float: float64Field },
  confirm: decimal(30),
  generate: () => fc.constant({ a: [1, 0, 0, 1] }),
  check<T>(c: G, k: Ctx<T>) {
    k.bound('max', maxAbs(k.F, k.la.msign(toMat(k, c))), 0.9);
  },
}) as Claim<G>;

const planted = (precision: 'float64' | 'bf16'): Variant => ({ id: `sign-${precision}`, title: 'msign replaced by the entrywise sign (a planted bug, not a variant)', what: 'test only', precision, impl: { ...msignIsEntrywiseSign.impl, name: `sign-${precision}` } });
const toyMuon: Variant = { id: 'toy-muon', title: 'Muon replaced (its msign kept)', what: 'test only', precision: 'float64', impl: { ...reference, name: 'toy-muon', optimizers: { ...reference.optimizers, muon: (o) => reference.optimizers.muon(o) } } };
const seed = 20260123;

describe('applicability: a claim is applicable to a variant iff its float check calls what the variant replaces', () => {
  it('what a variant replaces is read off its Impl', () => {
    expect(replacedEntries(planted('bf16').impl)).toEqual(['msign']);
    expect(replacedEntries(toyMuon.impl)).toEqual(['muon']);
    expect(replacedEntries(reference)).toEqual([]);
    for (const v of VARIANTS) expect(replacedEntries(v.impl).length, v.id).toBeGreaterThan(0);
  });

  it('a check that calls la.msign is applicable; one that calls only impl.ns5, or runs in exact mode only, is not', () => {
    const a = applicability(orthonormal, ['msign'], { seed, profile: 'quick' });
    expect(a.applicable).toBe(true);
    if (a.applicable) expect(a.calls.msign).toBeGreaterThan(0);
    const n = applicability(ns5Only, ['msign'], { seed, profile: 'quick' });
    expect(n).toEqual({ applicable: false, why: "its float check never calls the Impl's msign (4 cases tried)" });
    expect(applicability(exactOnly, ['msign'], { seed, profile: 'quick' })).toMatchObject({ applicable: false, why: expect.stringContaining('exact mode only') });
    expect(applicability(orthonormal, [], { seed, profile: 'quick' })).toMatchObject({ applicable: false });
    // A Muon variant applies only to checks that build Muon: this one calls msign directly.
    expect(applicability(orthonormal, ['muon'], { seed, profile: 'quick' }).applicable).toBe(false);
  });
});

describe('a cell runs the claim under the variant: holds, or violated with a shrunk, confirmed, replayable counterexample', () => {
  const cells = new Map<string, TransferCell>();
  const cell = (v: Variant): TransferCell => {
    if (!cells.has(v.id)) cells.set(v.id, runCell(orthonormal, v, { seed, profile: 'quick' }));
    return cells.get(v.id)!;
  };

  it('the toy claim holds with the reference msign (its own run)', () => {
    expect(runClaim(orthonormal, { profile: 'quick', probes: false }).verdict).toBe('holds');
  });

  for (const precision of ['bf16', 'float64'] as const) {
    it(`a ${precision} variant with a planted entrywise-sign msign gives a violated cell, shrunk and confirmed in its terms`, () => {
      const c = cell(planted(precision));
      expect(c.status).toBe('violated');
      const m = c.result!.modes[0]!;
      expect(m.mode).toBe('float');
      const cx = m.counterexample!;
      expect(cx.numShrinks).toBeGreaterThan(0);
      // Shrunk toward the simplest full-rank matrix with a non-orthogonal sign pattern.
      expect((cx.value as G).a.every((x) => Math.abs(x) <= 1)).toBe(true);
      expect(cx.confirmation.verdict).toBe('confirmed');
      expect(cx.confirmation.note).toContain(precision === 'bf16' ? 're-run twice fails again' : 're-run in decimal(30)');
      expect(c.referenceOnCounterexample).toBe('holds');
    });
  }

  it("the cell's counterexample file names its variant, and replay runs it with the variant (exit 1, a finding about practical Muon)", () => {
    const v = planted('bf16');
    const c = toReportCell(cell(v));
    const claim = buildReport([runClaim(orthonormal, { profile: 'quick', probes: false, modes: [] })], { profile: 'quick', seed, modes: ['float'], frontEnd: 'cli' }, new Date(0)).claims[0]!;
    const [{ ce }] = cellCounterexamples(c, seed) as [{ ce: Parameters<typeof counterexampleFile>[1] }];
    const name = counterexampleFileName(orthonormal.id, ce.value, v.id);
    expect(name).toMatch(/^T\.orth@sign-bf16-[0-9a-f]{8}\.json$/);
    const cf = counterexampleFile(claim, ce, name, 'reports', undefined, undefined, v.id);
    expect(cf.variant).toBe(v.id);
    expect(cf.verdicts).toEqual({ float: 'violated', confirmation: 'violated (confirmed)' });
    const lines: string[] = [];
    const code = replayInput({ kind: 'counterexample', file: name, cf: JSON.parse(JSON.stringify(cf)), claim: orthonormal as Claim<unknown> }, (l) => lines.push(l), [v]);
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain(`verdict: violated under ${v.id} — ${FINDING_NOT_ERRATUM}`);
    // Without the variant (the reference), the same case holds: the failure is the variant's.
    const plain = replayInput({ kind: 'counterexample', file: name, cf: { ...cf, variant: undefined } as never, claim: orthonormal as Claim<unknown> }, () => {}, [v]);
    expect(plain).toBe(0);
  });

  it('a pinned case carrying the variant replays in its cell only, and with the variant', () => {
    const v = planted('bf16');
    const value = cell(v).result!.modes[0]!.counterexample!.value;
    const pinned = [{ mode: 'float' as const, note: 'pinned from a cell', expect: 'violated' as const, value, variant: v.id }];
    const inCell = runCell(orthonormal, v, { seed, profile: 'quick', numRuns: 0, regressions: pinned });
    expect(inCell.result!.regressions).toHaveLength(1);
    expect(inCell.result!.regressions[0]!.status).toBe('violated');
    // numRuns 0 makes the float mode inconclusive (no cases); the pinned failure still ranks above it.
    expect(inCell.status).toBe('violated');
    expect(runClaim(orthonormal, { profile: 'quick', probes: false, regressions: pinned }).regressions).toHaveLength(0);
    const lines: string[] = [];
    const code = replayInput({ kind: 'pinned', file: 'T.orth.json', regressions: { claim: orthonormal.id, cases: pinned }, claim: orthonormal as Claim<unknown> }, (l) => lines.push(l), [v]);
    expect(code, lines.join('\n')).toBe(0);
    expect(lines.join('\n')).toContain(`under ${v.id}, pinned as violated`);
  });

  it('a failure the reference msign shares is not the variant’s: the cell is inconclusive', () => {
    const c = runCell(alsoFailsRef, planted('float64'), { seed, profile: 'quick' });
    expect(c.referenceOnCounterexample).toBe('violated');
    expect(c.status).toBe('inconclusive');
    expect(c.result!.modes[0]!.counterexample!.confirmation.note).toContain('not the variant');
  });

  it('a deep-only cell is not run outside the deep profile, and says why', () => {
    const c = runCell(Fig2 as Claim<unknown>, VARIANTS[0]!, { seed, profile: 'default' });
    expect(c).toMatchObject({ status: 'deep only', deepOnly: TRANSFER_DEEP_ONLY['A.Fig2'] });
    expect(c.applicability).toBeUndefined();
  });

  it('runMatrix: one cell per claim and variant, not applicable where the check does not call the replaced entry', () => {
    const out = runMatrix([ns5Only, exactOnly], [planted('bf16'), toyMuon], { seed, profile: 'quick' });
    expect(out.map((c) => `${c.claim}×${c.variant}:${c.status}`)).toEqual(['T.ns5×sign-bf16:not applicable', 'T.ns5×toy-muon:not applicable', 'T.exact×sign-bf16:not applicable', 'T.exact×toy-muon:not applicable']);
  });
});
