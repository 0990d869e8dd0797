export * from './SpendApi';
export * from './SpendClient';
