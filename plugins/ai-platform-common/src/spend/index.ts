export * from './budget';
export * from './energy';
export * from './permissions';
export * from './rates';
export * from './schemas';
export * from './split';
export * from './types';
