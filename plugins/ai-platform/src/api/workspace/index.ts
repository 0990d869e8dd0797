export * from './WorkspaceApi';
export * from './WorkspaceClient';
