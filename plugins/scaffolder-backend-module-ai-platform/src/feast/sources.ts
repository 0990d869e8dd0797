import { InputError } from '@backstage/errors';
import { pyStr } from './python';

/** Where a dataset is stored, from its catalog entity's `spec` (`format`, `location`). */
export interface DatasetStorage {
  format: string;
  location: string;
}

/**
 * The Feast data source a dataset's storage maps to: the class and the module it is imported
 * from, its keyword arguments (as Python source), and the `feature_store.yaml` provider and
 * offline store that read it.
 */
export interface FeastSource {
  className: string;
  module: string;
  kwargs: [string, string][];
  provider: 'local' | 'gcp' | 'aws';
  offlineStore: Record<string, string>;
  /** Environment variables the offline store's settings name, for the file's header. */
  env: string[];
}

interface SourceKind {
  /** Dataset formats (lower case) stored where this source reads. */
  formats: string[];
  /** What a location of this kind looks like, for the error naming a bad one. */
  locationExample: string;
  /** The table's parts, or undefined when the location is not of this kind. */
  parse(location: string): string[] | undefined;
  source(parts: string[]): Omit<FeastSource, 'env'>;
}

const POSTGRES_SOURCE_MODULE =
  'feast.infra.offline_stores.contrib.postgres_offline_store.postgres_source';

/** `a.b.c` with `min` to `max` parts of letters, digits, `_`, `-` and `$`, after `scheme://`. */
function tableParts(scheme: string, min: number, max: number) {
  return (location: string) => {
    const table = location.replace(new RegExp(`^${scheme}://`, 'i'), '');
    const parts = table.split('.');
    return parts.length >= min &&
      parts.length <= max &&
      parts.every(p => /^[\w$-]+$/.test(p))
      ? parts
      : undefined;
  };
}

/** `${NAME}`: Feast expands environment variables in feature_store.yaml when it loads it. */
const env = (name: string) => `\${${name}}`;

const SOURCE_KINDS: SourceKind[] = [
  {
    formats: ['parquet'],
    locationExample: 's3://bucket/path/ or a local path',
    parse: location => (location.trim() ? [location.trim()] : undefined),
    source: ([path]) => ({
      className: 'FileSource',
      module: 'feast',
      kwargs: [['path', pyStr(path)]],
      provider: 'local',
      offlineStore: { type: 'file' },
    }),
  },
  {
    formats: ['bigquery'],
    locationExample: 'project.dataset.table',
    parse: tableParts('bigquery', 2, 3),
    source: parts => ({
      className: 'BigQuerySource',
      module: 'feast',
      kwargs: [['table', pyStr(parts.join('.'))]],
      provider: 'gcp',
      offlineStore: {
        type: 'bigquery',
        ...(parts.length === 3 ? { project_id: parts[0] } : {}),
      },
    }),
  },
  {
    formats: ['snowflake'],
    locationExample: 'DATABASE.SCHEMA.TABLE',
    parse: tableParts('snowflake', 3, 3),
    source: ([database, schema, table]) => ({
      className: 'SnowflakeSource',
      module: 'feast',
      kwargs: [
        ['database', pyStr(database)],
        ['schema', pyStr(schema)],
        ['table', pyStr(table)],
      ],
      provider: 'local',
      offlineStore: {
        type: 'snowflake.offline',
        account: env('SNOWFLAKE_ACCOUNT'),
        user: env('SNOWFLAKE_USER'),
        password: env('SNOWFLAKE_PASSWORD'),
        role: env('SNOWFLAKE_ROLE'),
        warehouse: env('SNOWFLAKE_WAREHOUSE'),
        database,
      },
    }),
  },
  {
    formats: ['postgres', 'postgresql'],
    locationExample: 'schema.table',
    parse: tableParts('postgres(ql)?', 1, 2),
    source: parts => ({
      className: 'PostgreSQLSource',
      module: POSTGRES_SOURCE_MODULE,
      kwargs: [['table', pyStr(parts.join('.'))]],
      provider: 'local',
      offlineStore: {
        type: 'postgres',
        host: env('POSTGRES_HOST'),
        port: env('POSTGRES_PORT'),
        database: env('POSTGRES_DB'),
        db_schema: parts.length === 2 ? parts[0] : 'public',
        user: env('POSTGRES_USER'),
        password: env('POSTGRES_PASSWORD'),
      },
    }),
  },
  {
    formats: ['redshift'],
    locationExample: 'database.schema.table',
    parse: tableParts('redshift', 1, 3),
    source: parts => {
      const [table, schema, database] = [...parts].reverse();
      return {
        className: 'RedshiftSource',
        module: 'feast',
        kwargs: [
          ...(database
            ? [['database', pyStr(database)] as [string, string]]
            : []),
          ...(schema ? [['schema', pyStr(schema)] as [string, string]] : []),
          ['table', pyStr(table)],
        ],
        provider: 'aws',
        offlineStore: {
          type: 'redshift',
          cluster_id: env('REDSHIFT_CLUSTER_ID'),
          region: env('AWS_REGION'),
          user: env('REDSHIFT_USER'),
          database: database ?? env('REDSHIFT_DATABASE'),
          s3_staging_location: env('REDSHIFT_S3_STAGING_LOCATION'),
          iam_role: env('REDSHIFT_IAM_ROLE'),
        },
      };
    },
  },
];

/** Dataset formats the generator reads, for messages and documentation. */
export const SUPPORTED_DATASET_FORMATS = SOURCE_KINDS.flatMap(k => k.formats);

/**
 * The Feast source of a dataset. Refuses, naming `datasetRef`, a format no Feast source here
 * reads and a location that is not a table of its kind.
 */
export function feastSourceFor(
  datasetRef: string,
  storage: DatasetStorage,
): FeastSource {
  const format = storage.format.trim().toLocaleLowerCase('en-US');
  const kind = SOURCE_KINDS.find(k => k.formats.includes(format));
  if (!kind) {
    throw new InputError(
      `datasetRef: ${datasetRef} is stored as ${JSON.stringify(
        storage.format,
      )}, which no Feast source here reads; supported formats: ${SUPPORTED_DATASET_FORMATS.join(
        ', ',
      )}`,
    );
  }
  const parts = kind.parse(storage.location);
  if (!parts) {
    throw new InputError(
      `datasetRef: ${datasetRef} has location ${JSON.stringify(
        storage.location,
      )}, which is not a ${format} table such as ${kind.locationExample}`,
    );
  }
  const source = kind.source(parts);
  const envNames = Object.values(source.offlineStore).flatMap(v =>
    /^\$\{\w+\}$/.test(v) ? [v.slice(2, -1)] : [],
  );
  return { ...source, env: envNames };
}
