export { CompliancePage } from './CompliancePage';
