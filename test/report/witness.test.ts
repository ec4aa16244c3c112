import { describe, expect, it } from 'vitest';
import { keyTex, numberTex, valueTex, witnessEntries, witnessHtml } from '../../src/report/witness.ts';

describe('a case as key = value', () => {
  it('keys become the papers’ symbols', () => {
    expect(keyTex('kappa')).toBe('\\kappa');
    expect(keyTex('eps')).toBe('\\varepsilon');
    expect(keyTex('sigma0')).toBe('\\sigma_{0}');
    expect(keyTex('lambdas')).toBe('\\lambda');
    expect(keyTex('Cs')).toBe('C');
    expect(keyTex('lambdaMax')).toBe('\\lambda_{\\max}');
    expect(keyTex('sqrtLambdaMax')).toBe('\\sqrt{\\lambda_{\\max}}');
    expect(keyTex('d')).toBe('d');
    expect(keyTex('steps')).toBe('\\text{steps}');
    expect(keyTex('rank_Q')).toBe('\\text{rank\\_Q}');
  });

  it('numbers with the digits that tell them apart; integers whole; ±∞', () => {
    expect(numberTex(3.151956796646118)).toBe('3.152');
    expect(numberTex(1e-4)).toBe('10^{-4}');
    expect(numberTex(1.5e-7)).toBe('1.5\\cdot 10^{-7}');
    expect(numberTex(1890463199)).toBe('1890463199');
    expect(numberTex(0.9999999999999983)).toMatch(/^0\.9999999/); // not "1": 1 is tight
    expect(numberTex(Infinity)).toBe('\\infty');
    expect(numberTex(Number.NaN)).toBe('\\text{NaN}');
  });

  it('decimal strings as numbers, small matrices as matrices, large ones and long arrays summarised, nested objects inline', () => {
    expect(valueTex('0.12875')).toBe('0.1288');
    expect(valueTex('9996e-2')).toBe('99.96');
    expect(valueTex('Infinity')).toBe('\\infty');
    expect(valueTex({ rows: 2, cols: 2, data: [1, 0, 0, '-1'] })).toBe('\\begin{pmatrix}1 & 0 \\\\ 0 & -1\\end{pmatrix}');
    expect(valueTex({ rows: 50, cols: 20, data: [] })).toBe('(50\\times 20\\ \\text{matrix})');
    expect(valueTex([1, 2, 3])).toBe('(1,\\ 2,\\ 3)');
    expect(valueTex([1, 2, 3, 4, 5, 6, 7, 8])).toBe('(1,\\ 2,\\ 3,\\ 4,\\ \\dots,\\ 8)\\ \\text{(8 values)}');
    expect(valueTex([1, 2, 3, 4, 5, 6, 7, 8], 0, true)).toBe('(1,\\ 2,\\ \\dots,\\ 8)\\ \\text{(8 values)}');
    expect(valueTex({ rows: 2, cols: 2, data: [1, 0, 0, 1] }, 0, true)).toBe('(2\\times 2\\ \\text{matrix})');
    expect(valueTex({ kind: 'drop', eta0: '0.0625' })).toBe('(\\text{kind} = \\text{drop},\\ \\eta_{0} = 0.0625)');
    expect(witnessEntries(3)).toEqual([{ key: 'case', tex: '3' }]);
  });

  it('the A.T1a erratum witness reads as symbols and short numbers, every entry through KaTeX', () => {
    const witness = { d: 1, k: 1, r: 1, kappa: 1, pattern: 'geometric', seed: 0, lambdas: [1], V: { rows: 1, cols: 1, data: [1] }, rho: 0.5, C: 1.5, a: 1, eps: 0.0001 };
    const html = witnessHtml(witness);
    expect(html.match(/class="kv"/g)).toHaveLength(12);
    expect(html.match(/class="katex"/g)).toHaveLength(12);
    expect(html).toContain('title="kappa"');
    expect(html).not.toContain('&quot;'); // no JSON quoting
    const shown = witnessHtml({ C: 3.151956796646118, sigma0: -1.000244140625 }).replace(/<[^>]+>/g, '');
    expect(shown).not.toMatch(/\d{8}/); // no 17-digit mantissa on the page
  });
});
