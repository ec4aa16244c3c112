export type { Problem, ProblemId } from './problem.ts';
export { scalarProblem, type ScalarProblem } from './scalar.ts';
export { matrixFactorization, type MfProblem, type MfTarget } from './mf.ts';
export { inContextLearning, type IclProblem, type IclCovariance } from './icl.ts';
export { quadratic2, type Quad2Problem } from './quad2.ts';
export { quadraticB, type QuadBProblem } from './quadB.ts';
