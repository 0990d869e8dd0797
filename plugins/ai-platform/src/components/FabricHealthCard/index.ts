export { FabricHealthCard } from './FabricHealthCard';
