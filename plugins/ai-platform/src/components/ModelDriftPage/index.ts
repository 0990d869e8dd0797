export { ModelDriftPage } from './ModelDriftPage';
