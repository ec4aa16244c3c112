import { describe, expect, it } from 'vitest';
import { binomialTest } from '../../src/claims/binomial.ts';
import { judgeClaim, judgeMode, type ModeFacts, type RegressionFacts } from '../../src/claims/judge.ts';
import { describeReason } from '../../src/report/reasons.ts';

/*
 * The verdict rules of src/claims/judge.ts, one test per rule, on facts written by hand: no fast-check, no claim.
 */

const base: ModeFacts = { mode: 'float', profile: 'default', requested: 100, cases: 100, inconclusiveCases: 0, skipped: 0, failures: 0 };
const bound = { name: '(28a)', lhs: 2, rhs: 1 };

describe('judgeMode', () => {
  it('holds when every requested case ran and held', () => {
    const j = judgeMode(base);
    expect(j).toEqual({ verdict: 'holds', reason: { code: 'held', cases: 100, skipped: 0 } });
    expect(describeReason(j.reason)).toBe('100 cases');
  });

  it('counts skipped cases (outside the hypotheses) without letting them decide', () => {
    const j = judgeMode({ ...base, cases: 98, skipped: 2, firstSkipped: 'σ_3 = 0: Lemma 1 null set' });
    expect(j.verdict).toBe('holds');
    expect(j.reason).toEqual({ code: 'held', cases: 98, skipped: 2, firstSkipped: 'σ_3 = 0: Lemma 1 null set' });
  });

  it('is inconclusive when no case was requested', () => {
    expect(judgeMode({ ...base, requested: 0, cases: 0 })).toEqual({ verdict: 'inconclusive', reason: { code: 'no-cases', profile: 'default' } });
  });

  it('a run cut short is never holds (time limit and stop)', () => {
    for (const by of ['time limit', 'stopped'] as const) {
      const j = judgeMode({ ...base, cases: 40, cutShort: by });
      expect(j.verdict).toBe('inconclusive');
      expect(j.reason).toMatchObject({ code: 'cut-short', by, cases: 40, requested: 100 });
    }
  });

  it('an inconclusive case makes the mode inconclusive', () => {
    const j = judgeMode({ ...base, inconclusiveCases: 3, firstInconclusive: 'exactness not proven' });
    expect(j).toEqual({ verdict: 'inconclusive', reason: { code: 'inconclusive-cases', count: 3, cases: 100, first: 'exactness not proven' } });
  });

  it('a confirmed counterexample is a violation; a float one says it was confirmed in exact mode', () => {
    const j = judgeMode({ ...base, cases: 7, failures: 1, counterexample: { failedBounds: [bound], confirmation: 'confirmed' } });
    expect(j).toEqual({ verdict: 'violated', reason: { code: 'violated', bounds: [bound], confirmedInExact: true } });
    expect(describeReason(j.reason)).toBe('(28a): 2 > 1 (confirmed in exact mode)');
    expect(judgeMode({ ...base, mode: 'exact', failures: 1, counterexample: { failedBounds: [bound], confirmation: 'confirmed' } }).reason).toMatchObject({ confirmedInExact: false });
  });

  it('a violation covered by an erratum is "violated (known erratum)"', () => {
    const j = judgeMode({ ...base, failures: 1, counterexample: { failedBounds: [bound], confirmation: 'confirmed', erratum: 'A.T1a-alpha-boundary' } });
    expect(j.verdict).toBe('violated (known erratum)');
    expect(j.reason).toMatchObject({ code: 'violated', erratum: 'A.T1a-alpha-boundary' });
  });

  it('a float failure that holds in exact arithmetic is a float artifact: inconclusive, never violated nor holds', () => {
    expect(judgeMode({ ...base, failures: 1, counterexample: { failedBounds: [bound], confirmation: 'float artifact' } })).toEqual({ verdict: 'inconclusive', reason: { code: 'float-artifact' } });
  });

  it('a float failure with no exact path, or an undecided re-check, stays inconclusive with its note', () => {
    expect(judgeMode({ ...base, failures: 1, counterexample: { failedBounds: [bound], confirmation: 'unavailable', confirmationNote: 'no exact path' } })).toEqual({ verdict: 'inconclusive', reason: { code: 'unconfirmed', note: 'no exact path' } });
    expect(judgeMode({ ...base, failures: 1, counterexample: { failedBounds: [bound], confirmation: 'inconclusive' } }).reason).toEqual({ code: 'unconfirmed', note: 'inconclusive' });
  });

  it('a check that throws is a violation whatever the confirmation says', () => {
    const j = judgeMode({ ...base, failures: 1, counterexample: { failedBounds: [], error: 'TypeError: x', confirmation: 'float artifact' } });
    expect(j).toEqual({ verdict: 'violated', reason: { code: 'check-threw', error: 'TypeError: x' } });
  });

  it('a counterexample outranks a cut-short run and inconclusive cases', () => {
    const j = judgeMode({ ...base, cases: 5, cutShort: 'time limit', inconclusiveCases: 2, failures: 1, counterexample: { failedBounds: [bound], confirmation: 'confirmed' } });
    expect(j.verdict).toBe('violated');
  });

  describe('probabilistic claims (binomial test)', () => {
    const rejected = binomialTest(200, 30, 0.01, 1e-6);
    const accepted = binomialTest(200, 2, 0.01, 1e-6);
    it('rejection with a witness confirmed in exact arithmetic is a violation', () => {
      expect(rejected.rejected).toBe(true);
      const j = judgeMode({ ...base, cases: 200, failures: 30, binomial: rejected, counterexample: { failedBounds: [bound], confirmation: 'confirmed' } });
      expect(j).toEqual({ verdict: 'violated', reason: { code: 'binomial-rejected', test: rejected } });
    });
    it('rejection whose witness is a float artifact, or unconfirmed, is inconclusive', () => {
      expect(judgeMode({ ...base, failures: 30, binomial: rejected, counterexample: { failedBounds: [bound], confirmation: 'float artifact' } }).reason).toEqual({ code: 'binomial-unconfirmed', test: rejected, witness: 'float artifact' });
      expect(judgeMode({ ...base, failures: 30, binomial: rejected }).reason).toEqual({ code: 'binomial-unconfirmed', test: rejected, witness: 'unconfirmed' });
    });
    it('a single failing run within the rate holds: the witness is not a violation', () => {
      const j = judgeMode({ ...base, cases: 200, failures: 2, binomial: accepted, counterexample: { failedBounds: [bound], confirmation: 'inconclusive' } });
      expect(j).toEqual({ verdict: 'holds', reason: { code: 'binomial-held', test: accepted } });
    });
    it('cut short without rejection is inconclusive, never holds', () => {
      const j = judgeMode({ ...base, cases: 50, failures: 0, cutShort: 'time limit', binomial: binomialTest(50, 0, 0.01, 1e-6) });
      expect(j).toEqual({ verdict: 'inconclusive', reason: { code: 'cut-short', by: 'time limit', cases: 50, requested: 100, failures: 0 } });
    });
  });
});

describe('judgeClaim', () => {
  const held = { mode: 'exact', ...judgeMode({ ...base, mode: 'exact' }) };
  const artifact = { mode: 'float', ...judgeMode({ ...base, failures: 1, counterexample: { failedBounds: [bound], confirmation: 'float artifact' } }) };
  const pinned = (r: Partial<RegressionFacts>): RegressionFacts => ({ mode: 'exact', note: 'witness', expect: 'holds', status: 'holds', failedBounds: [], ...r });

  it('holds when every mode holds, with each mode named in the reason', () => {
    const j = judgeClaim([held, { ...held, mode: 'float' }], []);
    expect(j.verdict).toBe('holds');
    expect(describeReason(j.reason)).toBe('exact: 100 cases; float: 100 cases');
  });

  it('no mode selected is inconclusive', () => {
    expect(judgeClaim([], [])).toEqual({ verdict: 'inconclusive', reason: { code: 'no-mode' } });
  });

  it('takes the worst mode', () => {
    const j = judgeClaim([held, artifact], []);
    expect(j).toEqual({ verdict: 'inconclusive', reason: { code: 'in-mode', mode: 'float', reason: { code: 'float-artifact' } } });
  });

  it('a pinned case that fails is a violation, or a known erratum when one covers it', () => {
    expect(judgeClaim([held], [pinned({ status: 'violated', failedBounds: [bound] })]).verdict).toBe('violated');
    const j = judgeClaim([held], [pinned({ expect: 'violated', status: 'violated', failedBounds: [bound], erratum: 'E1' })]);
    expect(j.verdict).toBe('violated (known erratum)');
    expect(describeReason(j.reason)).toBe('pinned case "witness" (exact) fails: (28a): 2 > 1 — erratum E1');
  });

  it('a pinned counterexample that no longer fails makes the claim inconclusive', () => {
    const j = judgeClaim([held], [pinned({ expect: 'violated', status: 'holds' })]);
    expect(j).toEqual({ verdict: 'inconclusive', reason: { code: 'pinned-no-longer-fails', note: 'witness', mode: 'exact', status: 'holds' } });
  });

  it('an unrecorded violation outranks a known erratum', () => {
    const j = judgeClaim([{ mode: 'float', ...judgeMode({ ...base, failures: 1, counterexample: { failedBounds: [bound], confirmation: 'confirmed' } }) }], [pinned({ expect: 'violated', status: 'violated', failedBounds: [bound], erratum: 'E1' })]);
    expect(j.verdict).toBe('violated');
  });
});
