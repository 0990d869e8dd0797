export { TeamSpendCard } from './TeamSpendCard';
