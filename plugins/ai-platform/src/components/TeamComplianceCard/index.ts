export { TeamComplianceCard } from './TeamComplianceCard';
