import { describe, expect, it } from 'vitest';
import { exactField } from '../../src/arith/exact.ts';
import { float64 } from '../../src/arith/float64.ts';
import { parseErrata } from '../../src/claims/errata.ts';
import { parseRegressions } from '../../src/claims/regressions.ts';
import { floatPlain } from '../../src/linalg/backend.ts';
import { fromRows } from '../../src/linalg/mat.ts';
import { gd, run } from '../../src/optimizers/index.ts';
import { inContextLearning, matrixFactorization, quadraticB } from '../../src/problems/index.ts';
import { geo, sequence } from '../../src/schedules/index.ts';

/*
 * Every bad input that product.md lists, in one place: each is refused with an error that names the parameter and
 * its allowed range (the CLI's own cases — unknown claim id, corrupt counterexample file, bad options — are in
 * cli.test.ts, where exit code 2 and "no report written" are checked too).
 */
const la = floatPlain;
const F = float64;

describe('bad input is refused, naming the parameter and its range', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['non-symmetric target', () => matrixFactorization(la, { M: fromRows(F, [[1, 2], [0, 1]]) }, 1), /M\* must be symmetric/],
    ['non-PSD target', () => matrixFactorization(la, { M: fromRows(F, [[1, 0], [0, -1]]) }, 1), /positive semi-definite/],
    ['singular Σ for ICL', () => inContextLearning(la, { Sigma: fromRows(F, [[1, 0], [0, 0]]) }), /positive definite/],
    ['NaN in a target', () => matrixFactorization(la, { M: fromRows(F, [[Number.NaN, 0], [0, 1]]) }, 1), /non-finite/],
    ['Infinity in a start point', () => run({ problem: matrixFactorization(la, { M: fromRows(F, [[1, 0], [0, 1]]) }, 1), optimizer: gd, schedule: sequence([0.1]), x0: fromRows(F, [[Infinity], [0]]), steps: 1 }), /x0 has a non-finite entry/],
    ['mismatched shapes (start point)', () => run({ problem: matrixFactorization(la, { M: fromRows(F, [[1, 0], [0, 1]]) }, 1), optimizer: gd, schedule: sequence([0.1]), x0: fromRows(F, [[1, 0]]), steps: 1 }), /x0 must be 2×1/],
    ['mismatched shapes (Q against W*)', () => quadraticB(la, fromRows(F, [[1, 0], [0, 1]]), fromRows(F, [[1, 0, 0]])), /W\* must have 2 rows \(Q is 2×2\), got 1/],
    ['ρ = 1', () => geo({ rho: 1, C: 1 }).start(F), /ρ must be in \(0, 1\)/],
    ['ρ = 0', () => geo({ rho: 0, C: 1 }).start(F), /ρ must be in \(0, 1\)/],
    ['negative steps', () => run({ problem: matrixFactorization(la, { M: fromRows(F, [[1, 0], [0, 1]]) }, 1), optimizer: gd, schedule: sequence([0.1]), x0: fromRows(F, [[1], [0]]), steps: -1 }), /steps must be a non-negative integer/],
    ['precision 0', () => exactField(0), /precision must be an integer in \[1, 1000\] digits, got 0/],
    ['negative precision', () => exactField(-5), /precision must be an integer in \[1, 1000\]/],
    ['corrupt errata file', () => parseErrata('{"schema": "muon-claims/errata", "schemaVersion": 1, "errata": [{"id": 1}]}', 'fixtures/errata.json'), /fixtures\/errata\.json: entry 0: "claim" is missing \(and \d+ more problems\)/],
    ['unversioned errata file', () => parseErrata('[]', 'fixtures/errata.json'), /fixtures\/errata\.json: must be an object, got \[\] — an errata file is \{"schema": "muon-claims\/errata", "schemaVersion": 1/],
    ['corrupt regression file', () => parseRegressions('{"schema": "muon-claims/regressions", "schemaVersion": 1, "claim": "A.L2", "cases": [{"mode": "float", "note": "n", "expect": "maybe", "value": {}}]}', 'fixtures/regressions/A.L2.json'), /A\.L2\.json: case 0: "expect" must be "holds" or "violated", got "maybe"/],
    ['regression file of another version', () => parseRegressions('{"schema": "muon-claims/regressions", "schemaVersion": 99, "claim": "A.L2", "cases": []}', 'fixtures/regressions/A.L2.json'), /A\.L2\.json: "schemaVersion" must be 1, got 99/],
    // The CLI's input files (regressions, errata, counterexample files, --claims modules) with exit code 2 and nothing
    // run or written: test/cli/input-files.test.ts, test/cli/conventions.test.ts and test/cli/output-set.test.ts.
  ];
  for (const [what, f, message] of cases) {
    it(what, () => expect(f).toThrow(message));
  }
});
