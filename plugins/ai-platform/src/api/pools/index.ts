export * from './PoolsApi';
export * from './PoolsClient';
