export * from './DriftApi';
export * from './DriftClient';
