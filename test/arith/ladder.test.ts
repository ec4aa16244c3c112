/**
 * The confirmation ladder: each rung is tried only when the previous one cannot decide, and the result names the
 * rung that decided. Error bounds below: a sum of n terms of magnitude ≤ 1 computed in a field with unit roundoff u
 * has absolute error ≤ n·u (each addition rounds by ≤ u·|partial sum| ≤ u), so `n·u` is a valid a-priori bound.
 */
import { describe, expect, it } from 'vitest';
import type { Field } from '../../src/arith/field.ts';
import { confirm, marginDecision, type LadderProblem } from '../../src/arith/ladder.ts';

/** "lhs ≤ rhs" with lhs = `small`, rhs = (1 + x) − 1 computed in the field. */
const gap = (small: string, x: string): LadderProblem<'holds' | 'violated'> => ({
  compute: <T>(F: Field<T>) => [F.sub(F.of(small), F.sub(F.add(F.one, F.of(x)), F.one))],
  errorBound: <T>(F: Field<T>) => 4 * F.unitRoundoff,
  decide: marginDecision,
});

describe('confirm: the confirmation ladder', () => {
  it('float64 decides a question with a wide margin, and no other rung runs', () => {
    const r = confirm(gap('0.25', '0.5'));
    expect(r.decision).toBe('holds');
    expect(r.rung).toBe('float64');
    expect(r.attempts.map((a) => a.rung)).toEqual(['float64']);
    expect(r.attempts[0].maxError).toBe(4 * 2 ** -53);
  });

  it('double-double decides what float64 cannot resolve (a margin of 5e-21), with its error bound', () => {
    const r = confirm(gap('5e-21', '1e-20'));
    expect(r.decision).toBe('holds');
    expect(r.rung).toBe('double-double');
    expect(r.attempts.map((a) => [a.rung, a.decided])).toEqual([
      ['float64', false],
      ['double-double', true],
    ]);
    expect(r.attempts[1].maxError).toBe(4 * 2 ** -101);
    expect(confirm(gap('2e-20', '1e-20')).decision).toBe('violated');
  });

  it('an exact tie goes to the decimal rung, where P and 2P agree (error 0): lhs = rhs holds', () => {
    const r = confirm(gap('0.5', '0.5'));
    expect(r.rung).toBe('decimal');
    expect(r.decision).toBe('holds');
    expect(r.attempts.at(-1)).toMatchObject({ rung: 'decimal', precision: 100, decided: true, maxError: 0 });
  });

  it('a tie that decimal cannot prove (1/3 + 1/3 + 1/3 = 1) is decided exactly in Q', () => {
    const third: LadderProblem<'holds' | 'violated'> = {
      compute: <T>(F: Field<T>) => {
        const t = F.div(F.one, F.of(3));
        return [F.sub(F.add(F.add(t, t), t), F.one)];
      },
      errorBound: <T>(F: Field<T>) => 8 * F.unitRoundoff,
      decide: marginDecision,
    };
    const r = confirm(third, { precision: 30 });
    expect(r.rung).toBe('rational');
    expect(r.decision).toBe('holds');
    expect(r.attempts.map((a) => a.rung)).toEqual(['float64', 'double-double', 'decimal', 'rational']);
    expect(r.attempts[2].maxError).toBeGreaterThan(0);
  });

  it('nothing decides √2·√2 = 2 exactly: Q reports the inexact square root, the result has no rung', () => {
    const root: LadderProblem<'holds' | 'violated'> = {
      compute: <T>(F: Field<T>) => {
        const s = F.sqrt(F.of(2));
        return [F.sub(F.mul(s, s), F.of(2))];
      },
      decide: marginDecision,
    };
    const r = confirm(root, { precision: 20 });
    expect(r.decision).toBeUndefined();
    expect(r.rung).toBeUndefined();
    // no errorBound: the approximate rungs are skipped
    expect(r.attempts.map((a) => a.rung)).toEqual(['decimal', 'rational']);
    expect(r.attempts[1].note).toMatch(/square root/);
  });

  it('a rung that throws or gives a non-finite value is recorded and the ladder goes on; rungs can be chosen', () => {
    const odd: LadderProblem<'holds' | 'violated'> = {
      compute: <T>(F: Field<T>) => {
        if (F.kind === 'double-double') throw new Error('not in this field');
        return [F.div(F.of(-1), F.kind === 'float64' ? F.zero : F.one)];
      },
      errorBound: () => [0],
      decide: marginDecision,
    };
    const r = confirm(odd, { rungs: ['float64', 'double-double', 'rational'] });
    expect(r.attempts.map((a) => [a.rung, a.decided, a.note])).toEqual([
      ['float64', false, 'a value is not finite'],
      ['double-double', false, 'threw: not in this field'],
      ['rational', true, undefined],
    ]);
    expect(r.decision).toBe('holds');
    expect(() => confirm({ ...odd, errorBound: () => [1, 2] }, { rungs: ['rational', 'float64'] })).not.toThrow();
  });

  it('marginDecision: violated as soon as one margin exceeds its error; open while any is within it', () => {
    const F = {
      ...({} as Field<number>),
      zero: 0,
      lt: (a: number, b: number) => a < b,
      le: (a: number, b: number) => a <= b,
      add: (a: number, b: number) => a + b,
      sub: (a: number, b: number) => a - b,
    } as Field<number>;
    expect(marginDecision(F, [-1, -2], [0.5, 0.5])).toBe('holds');
    expect(marginDecision(F, [-1, 0.1], [0.5, 0.5])).toBeUndefined();
    expect(marginDecision(F, [-0.1, 1], [0.5, 0.5])).toBe('violated');
    expect(marginDecision(F, [0], [0])).toBe('holds');
  });
});
