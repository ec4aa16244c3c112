import { describe, expect, it } from 'vitest';
import { matchErratum, parseErrata } from '../../src/claims/errata.ts';
import { projectErrata } from '../../src/claims/fixtures.ts';
import { parseRegressions, regressionPath } from '../../src/claims/regressions.ts';
import { claims } from '../../src/claims/registry.ts';

describe('fixtures: errata and pinned regressions', () => {
  it('the project errata parse and each names a registered claim', () => {
    const ids = new Set(claims.map((c) => c.id));
    for (const e of projectErrata()) expect(ids.has(e.claim), `erratum ${e.id} names ${e.claim}`).toBe(true);
  });

  it('a corrupt errata file is refused with the file and the field named', () => {
    expect(() => parseErrata('{', 'E.json')).toThrow(/E\.json: not valid JSON/);
    expect(() => parseErrata('{}', 'E.json')).toThrow(/E\.json: "schema" is missing — an errata file is \{"schema": "muon-claims\/errata", "schemaVersion": 1/);
    expect(() => parseErrata('[]', 'E.json')).toThrow(/E\.json: must be an object/);
    expect(() => parseErrata('{"schema":"muon-claims/errata","schemaVersion":1,"errata":[{"id":"x","claim":"A.L2","bound":"(28a)","kind":"typo","explanation":"e","evidence":"e","witness":1}]}', 'E.json')).toThrow(/"kind" must be "paper" or "reconstruction"/);
    expect(() => parseErrata('{"schema":"muon-claims/errata","schemaVersion":1,"errata":[{"id":"x","claim":"A.L2","bound":"(28a)","kind":"paper","explanation":"e","evidence":"e"}]}', 'E.json')).toThrow(/"witness" is missing/);
  });

  it('an erratum covers a violation only when it covers every failing bound', () => {
    const e = parseErrata('{"schema":"muon-claims/errata","schemaVersion":1,"errata":[{"id":"x","claim":"A.L2","bound":"(28a)","kind":"paper","explanation":"e","evidence":"e","witness":1}]}');
    const b = (name: string) => ({ name, lhs: 2, rhs: 1, holds: false });
    expect(matchErratum(e, 'A.L2', [b('(28a)')])?.id).toBe('x');
    expect(matchErratum(e, 'A.L2', [b('(28a)'), b('(35)')])).toBeUndefined();
    expect(matchErratum(e, 'A.L11', [b('(28a)')])).toBeUndefined();
  });

  it('a corrupt regression file is refused with the field named', () => {
    expect(() => parseRegressions('nope', 'R.json')).toThrow(/R\.json: not valid JSON/);
    expect(() => parseRegressions('{"schema":"muon-claims/regressions","schemaVersion":1,"claim":"A.L2","cases":[{"mode":"fast","note":"n","expect":"holds","value":1}]}', 'R.json')).toThrow(/"mode" must be "float" or "exact"/);
    expect(() => parseRegressions('{"schema":"muon-claims/regressions","schemaVersion":1,"claim":"A.L2","cases":[]}', 'R.json', 'A.L11')).toThrow(/belongs to A\.L11/);
    expect(() => parseRegressions('{"schema":"muon-claims/regressions","schemaVersion":1,"claim":"A.L2","cases":[{"mode":"exact","note":"n","expect":"holds"}]}', 'R.json')).toThrow(/"value" is missing/);
    expect(regressionPath('fixtures/regressions', 'A.L8/A.L9')).toMatch(/A\.L8-A\.L9\.json$/);
  });
});
