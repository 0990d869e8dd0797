export { TrainingEnergyCard } from './TrainingEnergyCard';
