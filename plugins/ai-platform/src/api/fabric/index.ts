export * from './FabricApi';
export * from './FabricClient';
