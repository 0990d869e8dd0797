export { TeamAiResourcesCard } from './TeamAiResourcesCard';
