export * from './types';
export * from './schemas';
export * from './schedule';
export * from './permissions';
