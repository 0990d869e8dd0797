import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createValidateEntityAction } from './validateEntity';
import { validateEntityExamples } from './validateEntity.examples';

describe('ai-platform:catalog:validate', () => {
  const action = createValidateEntityAction();

  it('accepts its documented example', async () => {
    const input = yaml.parse(validateEntityExamples[0].example).steps[0].input;
    const ctx = createMockActionContext({ input });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/clickstream-events',
    );
  });

  it('fails naming the spec field that is wrong', async () => {
    const ctx = createMockActionContext({
      input: {
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'cluster-x' },
          spec: {
            type: 'gpu-cluster',
            owner: 'group:default/platform',
            gpuPools: [{ model: 'H100-80GB', memoryGiB: 80, count: 0 }],
          },
        },
      },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'entity.spec.gpuPools[0].count: must be greater than 0',
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('fails on an entity that is not an entity at all', async () => {
    const ctx = createMockActionContext({
      input: { entity: { kind: 'Resource' } },
    });
    await expect(action.handler(ctx)).rejects.toThrow(/^entity: /);
  });
});
