import yaml from 'yaml';
import {
  DEFAULT_TIMESTAMP_FIELD,
  feastProjectName,
  feastType,
  renderFeatureRepo,
} from './definitions';
import { pyStr } from './python';
import { storageOfEveryKind, testView } from '../__testUtils__/feastViews';

const dataset = (format: string, location: string) => ({
  ref: 'resource:default/clickstream-events',
  storage: { format, location },
});

function render(...args: Parameters<typeof renderFeatureRepo>) {
  const [config, definitions] = renderFeatureRepo(...args);
  return {
    config: yaml.parse(config.content),
    configText: config.content,
    definitions: definitions.content,
    paths: [config.path, definitions.path],
  };
}

describe('renderFeatureRepo', () => {
  it('renders feature_store.yaml and <name>.py of a view over a parquet dataset', () => {
    const repo = render(
      testView(),
      dataset('parquet', 's3://datalake/clickstream/events/'),
    );
    expect(repo.paths).toEqual(['feature_store.yaml', 'user_activity.py']);
    expect(repo.config).toEqual({
      project: 'recsys',
      registry: 'data/registry.db',
      provider: 'local',
      online_store: { type: 'sqlite', path: 'data/online_store.db' },
      offline_store: { type: 'file' },
      entity_key_serialization_version: 3,
    });
    expect(repo.definitions).toContain(
      'from feast import Entity, FeatureView, Field, FileSource\nfrom feast.types import Float32, Int64\n',
    );
    expect(repo.definitions).toContain(
      [
        'user_entity = Entity(',
        '    name="user",',
        '    join_keys=["user_id"],',
        '    description="A storefront user",',
        ')',
      ].join('\n'),
    );
    expect(repo.definitions).toContain(
      [
        'user_activity_source = FileSource(',
        '    name="user_activity_source",',
        '    path="s3://datalake/clickstream/events/",',
        `    timestamp_field="${DEFAULT_TIMESTAMP_FIELD}",`,
        ')',
      ].join('\n'),
    );
    expect(repo.definitions).toContain(
      [
        'user_activity_view = FeatureView(',
        '    name="user_activity",',
        '    entities=[user_entity],',
        '    ttl=timedelta(seconds=86400),',
        '    schema=[',
        '        Field(name="views_7d", dtype=Int64, description="Product views in 7 days"),',
        '        Field(name="ctr_30d", dtype=Float32),',
        '    ],',
        '    online=True,',
        '    source=user_activity_source,',
        '    description="Rolling user engagement counts for ranking",',
        '    owner="group:default/recsys",',
        ')',
      ].join('\n'),
    );
  });

  it('maps every common value type to feast.types, lists to Array', () => {
    expect(feastType('Int32')).toEqual({ expr: 'Int32', imports: ['Int32'] });
    expect(feastType('UnixTimestamp').expr).toBe('UnixTimestamp');
    expect(feastType('Float64List')).toEqual({
      expr: 'Array(Float64)',
      imports: ['Array', 'Float64'],
    });
    expect(feastType('BoolList').expr).toBe('Array(Bool)');
    expect(feastType('BytesList').expr).toBe('Array(Bytes)');
  });

  it('imports from feast.types only the types the features use', () => {
    const { definitions } = render(
      testView({
        features: [
          { name: 'tags_seen', dtype: 'StringList' },
          { name: 'clicks', dtype: 'Int64' },
        ],
      }),
      dataset('parquet', 'data/events.parquet'),
    );
    expect(definitions).toContain(
      'from feast.types import Array, Int64, String\n',
    );
  });

  it.each([
    [
      'bigquery',
      'BigQuerySource',
      '    table="acme-prod.analytics.events",',
      {
        provider: 'gcp',
        offline_store: { type: 'bigquery', project_id: 'acme-prod' },
      },
    ],
    [
      'snowflake',
      'SnowflakeSource',
      '    database="ANALYTICS",\n    schema="PUBLIC",\n    table="EVENTS",',
      {
        provider: 'local',
        offline_store: expect.objectContaining({
          type: 'snowflake.offline',
          database: 'ANALYTICS',
        }),
      },
    ],
    [
      'postgres',
      'PostgreSQLSource',
      '    table="analytics.events",',
      {
        provider: 'local',
        offline_store: expect.objectContaining({
          type: 'postgres',
          db_schema: 'analytics',
        }),
      },
    ],
    [
      'redshift',
      'RedshiftSource',
      '    database="dev",\n    schema="public",\n    table="events",',
      {
        provider: 'aws',
        offline_store: expect.objectContaining({
          type: 'redshift',
          database: 'dev',
        }),
      },
    ],
  ])('reads a %s dataset with a %s', (kind, className, args, config) => {
    const storage = storageOfEveryKind[kind];
    const repo = render(testView(), dataset(storage.format, storage.location));
    expect(repo.definitions).toContain(
      `user_activity_source = ${className}(\n    name="user_activity_source",\n${args}\n    timestamp_field="event_timestamp",\n)`,
    );
    expect(repo.config).toMatchObject(config);
  });

  it('imports PostgreSQLSource from its contrib module, and the others from feast', () => {
    const postgres = render(testView(), dataset('postgresql', 'events'));
    expect(postgres.definitions).toContain(
      'from feast import Entity, FeatureView, Field\nfrom feast.infra.offline_stores.contrib.postgres_offline_store.postgres_source import PostgreSQLSource\n',
    );
    expect(postgres.config.offline_store.db_schema).toBe('public');
    const bigquery = render(
      testView(),
      dataset('bigquery', 'analytics.events'),
    );
    expect(bigquery.definitions).toContain(
      'from feast import BigQuerySource, Entity, FeatureView, Field\n',
    );
  });

  it('leaves credentials to environment variables Feast substitutes, and names them', () => {
    const { configText, config } = render(
      testView(),
      dataset('snowflake', 'ANALYTICS.PUBLIC.EVENTS'),
    );
    expect(config.offline_store.password).toBe('${SNOWFLAKE_PASSWORD}');
    expect(configText).toContain(
      '# SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER, SNOWFLAKE_PASSWORD, SNOWFLAKE_ROLE, SNOWFLAKE_WAREHOUSE.',
    );
  });

  it('refuses, naming datasetRef, a format no Feast source reads', () => {
    expect(() =>
      render(testView(), dataset('delta', 's3://lake/cards/')),
    ).toThrow(
      'datasetRef: resource:default/clickstream-events is stored as "delta", which no Feast source here reads; supported formats: parquet, bigquery, snowflake, postgres, postgresql, redshift',
    );
  });

  it('refuses, naming datasetRef, a location that is not a table of its kind', () => {
    expect(() => render(testView(), dataset('snowflake', 'EVENTS'))).toThrow(
      'datasetRef: resource:default/clickstream-events has location "EVENTS", which is not a snowflake table such as DATABASE.SCHEMA.TABLE',
    );
    expect(() =>
      render(testView(), dataset('bigquery', 'gs://bucket/events')),
    ).toThrow(/^datasetRef: .* not a bigquery table/);
  });

  it('gives each join key of a composite key its own entity, as Feast takes one key per entity', () => {
    const { definitions } = render(
      testView({
        entity: { name: 'card_merchant', joinKeys: ['card_id', 'merchant_id'] },
      }),
      dataset('parquet', 'data/x.parquet'),
    );
    expect(definitions).toContain(
      'card_merchant_card_id_entity = Entity(\n    name="card_merchant_card_id",\n    join_keys=["card_id"],\n)',
    );
    expect(definitions).toContain(
      'entities=[card_merchant_card_id_entity, card_merchant_merchant_id_entity],',
    );
  });

  it('refuses a join key listed twice', () => {
    expect(() =>
      render(
        testView({
          entity: { name: 'user', joinKeys: ['user_id', 'user_id'] },
        }),
        dataset('parquet', 'data/x.parquet'),
      ),
    ).toThrow('entity.joinKeys: user_id is listed twice');
  });

  it('writes tags, offline-only views and a never-expiring ttl', () => {
    const { definitions } = render(
      testView({
        online: false,
        ttlSeconds: 0,
        tags: { team: 'recsys', 'note.quote': 'say "hi"' },
      }),
      dataset('parquet', 'data/x.parquet'),
    );
    expect(definitions).toContain('    online=False,\n');
    expect(definitions).toContain('    ttl=timedelta(seconds=0),\n');
    expect(definitions).toContain(
      '    tags={"team": "recsys", "note.quote": "say \\"hi\\""},\n',
    );
  });

  it('names the Feast project after the team, as Feast allows', () => {
    expect(feastProjectName('group:default/ml-platform')).toBe('ml_platform');
    expect(feastProjectName('group:default/_private.team')).toBe(
      'private_team',
    );
  });
});

describe('pyStr', () => {
  it('writes ASCII-only double-quoted literals', () => {
    expect(pyStr('say "hi"')).toBe('"say \\"hi\\""');
    expect(pyStr('a\\b')).toBe('"a\\\\b"');
    expect(pyStr('line\nnext\ttab\r')).toBe('"line\\nnext\\ttab\\r"');
    expect(pyStr('é\u0000\u007f\u2028')).toBe('"\\u00e9\\u0000\\u007f\\u2028"');
    expect(pyStr('😀')).toBe('"\\U0001f600"');
  });
});
