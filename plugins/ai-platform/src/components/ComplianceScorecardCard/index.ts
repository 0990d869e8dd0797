export { ComplianceScorecardCard } from './ComplianceScorecardCard';
export { LevelBadge } from './levels';
