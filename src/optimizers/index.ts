export type { Optimizer, Stepper } from './optimizer.ts';
export { gd, signgd, scaledgd } from './basic.ts';
export { muon, simplifiedMuon, type MuonOptions, type Momentum, type Orthogonalizer } from './muon.ts';
export { adam, type AdamOptions } from './adam.ts';
export { run, type RunOptions, type Trajectory, type RunStatus } from './run.ts';
export { practicalMuon, lerp, shapeScale, type PracticalMuonOptions } from './practical-muon.ts';
