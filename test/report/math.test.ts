import { describe, expect, it } from 'vitest';
import { claims } from '../../src/claims/registry.ts';
import { fontsUsed, katexStyle, proseHtml, renderTex, richHtml, segments, texOf } from '../../src/util/math.ts';

/** The text a reader sees: tags, styles and the folded JSON removed, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<details class="json">[\s\S]*?<\/details>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Literal TeX: a dollar, a command, a braced script. */
const LITERAL_TEX = /\$|\\[a-zA-Z]+|[_^]\{/;

describe('maths of the catalogue to TeX', () => {
  it('Greek letters, scripts, roots, norms, transposes, starred symbols, e-notation and set braces', () => {
    expect(texOf('σ_{t+1}')).toBe('\\sigma _{t+1}');
    expect(texOf('η_t = Cρ^t')).toBe('\\eta _{t} = C\\rho ^{t}');
    expect(texOf('√λ_max')).toBe('\\sqrt{\\lambda _{\\mathrm{max}}}');
    expect(texOf('√(2Δ/(L_*T))')).toBe('\\sqrt{2\\Delta /(L_{*}T)}');
    expect(texOf('‖UUᵀ − M*‖_F')).toBe('\\|U U ^{\\top } - M^{*}\\|_{F}');
    expect(texOf('(GᵀG)^{−1/2}')).toBe('(G^{\\top }G)^{-1/2}');
    expect(texOf('σ₀ ≠ 0')).toBe('\\sigma _{0} \\ne 0');
    expect(texOf('≤ 1e-10')).toBe('\\le 10^{-10}');
    expect(texOf('< 1.5e-3')).toBe('< 1.5\\cdot 10^{-3}');
    expect(texOf('s_t ∈ {−1,0,1}')).toBe('s_{t} \\in \\{-1,0,1\\}');
    expect(texOf('msign(∇f(U_t))')).toBe('\\operatorname{msign}(\\nabla f(U_{t}))');
    expect(texOf('log(8λ_max/ε)')).toBe('\\log (8\\lambda _{\\mathrm{max}}/\\varepsilon )');
    expect(texOf('10^(2−P′)')).toBe("10^{2-P'}");
  });

  it('KaTeX renders what texOf makes, and refuses what is not TeX (the caller then falls back to text)', () => {
    expect(renderTex(texOf('‖W_{t+1} − Σ⁻¹‖ ≤ Cρ^t'))).toContain('class="katex"');
    expect(renderTex('\\frac{1}{')).toBeNull();
  });
});

describe('prose and maths runs', () => {
  const kinds = (t: string): string[] => segments(t).map((g) => `${g.kind === 'math' ? 'M' : 'T'}:${g.s}`);

  it('a statement splits at prose words and at punctuation outside brackets', () => {
    expect(kinds('For (27) with λ ≥ 0, σ₀ ≠ 0, ρ ∈ [1/2, 1), max(|σ₀|, √λ) ≤ η₀: for all t ≥ 0')).toEqual([
      'T:For (27) with ',
      'M:λ ≥ 0',
      'T:, ',
      'M:σ₀ ≠ 0',
      'T:, ',
      'M:ρ ∈ [1/2, 1)',
      'T:, ',
      'M:max(|σ₀|, √λ) ≤ η₀',
      'T:: for all ',
      'M:t ≥ 0',
    ]);
  });

  it('equation numbers, names, hyphenated words, paths and the article stay prose; numbers join the maths before them', () => {
    expect(kinds('(28a) δ_{t+1} ≤ η_t')).toEqual(['T:(28a) ', 'M:δ_{t+1} ≤ η_t']);
    expect(kinds('on P.icl the κ-slope is ≥ 1')).toEqual(['T:on P.icl the κ-slope is ', 'M:≥ 1']);
    expect(kinds('within a few hundred steps (< 1000)')).toEqual(['T:within a few hundred steps ', 'M:(< 1000)']);
    expect(kinds("M*'s eigenvectors")).toEqual(['M:M*', "T:'s eigenvectors"]);
    expect(kinds('drift budget E_t (src/cases/aligned.ts)')).toEqual(['T:drift budget ', 'M:E_t', 'T: (src/cases/aligned.ts)']);
    expect(kinds('Lemma 15 (μ₂ frozen)')).toEqual(['T:Lemma 15 (', 'M:μ₂', 'T: frozen)']);
    expect(kinds('a = 1 and a grid')).toEqual(['M:a = 1', 'T: and a grid']);
    expect(texOf('V*ᵀO')).toBe('V^{*\\top }O'); // one superscript, not ^{*}^{\top} (a TeX error)
  });

  it('every statement, title and hypothesis of the catalogue renders with no literal TeX and every maths run through KaTeX', () => {
    const texts = claims.flatMap((c) => [c.statement, c.title, ...c.hypotheses.map((h) => h.text)]);
    expect(texts.length).toBeGreaterThan(100);
    let runs = 0;
    for (const t of texts) {
      for (const g of segments(t)) {
        if (g.kind !== 'math') continue;
        runs++;
        expect(renderTex(texOf(g.s)), `${g.s} (in "${t}")`).not.toBeNull();
      }
      const html = richHtml(t);
      expect(visibleText(html), t).not.toMatch(LITERAL_TEX);
    }
    expect(runs).toBeGreaterThan(200);
  });

  it('the fallback sets scripts as <sub>/<sup>', () => {
    expect(proseHtml('x_{ab} + y^{2} < z_t')).toBe('x<sub>ab</sub> + y<sup>2</sup> &lt; z<sub>t</sub>');
    expect(proseHtml('MUON_FIXTURES_DIR')).toBe('MUON_FIXTURES_DIR');
  });
});

describe('KaTeX stylesheet for an offline page', () => {
  it('inlines the fonts the maths uses as woff2 data URLs and drops every other @font-face', () => {
    const html = richHtml('For ρ ∈ [1/2, 1) and ‖U_TU_Tᵀ − M*‖ ≤ ε');
    const used = fontsUsed(html);
    expect(used.has('KaTeX_Main|normal|normal')).toBe(true);
    expect(used.has('KaTeX_Math|normal|italic')).toBe(true);
    const css = katexStyle(html);
    expect(css).toMatch(/@font-face\{font-family:KaTeX_Main;[^}]*src:url\(data:font\/woff2;base64,[A-Za-z0-9+/=]{1000,}\)/);
    expect(css).toMatch(/font-family:KaTeX_Math;font-style:italic/);
    expect(css).not.toMatch(/url\(fonts\//);
    expect(css).not.toMatch(/KaTeX_Fraktur;font-style/); // not used: no @font-face, no request
    expect(css).toContain('.katex');
  });

  it('a page without maths inlines no font', () => {
    expect(katexStyle('<p>no maths</p>')).not.toContain('data:font');
  });
});
