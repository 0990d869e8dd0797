/**
 * Types, schemas, permissions and the entity model shared by the AI Platform plugins.
 *
 * @packageDocumentation
 */
export * from './compliance';
export * from './drift';
export * from './entities';
export * from './fabric';
export * from './featureView';
export * from './modelRegistry';
export * from './pipeline';
export * from './pools';
export * from './quota';
export * from './spend';
export * from './shared';
export * from './workspace';
