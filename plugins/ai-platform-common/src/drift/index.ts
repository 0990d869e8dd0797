export { checkSample } from './samples';
export type { Sample } from './samples';
export { normedWasserstein1, wasserstein1 } from './wasserstein';
export { jensenShannonDistance } from './jensenShannon';
export { populationStabilityIndex, PSI_EMPTY_BIN_SHARE } from './psi';
export { kolmogorovSmirnov } from './ks';
export type { KsMode, KsResult } from './ks';
export { kolmogorovSf } from './kolmogorov';
export { chiSquaredSf } from './gamma';
export {
  categoricalJensenShannon,
  categoricalPsi,
  chiSquaredTest,
  countCategories,
} from './categorical';
export type { CategoryCounts } from './categorical';
export { seededSample } from './seeded';
export type { SeededSampleSpec } from './seeded';
export {
  DEFAULT_DATASET_DRIFT_SHARE,
  DRIFT_METHOD_INFO,
  DRIFT_METHODS,
  defaultDriftMethod,
  evaluateFeatureDrift,
  modelDriftStatus,
} from './evaluate';
export type {
  DriftMethod,
  DriftOverride,
  FeatureDrift,
  FeatureStatus,
  FeatureWindow,
  ModelDriftStatus,
} from './evaluate';
export { driftReadPermission, driftWritePermission } from './permissions';
export {
  driftWindowInputSchema,
  MAX_WINDOW_CATEGORIES,
  MAX_WINDOW_VALUES,
} from './schemas';
export type {
  DriftWindowInput,
  FeatureDriftResult,
  ModelDriftDetail,
  ModelDriftSummary,
} from './schemas';
export {
  DRIFT_ANNOTATIONS,
  driftOverrideFor,
  readDriftSettings,
} from './annotations';
export type { DriftSettings } from './annotations';
