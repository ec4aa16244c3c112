import { describe, expect, it } from 'vitest';
import { binomialTest } from '../../src/claims/binomial.ts';
import { judgeClaim, judgeMode, VERDICT_RANK, type ModeFacts, type RegressionFacts } from '../../src/claims/judge.ts';
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

describe('the judge: the reason carries what the rule used, nothing more', () => {
  const base2: ModeFacts = { mode: 'float', profile: 'deep', requested: 10, cases: 10, inconclusiveCases: 0, skipped: 0, failures: 0 };
  const b2 = { name: '(b)', lhs: 3, rhs: 1 };

  it('held: the first skipped reason only when cases were skipped', () => {
    expect(judgeMode({ ...base2, firstSkipped: 'stale' }).reason).toEqual({ code: 'held', cases: 10, skipped: 0 });
    expect(judgeMode({ ...base2, skipped: 1 }).reason).toEqual({ code: 'held', cases: 10, skipped: 1 });
    expect(judgeMode({ ...base2, requested: 0, cases: 0 }).reason).toEqual({ code: 'no-cases', profile: 'deep' });
  });

  it('inconclusive cases without a stated reason: "the check returned no bound"; one inconclusive case suffices', () => {
    expect(judgeMode({ ...base2, inconclusiveCases: 1 }).reason).toEqual({ code: 'inconclusive-cases', count: 1, cases: 10, first: 'the check returned no bound' });
  });

  it('a cut-short plain run names no failure count; a cut short run outranks inconclusive cases', () => {
    expect(judgeMode({ ...base2, cases: 4, cutShort: 'stopped', inconclusiveCases: 2, failures: 0 }).reason).toEqual({ code: 'cut-short', by: 'stopped', cases: 4, requested: 10 });
  });

  it('unconfirmed: the note, else the confirmation itself', () => {
    expect(judgeMode({ ...base2, failures: 1, counterexample: { failedBounds: [b2], confirmation: 'unavailable' } }).reason).toEqual({ code: 'unconfirmed', note: 'unavailable' });
  });

  it('a violation without an erratum has no erratum field; with an error the reason is the error even if confirmed', () => {
    expect(judgeMode({ ...base2, mode: 'exact', failures: 1, counterexample: { failedBounds: [b2], confirmation: 'confirmed', erratum: '' } })).toEqual({ verdict: 'violated', reason: { code: 'violated', bounds: [b2], confirmedInExact: false } });
    expect(judgeMode({ ...base2, failures: 1, counterexample: { failedBounds: [b2], confirmation: 'confirmed', error: '' } })).toEqual({ verdict: 'violated', reason: { code: 'check-threw', error: '' } });
  });

  it('binomial: a rejection decides before a cut-short run; an error confirms the witness; an unavailable exact path does not', () => {
    const rejected = binomialTest(100, 20, 0.01, 1e-6);
    expect(judgeMode({ ...base2, cutShort: 'time limit', failures: 20, binomial: rejected, counterexample: { failedBounds: [b2], confirmation: 'confirmed' } }).verdict).toBe('violated');
    expect(judgeMode({ ...base2, failures: 20, binomial: rejected, counterexample: { failedBounds: [], confirmation: 'inconclusive', error: 'E: x' } })).toEqual({ verdict: 'violated', reason: { code: 'binomial-rejected', test: rejected } });
    expect(judgeMode({ ...base2, failures: 20, binomial: rejected, counterexample: { failedBounds: [b2], confirmation: 'unavailable' } })).toEqual({ verdict: 'inconclusive', reason: { code: 'binomial-unconfirmed', test: rejected, witness: 'unconfirmed' } });
    expect(judgeMode({ ...base2, failures: 20, binomial: rejected, counterexample: { failedBounds: [b2], confirmation: 'float artifact' } })).toEqual({ verdict: 'inconclusive', reason: { code: 'binomial-unconfirmed', test: rejected, witness: 'float artifact' } });
    // the binomial test decides over the counterexample rules: a held test with a confirmed witness holds
    const held = binomialTest(100, 0, 0.01, 1e-6);
    expect(judgeMode({ ...base2, binomial: held, inconclusiveCases: 3, counterexample: { failedBounds: [b2], confirmation: 'confirmed' } })).toEqual({ verdict: 'holds', reason: { code: 'binomial-held', test: held } });
  });

  it('the verdict ranks: holds < inconclusive < known erratum < violated', () => {
    expect(VERDICT_RANK).toEqual({ holds: 0, inconclusive: 1, 'violated (known erratum)': 2, violated: 3 });
  });

  it('judgeClaim: among equals the first reason stays; a pinned failure carries its error and erratum only when set', () => {
    const inc = (mode: string) => ({ mode, ...judgeMode({ ...base2, inconclusiveCases: 1, firstInconclusive: mode }) });
    expect(judgeClaim([inc('float'), inc('exact')], []).reason).toEqual({ code: 'in-mode', mode: 'float', reason: { code: 'inconclusive-cases', count: 1, cases: 10, first: 'float' } });
    const held = { mode: 'exact', ...judgeMode(base2) };
    expect(judgeClaim([held], []).reason).toEqual({ code: 'modes', modes: [{ mode: 'exact', reason: { code: 'held', cases: 10, skipped: 0 } }] });
    const r = (x: Partial<RegressionFacts>): RegressionFacts => ({ mode: 'float', note: 'n', expect: 'holds', status: 'violated', failedBounds: [b2], ...x });
    expect(judgeClaim([held], [r({})]).reason).toStrictEqual({ code: 'pinned-fails', note: 'n', mode: 'float', bounds: [b2] });
    expect(judgeClaim([held], [r({ error: '', failedBounds: [] })]).reason).toEqual({ code: 'pinned-fails', note: 'n', mode: 'float', bounds: [], error: '' });
    expect(judgeClaim([held], [r({ erratum: 'E' })])).toEqual({ verdict: 'violated (known erratum)', reason: { code: 'pinned-fails', note: 'n', mode: 'float', bounds: [b2], erratum: 'E' } });
    // a pinned case expected to hold that is inconclusive, or holds, changes nothing
    expect(judgeClaim([held], [r({ status: 'inconclusive' }), r({ status: 'holds' })]).verdict).toBe('holds');
    // a pinned counterexample that is now inconclusive no longer fails either
    expect(judgeClaim([held], [r({ expect: 'violated', status: 'inconclusive' })])).toEqual({ verdict: 'inconclusive', reason: { code: 'pinned-no-longer-fails', note: 'n', mode: 'float', status: 'inconclusive' } });
    // the first pinned failure names the claim's verdict; a worse one later replaces it
    expect(judgeClaim([held], [r({ erratum: 'E', note: 'first' }), r({ note: 'second' })]).reason).toMatchObject({ note: 'second' });
    expect(judgeClaim([held], [r({ note: 'first' }), r({ note: 'second' })]).reason).toMatchObject({ note: 'first' });
  });
});
