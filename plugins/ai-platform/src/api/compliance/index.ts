export * from './ComplianceApi';
export * from './ComplianceClient';
