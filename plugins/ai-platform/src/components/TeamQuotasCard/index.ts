export { TeamQuotasCard } from './TeamQuotasCard';
