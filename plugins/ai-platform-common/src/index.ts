/**
 * Types, schemas, permissions and the entity model shared by the AI Platform plugins.
 *
 * @packageDocumentation
 */
export * from './drift';
export * from './entities';
export * from './inventory';
export * from './pools';
export * from './quota';
export * from './spend';
export * from './workspace';
