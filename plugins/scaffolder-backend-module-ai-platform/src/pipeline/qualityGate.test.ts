import { QualityRule } from '@ai-platform/plugin-ai-platform-common';
import yaml from 'yaml';
import {
  clickstream,
  exampleSources,
  testPipeline,
  userActivity,
} from '../__testUtils__/pipelines';
import { duckdbReader, duckdbType } from './duckdb';
import {
  gateEntrypointPy,
  planQualityGate,
  sodaChecksYaml,
  sodaDuration,
  sodaNumber,
} from './qualityGate';
import { PipelineSource } from './sources';

const dataset = (
  overrides: Partial<Extract<PipelineSource, { kind: 'dataset' }>>,
): PipelineSource => ({ ...clickstream, ...overrides });

/** The checks of the only dataset of a gate over `sources` with `rules`. */
function checksOf(rules: QualityRule[], sources: PipelineSource[]) {
  const pipeline = testPipeline({
    inputs: sources.map(s => s.ref),
    qualityChecks: rules,
  });
  const gate = planQualityGate(pipeline, sources);
  return yaml.parse(sodaChecksYaml(pipeline, gate.datasets[0]));
}

describe('planQualityGate', () => {
  it('checks the declared columns and the rules of the documented example', () => {
    const pipeline = testPipeline();
    const gate = planQualityGate(pipeline, exampleSources);
    expect(gate.unchecked).toEqual([
      {
        ref: 'resource:default/user-activity-features',
        reason: 'it is a feature view; the gate checks datasets',
      },
    ]);
    const [clicks] = gate.datasets;
    expect(clicks.view).toBe('ds_clickstream_events');
    const file = sodaChecksYaml(pipeline, clicks);
    expect(file).toContain(
      '# Types not checked, as DuckDB may read them as another type: "event_timestamp" ("timestamp").\n',
    );
    expect(yaml.parse(file)).toEqual({
      'checks for ds_clickstream_events': [
        {
          schema: {
            name: 'Columns of resource:default/clickstream-events as the catalog declares them',
            fail: {
              'when required column missing': [
                'event_id',
                'user_id',
                'item_id',
                'event_type',
                'session_length_s',
                'event_timestamp',
              ],
              'when wrong column type': {
                event_id: 'VARCHAR',
                user_id: 'VARCHAR',
                item_id: 'VARCHAR',
                event_type: 'VARCHAR',
                session_length_s: 'DOUBLE',
              },
            },
          },
        },
        // Every column the catalog does not mark nullable.
        'missing_count(event_id) = 0',
        'missing_count(user_id) = 0',
        'missing_count(item_id) = 0',
        'missing_count(event_type) = 0',
        'missing_count(event_timestamp) = 0',
        'duplicate_count(event_id) = 0',
        {
          'invalid_count(event_type) = 0': {
            'valid values': ['view', 'click', 'add_to_cart'],
          },
        },
        'freshness(event_timestamp) < 26h',
        'row_count >= 10000',
      ],
    });
  });

  it.each<[QualityRule, unknown]>([
    [{ check: 'not_null', column: 'x' }, 'missing_count(x) = 0'],
    [{ check: 'unique', column: 'x' }, 'duplicate_count(x) = 0'],
    [{ check: 'min', column: 'x', value: -2.5 }, 'min(x) >= -2.5'],
    [
      { check: 'max', column: 'x', value: 1e21 },
      `max(x) <= 1${'0'.repeat(21)}`,
    ],
    [
      { check: 'allowed_values', column: 'x', values: ['a', 'b: c', '"q"'] },
      { 'invalid_count(x) = 0': { 'valid values': ['a', 'b: c', '"q"'] } },
    ],
    [
      { check: 'max_missing_percent', column: 'x', value: 0.5 },
      'missing_percent(x) <= 0.5',
    ],
    [
      { check: 'freshness_hours', column: 'x', value: 24 },
      'freshness(x) < 24h',
    ],
    [
      { check: 'freshness_hours', column: 'x', value: 1.5 },
      'freshness(x) < 90m',
    ],
    [{ check: 'row_count_min', value: 5 }, 'row_count >= 5'],
  ])('writes %j as the SodaCL check %j', (rule, check) => {
    expect(
      checksOf([rule], [dataset({ columns: undefined })])[
        'checks for ds_clickstream_events'
      ],
    ).toEqual([check]);
  });

  it('writes numbers without exponents and durations in whole minutes', () => {
    expect(sodaNumber(1.5e-7)).toBe('0.00000015');
    expect(sodaNumber(-1.25e22)).toBe(`-125${'0'.repeat(20)}`);
    expect(sodaNumber(42)).toBe('42');
    expect(sodaDuration(0.001)).toBe('1m');
    expect(sodaDuration(2.25)).toBe('135m');
  });

  it('checks a column once when a rule repeats what its declaration checks', () => {
    const checks = checksOf(
      [{ check: 'not_null', column: 'user_id' }],
      [clickstream],
    )['checks for ds_clickstream_events'];
    expect(
      checks.filter((c: unknown) => c === 'missing_count(user_id) = 0'),
    ).toHaveLength(1);
  });

  it('checks only the presence of the columns of a format without types, and missing values of names SodaCL takes', () => {
    const pipeline = testPipeline({ qualityChecks: [] });
    const [csv] = planQualityGate(pipeline, [
      dataset({
        format: 'csv',
        columns: [
          { name: 'id', type: 'bigint' },
          { name: 'my column', type: 'string' },
          { name: 'note', type: 'string', nullable: true },
        ],
      }),
    ]).datasets;
    const file = sodaChecksYaml(pipeline, csv);
    expect(file).toContain(
      '# Types are not checked: "csv" files carry no column types.',
    );
    expect(file).toContain(
      '# Missing values not checked for columns SodaCL cannot name: "my column".',
    );
    expect(yaml.parse(file)['checks for ds_clickstream_events']).toEqual([
      {
        schema: {
          name: 'Columns of resource:default/clickstream-events as the catalog declares them',
          fail: { 'when required column missing': ['id', 'my column', 'note'] },
        },
      },
      'missing_count(id) = 0',
    ]);
  });

  it('leaves out of the gate the datasets DuckDB cannot read, saying why', () => {
    const gate = planQualityGate(testPipeline({ qualityChecks: [] }), [
      dataset({ ref: 'resource:default/images', format: 'webdataset' }),
      dataset({ ref: 'resource:default/gcs', location: 'gs://bucket/events/' }),
    ]);
    expect(gate.datasets).toEqual([]);
    expect(gate.unchecked).toEqual([
      {
        ref: 'resource:default/images',
        reason:
          'it is stored as "webdataset", which DuckDB does not read (the gate reads parquet, csv, tsv, json, jsonl, ndjson, delta)',
      },
      {
        ref: 'resource:default/gcs',
        reason:
          'it is stored at "gs://bucket/events/"; the gate reads s3://, http(s):// and local locations',
      },
    ]);
  });

  it.each<[string, QualityRule[], PipelineSource[], string]>([
    [
      'a rule on a dataset DuckDB cannot read',
      [{ check: 'not_null', column: 'user_id' }],
      [userActivity, dataset({ format: 'bigquery' })],
      'inputs.1: the data-quality gate cannot read resource:default/clickstream-events: it is stored as "bigquery", which DuckDB does not read (the gate reads parquet, csv, tsv, json, jsonl, ndjson, delta); qualityChecks.0 applies to it (give the rule the datasetRef of another input, or remove it)',
    ],
    [
      'a rule naming a feature view',
      [
        {
          check: 'row_count_min',
          value: 1,
          datasetRef: 'resource:default/user-activity-features',
        },
      ],
      exampleSources,
      'inputs.1: resource:default/user-activity-features is a feature view, and the data-quality gate checks datasets only; qualityChecks.0 names it',
    ],
    [
      'a rule when no input is a dataset',
      [{ check: 'row_count_min', value: 1 }],
      [userActivity],
      'qualityChecks.0: the pipeline reads no dataset for this rule to check',
    ],
    [
      'a rule on a column the dataset does not declare',
      [
        { check: 'unique', column: 'event_id' },
        { check: 'unique', column: 'session_id' },
      ],
      [clickstream],
      'qualityChecks.1.column: resource:default/clickstream-events declares no column session_id (its columns: event_id, user_id, item_id, event_type, session_length_s, event_timestamp)',
    ],
    [
      'an allowed value Soda would read as a variable',
      [
        {
          check: 'allowed_values',
          column: 'event_type',
          values: ['a', '${b}'],
        },
      ],
      [clickstream],
      'qualityChecks.0.values.1: must not contain "${", which Soda reads as a variable',
    ],
  ])('refuses %s, naming the field', (_, rules, sources, message) => {
    expect(() =>
      planQualityGate(
        testPipeline({
          inputs: sources.map(s => s.ref),
          qualityChecks: rules,
        }),
        sources,
      ),
    ).toThrow(message);
  });

  it('gives datasets of the same name their own views', () => {
    const gate = planQualityGate(testPipeline({ qualityChecks: [] }), [
      dataset({ ref: 'resource:a/events', name: 'events' }),
      dataset({ ref: 'resource:b/events', name: 'events' }),
      dataset({ ref: 'resource:default/2024-Events', name: '2024-Events' }),
    ]);
    expect(gate.datasets.map(d => d.view)).toEqual([
      'ds_events',
      'ds_events_2',
      'ds_2024_events',
    ]);
  });
});

describe('duckdbReader', () => {
  it.each([
    [
      { format: 'parquet', location: 's3://lake/events/' },
      "read_parquet('s3://lake/events/**/*.parquet')",
      ['httpfs', 'aws'],
    ],
    [
      { format: 'CSV', location: 'https://example.com/exports/' },
      "read_csv_auto('https://example.com/exports/**/*.csv')",
      ['httpfs'],
    ],
    [
      { format: 'jsonl', location: "/data/it's/chats/" },
      "read_json_auto('/data/it''s/chats/**/*.jsonl')",
      [],
    ],
    [
      { format: 'delta', location: 's3://lake/payments/card_transactions/' },
      "delta_scan('s3://lake/payments/card_transactions')",
      ['httpfs', 'aws', 'delta'],
    ],
  ])('reads %j with %s', (storage, sql, extensions) => {
    expect(duckdbReader(storage)).toMatchObject({ sql, extensions });
  });

  it('maps the declared types whose DuckDB type is certain', () => {
    expect(
      ['String', 'int64', 'Decimal(12, 2)', 'timestamptz', 'float32'].map(
        duckdbType,
      ),
    ).toEqual([
      'VARCHAR',
      'BIGINT',
      'DECIMAL(12,2)',
      'TIMESTAMP WITH TIME ZONE',
      'FLOAT',
    ]);
    for (const type of [
      'timestamp',
      'decimal',
      'int',
      'float',
      'list<string>',
    ]) {
      expect([type, duckdbType(type)]).toEqual([type, undefined]);
    }
  });
});

describe('gateEntrypointPy', () => {
  it('only says what it does not check when it reads no dataset', () => {
    const pipeline = testPipeline({ qualityChecks: [] });
    const entrypoint = gateEntrypointPy(
      pipeline,
      planQualityGate(pipeline, [userActivity]),
    );
    expect(entrypoint).not.toContain('import');
    expect(entrypoint).toContain(
      'print("Not checked: resource:default/user-activity-features: it is a feature view; the gate checks datasets.")',
    );
  });

  it('opens a dataset without checks, so an unreadable one still fails it, and runs no scan', () => {
    const pipeline = testPipeline({ qualityChecks: [] });
    const entrypoint = gateEntrypointPy(
      pipeline,
      planQualityGate(pipeline, [
        dataset({ columns: undefined, location: '/data/events/' }),
      ]),
    );
    expect(entrypoint).toContain(
      `connection.execute("CREATE VIEW ds_clickstream_events AS SELECT * FROM read_parquet('/data/events/**/*.parquet')")`,
    );
    expect(entrypoint).not.toContain('Scan');
    expect(entrypoint).not.toContain('install_extension');
  });

  it('fails on a failed check and on an error Soda logs, after printing the scan', () => {
    const pipeline = testPipeline();
    const entrypoint = gateEntrypointPy(
      pipeline,
      planQualityGate(pipeline, exampleSources),
    );
    expect(entrypoint).toMatch(
      /scan\.execute\(\)\nprint\(scan\.get_logs_text\(\)\)\nscan\.assert_no_checks_fail\(\)\nscan\.assert_no_error_logs\(\)\n$/,
    );
  });
});
