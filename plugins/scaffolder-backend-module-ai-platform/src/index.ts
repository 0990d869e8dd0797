/**
 * Scaffolder actions of the AI Platform.
 *
 * @packageDocumentation
 */
export { scaffolderModuleAiPlatform as default } from './module';
export { createValidateEntityAction } from './actions/validateEntity';
