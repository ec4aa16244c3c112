/*
 * Interval estimates of a failure rate from `failures` of `n` independent runs, for the A.T1b sweeps: the exact
 * (Clopper–Pearson) two-sided interval at level 1 − 2·tail (95 % by default). One implementation, the kit's
 * (src/claims/kit/rate.ts, bisection on src/claims/binomial.ts's tails); this module keeps the sweeps' import path.
 */
export { clopperPearson } from '../src/claims/kit/rate.ts';
