export * from './catalog';
export * from './compliance';
export * from './drift';
export * from './fabric';
export * from './pipeline';
export * from './pools';
export * from './quota';
export * from './spend';
