import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { isLineageEntity, Lineage, walkLineage } from './lineage';
import { node, rankerLineage, withReverseRelations } from './testCatalog';

/** Walks from the named entity over the catalog, recording each fetch's refs. */
async function walk(entities: Entity[], from: string, maxDepth?: number) {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const fetches: string[][] = [];
  const lineage = await walkLineage(
    byRef.get(from)!,
    async refs => {
      fetches.push(refs);
      return refs.map(ref => byRef.get(ref));
    },
    maxDepth,
  );
  return { lineage, fetches };
}

/** Each level's refs, with `?` after those not in the catalog. */
const refs = (levels: Lineage['upstream']) =>
  levels.map(level => level.map(n => `${n.ref}${n.entity ? '' : '?'}`));

describe('walkLineage', () => {
  it('walks upstream through dependsOn and producedBy, downstream through dependencyOf', async () => {
    const { lineage } = await walk(
      rankerLineage(),
      'resource:default/recsys-ranker',
    );
    expect(refs(lineage.upstream)).toEqual([
      [
        'resource:default/legacy-features',
        'resource:default/user-activity-features',
        'component:default/recsys-training-pipeline',
      ],
      [
        'resource:default/clickstream-events',
        'resource:default/deleted-dataset?',
      ],
    ]);
    expect(refs(lineage.downstream)).toEqual([
      ['component:default/recsys-ranker-serving'],
    ]);
    expect(lineage.more).toEqual({ upstream: false, downstream: false });
  });

  it('walks downstream through produces, from a dataset to the model server', async () => {
    const { lineage } = await walk(
      rankerLineage(),
      'resource:default/clickstream-events',
    );
    expect(lineage.upstream).toEqual([]);
    expect(refs(lineage.downstream)).toEqual([
      ['resource:default/user-activity-features'],
      // The ranker depends on the feature view and is produced by the pipeline: shown once,
      // at the nearer step; pipelines before models, in the model's order of types.
      [
        'component:default/recsys-training-pipeline',
        'resource:default/recsys-ranker',
      ],
      ['component:default/recsys-ranker-serving'],
    ]);
  });

  it('fetches each level of both directions in one call, and other kinds never', async () => {
    const entities = rankerLineage();
    entities
      .find(e => e.metadata.name === 'recsys-ranker-serving')!
      .relations!.push({
        type: 'dependsOn',
        targetRef: 'api:default/ranking-api',
      });
    const { fetches } = await walk(entities, 'resource:default/recsys-ranker');
    expect(fetches).toEqual([
      [
        'resource:default/user-activity-features',
        'resource:default/legacy-features',
        'component:default/recsys-training-pipeline',
        'component:default/recsys-ranker-serving',
      ],
      [
        'resource:default/deleted-dataset',
        'resource:default/clickstream-events',
        'resource:default/cluster-a',
        'component:default/storefront',
      ],
    ]);
  });

  it('leaves out entities of other types and does not walk through them', async () => {
    const { lineage } = await walk(
      withReverseRelations([
        node('Resource', 'ranker', 'ai-model', {
          dependsOn: ['resource:default/workspace'],
        }),
        node('Resource', 'workspace', 'ml-workspace', {
          dependsOn: ['resource:default/events'],
        }),
        node('Resource', 'events', 'dataset'),
      ]),
      'resource:default/ranker',
    );
    expect(lineage.upstream).toEqual([]);
    expect(lineage.downstream).toEqual([]);
  });

  it('ends a cycle, showing an entity both up- and downstream on both sides', async () => {
    const { lineage, fetches } = await walk(
      withReverseRelations([
        node('Resource', 'a', 'dataset', {
          dependsOn: ['component:default/b'],
        }),
        node('Component', 'b', 'ml-pipeline', {
          dependsOn: ['resource:default/c'],
        }),
        node('Resource', 'c', 'dataset', { dependsOn: ['resource:default/a'] }),
      ]),
      'resource:default/a',
    );
    expect(refs(lineage.upstream)).toEqual([
      ['component:default/b'],
      ['resource:default/c'],
    ]);
    expect(refs(lineage.downstream)).toEqual([
      ['resource:default/c'],
      ['component:default/b'],
    ]);
    expect(fetches).toHaveLength(2);
  });

  it('stops at the depth limit and says whether the lineage goes on', async () => {
    const chain = (length: number) =>
      withReverseRelations(
        Array.from({ length }, (_, i) =>
          node('Resource', `d${i}`, 'dataset', {
            dependsOn: i + 1 < length ? [`resource:default/d${i + 1}`] : [],
          }),
        ),
      );

    const long = await walk(chain(8), 'resource:default/d0', 5);
    expect(refs(long.lineage.upstream)).toEqual(
      [1, 2, 3, 4, 5].map(i => [`resource:default/d${i}`]),
    );
    expect(long.lineage.more).toEqual({ upstream: true, downstream: false });
    // The five levels and the one beyond, only to tell whether it goes on.
    expect(long.fetches).toHaveLength(6);

    const exact = await walk(chain(6), 'resource:default/d0', 5);
    expect(exact.lineage.upstream).toHaveLength(5);
    expect(exact.lineage.more).toEqual({ upstream: false, downstream: false });
  });

  it('keeps a ref the catalog does not hold as a node without an entity', async () => {
    const { lineage } = await walk(
      [
        node('Resource', 'ranker', 'ai-model', {
          dependsOn: ['resource:default/gone', 'resource:default/events'],
        }),
        node('Resource', 'events', 'dataset'),
      ],
      'resource:default/ranker',
    );
    expect(lineage.upstream).toEqual([
      [
        {
          ref: 'resource:default/events',
          entity: expect.objectContaining({ kind: 'Resource' }),
        },
        { ref: 'resource:default/gone', entity: undefined },
      ],
    ]);
  });
});

describe('isLineageEntity', () => {
  it.each([
    ['Resource', 'dataset', true],
    ['resource', 'feature-view', true],
    ['Component', 'ml-pipeline', true],
    ['Resource', 'ai-model', true],
    ['Component', 'model-server', true],
    ['Resource', 'gpu-cluster', false],
    ['Component', 'dataset', false],
    ['Component', 'website', false],
  ])('%s of type %s: %s', (kind, type, expected) => {
    expect(isLineageEntity(node(kind, 'x', type))).toBe(expected);
  });
});
