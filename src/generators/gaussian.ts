import fc, { type Arbitrary } from 'fast-check';

/*
 * The dimensions of the random-matrix lemmas (paper A, Lemmas 10, 20, 21): up to the paper's largest d = 50, weighted
 * toward small sizes (1–10 seven cases in ten, 11–20 two in ten, 21–50 one in ten), and the bins the coverage report
 * sorts them into.
 */
export const dimensionTo50: Arbitrary<number> = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 10 }), weight: 7 },
  { arbitrary: fc.integer({ min: 11, max: 20 }), weight: 2 },
  { arbitrary: fc.integer({ min: 21, max: 50 }), weight: 1 },
);

export const DIMENSION_BINS = ['1–4', '5–10', '11–20', '21–50'] as const;

export const dimensionBin = (d: number): string => (d <= 4 ? '1–4' : d <= 10 ? '5–10' : d <= 20 ? '11–20' : '21–50');
