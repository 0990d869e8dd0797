export { ComputeSpendPage } from './ComputeSpendPage';
