import { createPermission } from '@backstage/plugin-permission-common';

/** Define data and ML pipelines for a team. */
export const pipelineCreatePermission = createPermission({
  name: 'ai-platform.pipeline.create',
  attributes: { action: 'create' },
});

/** See the pipelines every team has defined and their runs. */
export const pipelineReadPermission = createPermission({
  name: 'ai-platform.pipeline.read',
  attributes: { action: 'read' },
});
