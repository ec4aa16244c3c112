export type { Schedule, StepSizes } from './schedule.ts';
export { geo, type GeoOptions } from './geo.ts';
export { plateau, type PlateauOptions } from './plateau.ts';
export { constant, sequence } from './simple.ts';
