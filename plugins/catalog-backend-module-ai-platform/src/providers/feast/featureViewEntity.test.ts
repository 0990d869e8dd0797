import { makeValidator } from '@backstage/catalog-model';
import { FEATURE_DTYPES } from '@ai-platform/plugin-ai-platform-common';
import {
  durationSeconds,
  featureViewEntityName,
  featureViewToEntity,
  unwrapView,
  VALUE_TYPE_DTYPES,
} from './featureViewEntity';

const context = {
  providerName: 'feast-registry-provider:prod',
  registryId: 'prod',
  project: 'recsys',
  ownerTag: 'team',
  datasetTag: 'dataset',
  entityNames: new Set(['user']),
  dataSources: new Map(),
};

describe('featureViewEntityName', () => {
  const { isValidEntityName } = makeValidator();

  it('keeps <project>-<view> when it is a valid name', () => {
    expect(featureViewEntityName('recsys', 'user_features')).toBe(
      'recsys-user_features',
    );
  });

  it('makes other names valid, deterministic and distinct', () => {
    const long = featureViewEntityName('recsys', 'x'.repeat(80));
    const spaced = featureViewEntityName('recsys', 'user features!');
    const dashed = featureViewEntityName('recsys', 'user-features-');
    for (const name of [long, spaced, dashed]) {
      expect(isValidEntityName(name)).toBe(true);
    }
    expect(long).toHaveLength(63);
    expect(spaced).toMatch(/^recsys-user-features-[0-9a-f]{8}$/);
    expect(featureViewEntityName('recsys', 'user features!')).toBe(spaced);
    expect(featureViewEntityName('recsys', 'user features?')).not.toBe(spaced);
    // A project with '-' would read back two ways: a-b + c and a + b-c.
    expect(featureViewEntityName('a-b', 'c')).not.toBe(
      featureViewEntityName('a', 'b-c'),
    );
    expect(featureViewEntityName('_', '_')).toMatch(
      /^feature-view-[0-9a-f]{8}$/,
    );
  });
});

describe('durationSeconds', () => {
  it('reads proto3 JSON durations', () => {
    expect(durationSeconds('86400s')).toBe(86400);
    expect(durationSeconds('1.5s')).toBe(1);
    expect(durationSeconds('0s')).toBe(0);
    expect(durationSeconds(undefined)).toBeUndefined();
    expect(durationSeconds('-5s')).toBeUndefined();
    expect(durationSeconds('1d')).toBeUndefined();
  });
});

describe('VALUE_TYPE_DTYPES', () => {
  it('maps to dtypes of the entity model only', () => {
    for (const dtype of Object.values(VALUE_TYPE_DTYPES)) {
      expect(FEATURE_DTYPES).toContain(dtype);
    }
  });
});

describe('unwrapView', () => {
  it('reads the { type, spec } and the AnyFeatureView shapes alike', () => {
    const spec = { name: 'v' };
    expect(unwrapView({ type: 'streamFeatureView', spec })).toEqual({
      type: 'streamFeatureView',
      spec,
    });
    expect(unwrapView({ featureView: { spec, meta: {} } })).toEqual({
      type: 'featureView',
      spec,
    });
    expect(unwrapView({ name: 'v' })).toBeUndefined();
  });
});

describe('featureViewToEntity', () => {
  const spec = {
    name: 'user_features',
    entities: ['user', 'session'],
    features: [{ name: 'clicks', valueType: 'INT64' }],
    tags: { team: 'recsys' },
    batchSource: { name: 'events', tags: { dataset: 'Search Logs' } },
  };

  it('reports an entity the project does not list and a bad dataset tag, and leaves them out', () => {
    const result = featureViewToEntity(spec, context);
    expect(result.entity?.spec).toEqual({
      type: 'feature-view',
      owner: 'group:default/recsys',
      entities: ['user'],
      features: [{ name: 'clicks', dtype: 'Int64' }],
    });
    expect(result.problems).toEqual([
      'entity session left out: project recsys does not list it',
      'batch source events: tag dataset="Search Logs" is not a dataset name or resource ref',
    ]);
  });

  it("prefers the registry's data source to the view's copy for the dataset", () => {
    const result = featureViewToEntity(spec, {
      ...context,
      dataSources: new Map([
        [
          'events',
          { name: 'events', tags: { dataset: 'resource:data/search-logs' } },
        ],
      ]),
    });
    expect(result.entity?.spec?.dependsOn).toEqual([
      'resource:data/search-logs',
    ]);
  });
});
