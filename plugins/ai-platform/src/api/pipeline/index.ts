export * from './PipelineApi';
export * from './PipelineClient';
