export { ModelDriftCard } from './ModelDriftCard';
