export { NetworkFabricPage } from './NetworkFabricPage';
