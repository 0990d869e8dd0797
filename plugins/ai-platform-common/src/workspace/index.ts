export * from './types';
export * from './schemas';
export * from './permissions';
export * from './kubernetes';
export * from './images';
