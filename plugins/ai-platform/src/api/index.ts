export * from './AiPlatformApi';
export * from './AiPlatformClient';
