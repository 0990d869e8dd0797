import { InputError } from '@backstage/errors';
import {
  PipelineInput,
  QualityCheckKind,
  QualityRule,
} from '@ai-platform/plugin-ai-platform-common';
import yaml from 'yaml';
import { pyStr } from '../feast/python';
import { commentLines } from './comments';
import { DuckDbReader, duckdbReader, duckdbType } from './duckdb';
import { PipelineSource } from './sources';

/** The gate's entrypoint, in the pipeline folder's `quality/` and in the validate step's mount. */
export const GATE_ENTRYPOINT = 'run_checks.py';
/** Where the validate step mounts the gate's ConfigMap (the files of `quality/`). */
export const GATE_MOUNT_PATH = '/opt/ai-platform/quality-gate';

/** A SodaCL check: its line, or its line with its configuration. */
export type SodaCheck = string | Record<string, unknown>;

/** A dataset the gate reads. */
export interface GateDataset {
  ref: string;
  /** The DuckDB view of the dataset, which its checks name. */
  view: string;
  reader: DuckDbReader;
  checks: SodaCheck[];
  /** What the checks leave out of the declared columns, for the checks file's header. */
  notes: string[];
}

/** The data-quality gate of a pipeline: the datasets it checks and the inputs it does not. */
export interface QualityGate {
  datasets: GateDataset[];
  unchecked: { ref: string; reason: string }[];
}

// What SodaCL takes as an unquoted column in a metric such as missing_count(...).
const SODA_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A number as SodaCL's grammar reads it: digits and a point, never an exponent. */
export function sodaNumber(value: number): string {
  const text = String(value);
  const exponent = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exponent) return text;
  const [, sign, whole, fraction = '', power] = exponent;
  const digits = whole + fraction;
  const point = whole.length + Number(power);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) {
    return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  }
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Hours as a SodaCL freshness threshold: whole hours as `Nh`, others in whole minutes (`Nm`, at
 * least one), as the grammar takes only whole numbers of days, hours and minutes.
 */
export function sodaDuration(hours: number): string {
  return Number.isInteger(hours)
    ? `${hours}h`
    : `${Math.max(1, Math.round(hours * 60))}m`;
}

// The SodaCL check of each kind of rule.
const RULE_CHECKS: {
  [K in QualityCheckKind]: (
    rule: QualityRule & { check: K },
    index: number,
  ) => SodaCheck;
} = {
  not_null: rule => `missing_count(${rule.column}) = 0`,
  unique: rule => `duplicate_count(${rule.column}) = 0`,
  min: rule => `min(${rule.column}) >= ${sodaNumber(rule.value)}`,
  max: rule => `max(${rule.column}) <= ${sodaNumber(rule.value)}`,
  allowed_values: (rule, index) => {
    // Soda resolves ${...} in checks files as variables.
    const variable = rule.values.findIndex(v => v.includes('${'));
    if (variable >= 0) {
      throw new InputError(
        `qualityChecks.${index}.values.${variable}: must not contain "\${", which Soda reads as a variable`,
      );
    }
    return {
      [`invalid_count(${rule.column}) = 0`]: { 'valid values': rule.values },
    };
  },
  max_missing_percent: rule =>
    `missing_percent(${rule.column}) <= ${sodaNumber(rule.value)}`,
  freshness_hours: rule =>
    `freshness(${rule.column}) < ${sodaDuration(rule.value)}`,
  row_count_min: rule => `row_count >= ${rule.value}`,
};

function ruleCheck(rule: QualityRule, index: number): SodaCheck {
  // TypeScript cannot pair a rule with its own entry of the table: the table's type does.
  const render = RULE_CHECKS[rule.check] as (
    r: QualityRule,
    i: number,
  ) => SodaCheck;
  return render(rule, index);
}

/** A DuckDB view name for a dataset: `ds_` and its name, so that no name is an SQL keyword. */
function viewName(name: string, taken: Set<string>): string {
  const base = `ds_${name
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9_]/g, '_')}`;
  let view = base;
  for (let n = 2; taken.has(view); n++) view = `${base}_${n}`;
  taken.add(view);
  return view;
}

function gateDataset(
  source: Extract<PipelineSource, { kind: 'dataset' }>,
  reader: DuckDbReader,
  view: string,
  rules: [number, QualityRule][],
): GateDataset {
  const columns = source.columns ?? [];
  const names = [...new Set(columns.map(c => c.name))];
  const checks: SodaCheck[] = [];
  const notes: string[] = [];
  const quoted = (list: string[]) =>
    list.map(s => JSON.stringify(s)).join(', ');

  if (columns.length) {
    const typed = reader.typed
      ? columns.flatMap(c => {
          const type = duckdbType(c.type);
          return type ? [[c.name, type] as const] : [];
        })
      : [];
    checks.push({
      schema: {
        name: `Columns of ${source.ref} as the catalog declares them`,
        fail: {
          'when required column missing': names,
          ...(typed.length
            ? { 'when wrong column type': Object.fromEntries(typed) }
            : {}),
        },
      },
    });
    if (!reader.typed) {
      notes.push(
        `Types are not checked: ${JSON.stringify(
          source.format,
        )} files carry no column types.`,
      );
    } else if (typed.length < columns.length) {
      const untyped = columns.filter(c => !duckdbType(c.type));
      notes.push(
        `Types not checked, as DuckDB may read them as another type: ${untyped
          .map(c => `${JSON.stringify(c.name)} (${JSON.stringify(c.type)})`)
          .join(', ')}.`,
      );
    }
    const required = columns.filter(c => c.nullable !== true);
    const unnamed = required.filter(c => !SODA_IDENTIFIER.test(c.name));
    for (const column of required) {
      if (SODA_IDENTIFIER.test(column.name)) {
        checks.push(`missing_count(${column.name}) = 0`);
      }
    }
    if (unnamed.length) {
      notes.push(
        `Missing values not checked for columns SodaCL cannot name: ${quoted(
          unnamed.map(c => c.name),
        )}.`,
      );
    }
  }

  for (const [index, rule] of rules) {
    if ('column' in rule && columns.length && !names.includes(rule.column)) {
      throw new InputError(
        `qualityChecks.${index}.column: ${source.ref} declares no column ${
          rule.column
        } (its columns: ${names.join(', ')})`,
      );
    }
    checks.push(ruleCheck(rule, index));
  }

  // A rule may repeat what the declared columns already check.
  const seen = new Set<string>();
  const unique = checks.filter(check => {
    const key = JSON.stringify(check);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ref: source.ref, view, reader, checks: unique, notes };
}

/**
 * Plans the data-quality gate of a pipeline over its inputs (`sources`, in the order of
 * `pipeline.inputs`): each dataset DuckDB reads gets Soda checks from its declared columns and
 * the rules that apply to it (a rule without `datasetRef` applies to every input dataset).
 * Feature views and datasets DuckDB cannot read are left unchecked, with the reason, unless a
 * rule applies to them: then it refuses, naming `inputs.<i>`. Pure.
 */
export function planQualityGate(
  pipeline: PipelineInput,
  sources: PipelineSource[],
): QualityGate {
  const rules = pipeline.qualityChecks;
  const applied = new Set<number>();
  const views = new Set<string>();
  const gate: QualityGate = { datasets: [], unchecked: [] };

  sources.forEach((source, i) => {
    const own = rules.flatMap((rule, j) =>
      rule.datasetRef === source.ref ||
      (!rule.datasetRef && source.kind === 'dataset')
        ? [j]
        : [],
    );
    if (source.kind === 'feature-view') {
      if (own.length) {
        throw new InputError(
          `inputs.${i}: ${source.ref} is a feature view, and the data-quality gate checks datasets only; qualityChecks.${own[0]} names it`,
        );
      }
      gate.unchecked.push({
        ref: source.ref,
        reason: 'it is a feature view; the gate checks datasets',
      });
      return;
    }
    const reader = duckdbReader(source);
    if ('problem' in reader) {
      if (own.length) {
        throw new InputError(
          `inputs.${i}: the data-quality gate cannot read ${source.ref}: ${reader.problem}; qualityChecks.${own[0]} applies to it (give the rule the datasetRef of another input, or remove it)`,
        );
      }
      gate.unchecked.push({ ref: source.ref, reason: reader.problem });
      return;
    }
    own.forEach(j => applied.add(j));
    gate.datasets.push(
      gateDataset(
        source,
        reader,
        viewName(source.name, views),
        own.map(j => [j, rules[j]]),
      ),
    );
  });

  const unapplied = rules.findIndex((_, j) => !applied.has(j));
  if (unapplied >= 0) {
    throw new InputError(
      `qualityChecks.${unapplied}: the pipeline reads no dataset for this rule to check`,
    );
  }
  return gate;
}

/** The SodaCL checks file of a dataset of the gate, `quality/<view>.yml`. */
export function sodaChecksYaml(
  pipeline: PipelineInput,
  dataset: GateDataset,
): string {
  const header = [
    ...commentLines(
      `Soda checks (SodaCL, Soda Core 3.x) of ${dataset.ref}, generated by the AI Platform portal for the data-quality gate of the pipeline ${pipeline.name}: the columns the catalog declares and the rules of the gate. ${GATE_ENTRYPOINT} reads the dataset as the DuckDB view ${dataset.view}.`,
    ),
    ...dataset.notes.flatMap(note => commentLines(note)),
  ];
  const checks = yaml.stringify(
    { [`checks for ${dataset.view}`]: dataset.checks },
    { lineWidth: 0 },
  );
  return `${header.join('\n')}\n${checks}`;
}

/** The file name of a dataset's checks, in `quality/`. */
export const checksFileName = (dataset: GateDataset) => `${dataset.view}.yml`;

/**
 * The gate's entrypoint, `quality/run_checks.py`: it opens every dataset it reads as a DuckDB
 * view (so an unreadable dataset fails it), runs the Soda scan with Soda Core's programmatic API
 * and raises when a check fails or Soda logs an error (a query it could not run leaves its
 * check unevaluated rather than failed).
 */
export function gateEntrypointPy(
  pipeline: PipelineInput,
  gate: QualityGate,
): string {
  const checked = gate.datasets.filter(d => d.checks.length);
  const lines = [
    ...commentLines(
      `Data-quality gate of the pipeline ${pipeline.name} of ${pipeline.teamRef}, generated by the AI Platform portal (the ml-pipeline template). It opens each input dataset it can read as a DuckDB view and runs the Soda checks written beside this file, one <view>.yml per dataset. It exits non-zero when a dataset cannot be read, a check fails or Soda reports an error, so that the pipeline stops before its transform. It needs duckdb 1.x and soda-core-duckdb (Soda Core 3.x).`,
    ),
    '',
  ];
  if (checked.length) lines.push('from pathlib import Path', '');
  if (gate.datasets.length) lines.push('import duckdb');
  if (checked.length) lines.push('from soda.scan import Scan');
  if (gate.datasets.length) lines.push('');
  if (checked.length) {
    lines.push('HERE = Path(__file__).resolve().parent', '');
  }

  if (gate.datasets.length) {
    lines.push('connection = duckdb.connect()');
    const extensions = [
      ...new Set(gate.datasets.flatMap(d => d.reader.extensions)),
    ];
    for (const extension of extensions) {
      lines.push(
        `connection.install_extension(${pyStr(extension)})`,
        `connection.load_extension(${pyStr(extension)})`,
      );
    }
    if (gate.datasets.some(d => d.reader.s3)) {
      lines.push(
        "# S3 with the pod's AWS credentials: environment, web identity (IRSA) or instance profile.",
        `connection.execute(${pyStr(
          'CREATE SECRET pipeline_s3 (TYPE s3, PROVIDER credential_chain)',
        )})`,
      );
    }
    for (const dataset of gate.datasets) {
      lines.push(
        `connection.execute(${pyStr(
          `CREATE VIEW ${dataset.view} AS SELECT * FROM ${dataset.reader.sql}`,
        )})`,
      );
    }
  }
  for (const dataset of gate.datasets.filter(d => !d.checks.length)) {
    lines.push(
      `print(${pyStr(
        `No Soda checks for ${dataset.ref}: it declares no columns and no rule applies to it; it was opened as ${dataset.view}.`,
      )})`,
    );
  }
  for (const { ref, reason } of gate.unchecked) {
    lines.push(`print(${pyStr(`Not checked: ${ref}: ${reason}.`)})`);
  }

  if (checked.length) {
    lines.push(
      '',
      'scan = Scan()',
      'scan.set_data_source_name("duckdb")',
      'scan.add_duckdb_connection(duckdb_connection=connection, data_source_name="duckdb")',
      ...checked.map(
        d =>
          `scan.add_sodacl_yaml_file(str(HERE / ${pyStr(checksFileName(d))}))`,
      ),
      'scan.execute()',
      'print(scan.get_logs_text())',
      'scan.assert_no_checks_fail()',
      'scan.assert_no_error_logs()',
    );
  }
  return `${lines.join('\n')}\n`;
}
