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
});
