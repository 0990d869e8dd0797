export * from './euAiAct';
export * from './types';
export * from './schemas';
export * from './permissions';
export * from './modelCard';
