export * from './types';
export * from './schemas';
export * from './permissions';
export * from './engine';
export * from './defaultChecks';
export * from './modelCards';
