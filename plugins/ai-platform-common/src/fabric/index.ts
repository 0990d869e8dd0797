export * from './types';
export * from './schemas';
export * from './permissions';
export * from './health';
export * from './links';
export * from './topology';
export * from './declared';
export * from './graph';
