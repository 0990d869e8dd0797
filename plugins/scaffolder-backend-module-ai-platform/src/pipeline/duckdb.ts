/**
 * How the data-quality gate reads a dataset with DuckDB 1.x: the table function of its format
 * over its location, and the extensions that needs.
 */
export interface DuckDbReader {
  /** SQL of the table the dataset is: a table function over its location, such as `read_parquet('…')`. */
  sql: string;
  /** Extensions to install and load before reading, in order. */
  extensions: string[];
  /** Whether it reads from S3, with the pod's AWS credentials. */
  s3: boolean;
  /** Whether the format stores column types (parquet, delta), so the declared types are checkable. */
  typed: boolean;
}

interface Format {
  formats: string[];
  fn: string;
  /** The files of a folder location (one ending in `/`); undefined when the function takes the folder. */
  files?: (format: string) => string;
  extension?: string;
  typed: boolean;
}

const FORMATS: Format[] = [
  {
    formats: ['parquet'],
    fn: 'read_parquet',
    files: () => '**/*.parquet',
    typed: true,
  },
  {
    formats: ['csv', 'tsv'],
    fn: 'read_csv_auto',
    files: format => `**/*.${format}`,
    typed: false,
  },
  {
    formats: ['json', 'jsonl', 'ndjson'],
    fn: 'read_json_auto',
    files: format => `**/*.${format}`,
    typed: false,
  },
  { formats: ['delta'], fn: 'delta_scan', extension: 'delta', typed: true },
];

/** Dataset formats the gate reads, for messages. */
export const GATE_FORMATS = FORMATS.flatMap(f => f.formats);

const REMOTE = /^([a-z][a-z0-9+.-]*):\/\//i;

/** An SQL string literal: single quotes doubled, as DuckDB reads standard strings. */
export function sqlStr(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The DuckDB reader of a dataset, or why there is none: a format DuckDB has no table function
 * for here (such as webdataset or a warehouse table), or a location on a store other than S3,
 * HTTP(S) or the pod's file system, whose credentials the gate cannot configure.
 */
export function duckdbReader(storage: {
  format: string;
  location: string;
}): DuckDbReader | { problem: string } {
  const format = storage.format.trim().toLocaleLowerCase('en-US');
  const kind = FORMATS.find(f => f.formats.includes(format));
  if (!kind) {
    return {
      problem: `it is stored as ${JSON.stringify(
        storage.format,
      )}, which DuckDB does not read (the gate reads ${GATE_FORMATS.join(
        ', ',
      )})`,
    };
  }
  const location = storage.location.trim();
  const scheme = REMOTE.exec(location)?.[1].toLocaleLowerCase('en-US');
  if (scheme && !['s3', 'http', 'https'].includes(scheme)) {
    return {
      problem: `it is stored at ${JSON.stringify(
        location,
      )}; the gate reads s3://, http(s):// and local locations`,
    };
  }
  // A folder (ending in /) holds the files; delta_scan takes the table's folder itself.
  const path =
    location.endsWith('/') && kind.files
      ? `${location}${kind.files(format)}`
      : location.replace(/\/+$/, '');
  const extensions = [
    ...(scheme ? ['httpfs'] : []),
    ...(scheme === 's3' ? ['aws'] : []),
    ...(kind.extension ? [kind.extension] : []),
  ];
  return {
    sql: `${kind.fn}(${sqlStr(path)})`,
    extensions,
    s3: scheme === 's3',
    typed: kind.typed,
  };
}

// Declared type names (lower case) and the type DuckDB's information_schema reports for them.
// Names that mean different widths in different systems (int, float, int8) and types whose
// DuckDB type depends on how the file was written (timestamp: with or without a time zone;
// decimal without precision) are left out: their columns are checked for presence only.
const DUCKDB_TYPES = new Map(
  Object.entries({
    string: 'VARCHAR',
    str: 'VARCHAR',
    text: 'VARCHAR',
    varchar: 'VARCHAR',
    utf8: 'VARCHAR',
    double: 'DOUBLE',
    'double precision': 'DOUBLE',
    float64: 'DOUBLE',
    float32: 'FLOAT',
    real: 'FLOAT',
    boolean: 'BOOLEAN',
    bool: 'BOOLEAN',
    bigint: 'BIGINT',
    int64: 'BIGINT',
    long: 'BIGINT',
    integer: 'INTEGER',
    int32: 'INTEGER',
    smallint: 'SMALLINT',
    int16: 'SMALLINT',
    tinyint: 'TINYINT',
    date: 'DATE',
    binary: 'BLOB',
    bytes: 'BLOB',
    blob: 'BLOB',
    timestamptz: 'TIMESTAMP WITH TIME ZONE',
    'timestamp with time zone': 'TIMESTAMP WITH TIME ZONE',
  }),
);

/** The DuckDB type a declared column type stands for, or undefined when it is not certain. */
export function duckdbType(declared: string): string | undefined {
  const type = declared.trim().toLocaleLowerCase('en-US').replace(/\s+/g, ' ');
  const decimal = /^(?:decimal|numeric) ?\( ?(\d{1,2}) ?, ?(\d{1,2}) ?\)$/.exec(
    type,
  );
  if (decimal) {
    const [precision, scale] = [Number(decimal[1]), Number(decimal[2])];
    return precision >= 1 && precision <= 38 && scale <= precision
      ? `DECIMAL(${precision},${scale})`
      : undefined;
  }
  return DUCKDB_TYPES.get(type);
}
