export { checkSample } from './samples';
export type { Sample } from './samples';
export { normedWasserstein1, wasserstein1 } from './wasserstein';
export { jensenShannonDistance } from './jensenShannon';
export { populationStabilityIndex, PSI_EMPTY_BIN_SHARE } from './psi';
