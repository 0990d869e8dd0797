export { QuotasPage } from './QuotasPage';
