import fs from 'node:fs';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import { AiPlatformEntityProcessor } from './AiPlatformEntityProcessor';

function readEntities(file: string): Entity[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(
    doc => doc.toJS() as Entity,
  );
}

const processor = new AiPlatformEntityProcessor();
const preProcess = (entity: Entity) => processor.preProcessEntity(entity);

describe('AiPlatformEntityProcessor', () => {
  const malformed = readEntities(
    path.join(__dirname, '__fixtures__/malformed-entities.yaml'),
  );

  it.each([
    [
      'cluster-with-negative-gpus',
      'spec.gpuPools[0].count: must be greater than 0',
    ],
    ['fabric-without-speed', 'spec.linkSpeedGbps: Required'],
    [
      'team-with-bad-namespace',
      'metadata.annotations["ai-platform.io/namespaces"]: must be a comma-separated list of Kubernetes namespace names',
    ],
    [
      'model-with-unknown-risk',
      'metadata.annotations["ai-platform.io/risk-level"]: Invalid enum value',
    ],
  ])('rejects %s, naming the field', async (name, message) => {
    const entity = malformed.find(e => e.metadata.name === name)!;
    await expect(preProcess(entity)).rejects.toThrow(message);
    await expect(preProcess(entity)).rejects.toMatchObject({
      name: 'InputError',
    });
  });

  it('accepts every entity of the example data', async () => {
    const examplesDir = path.resolve(__dirname, '../../../examples');
    const files = fs.readdirSync(examplesDir).filter(f => f.endsWith('.yaml'));
    const entities = files.flatMap(f =>
      readEntities(path.join(examplesDir, f)),
    );
    expect(entities.length).toBeGreaterThan(30);
    for (const entity of entities) {
      await expect(preProcess(entity)).resolves.toBe(entity);
    }
  });

  it('leaves entities outside the model alone', async () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'web' },
      spec: {
        type: 'service',
        owner: 'group:default/web',
        lifecycle: 'production',
      },
    };
    await expect(preProcess(entity)).resolves.toBe(entity);
  });

  describe('pipeline outputs', () => {
    const location = { type: 'url', target: 'https://example.com/ml.yaml' };
    const pipeline = (spec: Record<string, unknown>): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'ranker-retrain', namespace: 'ml' },
      spec: {
        type: 'ml-pipeline',
        owner: 'group:default/recsys',
        lifecycle: 'production',
        ...spec,
      },
    });

    async function relationsOf(entity: Entity) {
      const emit = jest.fn();
      await expect(
        processor.postProcessEntity(entity, location, emit),
      ).resolves.toBe(entity);
      return emit.mock.calls.map(([result]) => result.relation);
    }

    it('relates a pipeline to what it produces, both ways', async () => {
      const self = {
        kind: 'Component',
        namespace: 'ml',
        name: 'ranker-retrain',
      };
      expect(
        await relationsOf(
          pipeline({ outputs: ['resource:default/ranker', 'ranker-features'] }),
        ),
      ).toEqual([
        {
          source: self,
          type: 'produces',
          target: { kind: 'resource', namespace: 'default', name: 'ranker' },
        },
        {
          source: { kind: 'resource', namespace: 'default', name: 'ranker' },
          type: 'producedBy',
          target: self,
        },
        {
          source: self,
          type: 'produces',
          target: {
            kind: 'resource',
            namespace: 'ml',
            name: 'ranker-features',
          },
        },
        {
          source: {
            kind: 'resource',
            namespace: 'ml',
            name: 'ranker-features',
          },
          type: 'producedBy',
          target: self,
        },
      ]);
    });

    it('relates nothing for other entities or a pipeline without outputs', async () => {
      expect(await relationsOf(pipeline({}))).toEqual([]);
      expect(
        await relationsOf({
          ...pipeline({ outputs: ['resource:default/ranker'] }),
          spec: { type: 'service', outputs: ['resource:default/ranker'] },
        }),
      ).toEqual([]);
    });
  });
});
