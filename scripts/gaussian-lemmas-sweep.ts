/*
 * The open constants of paper A's random-matrix lemmas, measured on a grid (docs/findings/gaussian-lemmas.md):
 *  - Lemma 21 (A.L21, Rudelson–Vershynin (3.2) with c = 0): per N×n, the smallest C consistent with the data
 *    (max over a fixed ε grid of lo(ε)^{1/(N−n+1)}/ε, lo the 95 % Clopper–Pearson lower end Bonferroni-corrected over
 *    the grid), the grid estimate Ĉ (ε with ≥ 5 events) and the fitted rate exponent of log p̂ against log ε;
 *  - Lemma 10 (A.L10, (86) at level 0.995): per (d, k, r), the 0.5 % quantile of S = σ_r(V*ᵀO)·√d/(√k − √(r−1)) with
 *    its distribution-free 95 % interval, and P[S < 1/200] with its Clopper–Pearson interval.
 * Every draw comes from a named stream, so a row replays exactly.
 *   npx tsx scripts/gaussian-lemmas-sweep.ts [draws = 4000]
 */
import { l10Statistics, l21Ratios } from '../src/cases/gaussian.ts';
import { clopperPearson, quantileInterval } from '../src/claims/kit/rate.ts';
import { lsSlope } from '../src/linalg/fit.ts';
import { reference } from '../src/impl/impl.ts';

const M = Number(process.argv[2] ?? 4000);
const GRID = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
const la = reference.float;
const started = Date.now();

console.log(`Lemma 21, c = 0: ${M} draws per shape; C_lo = smallest C consistent (95 %, Bonferroni over ${GRID.length} ε)`);
console.log('N×n | N−n+1 | C_lo | Ĉ (ε) | rate exponent (ε used)');
for (const n of [1, 2, 5, 10, 20, 50]) {
  for (const excess of [0, 1, 3, 10, 30]) {
    const N = n + excess;
    if (N > 80) continue;
    const m = excess + 1;
    const ratios = l21Ratios(la, `A.L21 sweep ${N}x${n}`, N, n, M);
    let cLo = 0;
    let cHat = 0;
    let at = 0;
    const xs: number[] = [];
    const ys: number[] = [];
    for (const eps of GRID) {
      const k = ratios.filter((x) => x <= eps).length;
      cLo = Math.max(cLo, clopperPearson(k, M, 0.025 / GRID.length).lo ** (1 / m) / eps);
      const hat = (k / M) ** (1 / m) / eps;
      if (k >= 5 && hat > cHat) [cHat, at] = [hat, eps];
      if (k >= 5 && k <= M / 2) {
        xs.push(Math.log(eps));
        ys.push(Math.log(k / M));
      }
    }
    console.log(`${N}×${n} | ${m} | ${cLo.toFixed(3)} | ${cHat.toFixed(3)} (${at}) | ${xs.length >= 2 ? lsSlope(xs, ys).toFixed(2) : 'n/a'} (${xs.length})`);
  }
}

console.log(`\nLemma 10, level 0.995: ${M} draws per (d, k, r)`);
console.log('d, k, r | 0.5 % quantile of S [95 %] | P[S < 1/200] [95 %]');
for (const d of [2, 5, 10, 20, 50]) {
  for (const [k, r] of [[1, 1], [2, 2], [5, 5], [2, 1], [5, 4], [10, 5]] as const) {
    if (k > d) continue;
    const S = l10Statistics(la, `A.L10 sweep ${d},${k},${r}`, d, k, r, M);
    const q = quantileInterval(S, 0.005);
    const below = S.filter((x) => x < 1 / 200).length;
    const ci = clopperPearson(below, M);
    console.log(`${d}, ${k}, ${r} | ${S[Math.floor(0.005 * M)]!.toFixed(4)} [${Math.max(0, q.lo).toFixed(4)}, ${q.hi.toFixed(4)}] | ${below}/${M} [${ci.lo.toFixed(4)}, ${ci.hi.toFixed(4)}]`);
  }
}
console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);
