/**
 * Catalog module of the AI Platform: validation of the suite's entity types.
 *
 * @packageDocumentation
 */
export { catalogModuleAiPlatform as default } from './module';
export { AiPlatformEntityProcessor } from './AiPlatformEntityProcessor';
