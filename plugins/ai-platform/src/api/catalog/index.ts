export * from './RejectedEntitiesApi';
export * from './RejectedEntitiesClient';
