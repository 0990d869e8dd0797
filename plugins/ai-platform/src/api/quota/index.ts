export * from './QuotaApi';
export * from './QuotaClient';
