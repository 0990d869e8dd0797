export { ClusterPoolsCard } from './ClusterPoolsCard';
