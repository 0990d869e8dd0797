/**
 * Extension points and service references for modules of the AI Platform backend.
 *
 * @packageDocumentation
 */
export * from './pools';
