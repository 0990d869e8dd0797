import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { awkwardStrings } from '../__testUtils__/feastViews';
import {
  clickstream,
  exampleSources,
  storageOfEveryKind,
  testPipeline,
  userActivity,
} from '../__testUtils__/pipelines';
import { renderPipelineRepo } from './repo';
import { PipelineSource } from './sources';

const CHECKER = path.resolve(
  __dirname,
  '../../../../scripts/airflow/check_dag.py',
);

// Like the Feast checker, it needs only Python's standard library and python3 from PATH.
const PYTHON = 'python3';
const pythonProblem = spawnSync(PYTHON, ['--version']).error;

function runChecker(...files: string[]) {
  return spawnSync(PYTHON, [CHECKER, ...files], { encoding: 'utf8' });
}

/** A dataset of each storage the gate reads, each with declared columns. */
const everyStorage: PipelineSource[] = Object.entries(storageOfEveryKind).map(
  ([kind, storage]) => ({
    ...clickstream,
    ref: `resource:default/events-${kind.toLocaleLowerCase('en-US')}`,
    name: `events-${kind}`,
    ...storage,
  }),
);

describe('scripts/airflow/check_dag.py', () => {
  beforeAll(() => {
    if (pythonProblem) {
      throw new Error(
        `python3 is needed to run the DAG checker (apt-get install -y python3): ${pythonProblem.message}`,
      );
    }
  });

  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-dag-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Writes the rendered Python files of a pipeline into a folder of their own. */
  const writePython = (
    name: string,
    files: { path: string; content: string }[],
  ) =>
    files
      .filter(file => file.path.endsWith('.py'))
      .map(file => {
        const target = path.join(dir, name, file.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.content);
        return target;
      });

  it.each([
    ['the documented example', testPipeline(), exampleSources],
    [
      'a pipeline over every storage the gate reads, with awkward strings',
      testPipeline({
        description: awkwardStrings.join(' | '),
        inputs: everyStorage.map(s => s.ref),
        qualityChecks: [
          { check: 'not_null', column: 'user_id' },
          { check: 'min', column: 'session_length_s', value: -1.5e-9 },
          {
            check: 'allowed_values',
            column: 'event_type',
            values: awkwardStrings.filter(s => s.trim() && !s.includes('${')),
          },
          { check: 'max_missing_percent', column: 'item_id', value: 2.5 },
          { check: 'freshness_hours', column: 'event_timestamp', value: 0.5 },
          { check: 'row_count_min', value: 1 },
        ],
      }),
      everyStorage,
    ],
    [
      'a publish pipeline whose gate reads no dataset',
      testPipeline({
        finalStep: 'publish',
        gpuCount: 0,
        description: '',
        inputs: [userActivity.ref],
        qualityChecks: [],
      }),
      [userActivity],
    ],
    [
      'a pipeline whose datasets declare no columns',
      testPipeline({ qualityChecks: [], schedule: '@daily', timezone: 'UTC' }),
      [{ ...clickstream, columns: undefined }, userActivity],
    ],
  ])('passes the DAG and the gate of %s', (name, pipeline, sources) => {
    const { files } = renderPipelineRepo(pipeline, {
      sources,
      namespace: 'recsys-train',
    });
    const checked = writePython(name.replace(/\W+/g, '-'), files);
    expect(checked.map(f => path.basename(f))).toEqual([
      'dag.py',
      'run_checks.py',
    ]);
    const result = runChecker(...checked);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(checked.map(f => `ok: ${f}\n`).join(''));
    expect(result.status).toBe(0);
  });

  it('reads the SQL of each view back as it was written, quotes and all', () => {
    const { files } = renderPipelineRepo(
      testPipeline({ inputs: everyStorage.map(s => s.ref), qualityChecks: [] }),
      { sources: everyStorage, namespace: 'recsys-train' },
    );
    const [gate] = writePython('views', files).filter(f =>
      f.endsWith('run_checks.py'),
    );
    const executed = JSON.parse(
      execFileSync(
        PYTHON,
        [
          '-c',
          [
            'import ast, json, sys',
            'tree = ast.parse(open(sys.argv[1]).read())',
            'calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "execute" and n.args]',
            'print(json.dumps([ast.literal_eval(c.args[0]) for c in calls]))',
          ].join('\n'),
          gate,
        ],
        { encoding: 'utf8' },
      ),
    );
    expect(executed).toContain(
      "CREATE VIEW ds_events_jsonl AS SELECT * FROM read_json_auto('s3://lake/it''s/conversations/**/*.jsonl')",
    );
    expect(executed).toContain(
      "CREATE VIEW ds_events_delta AS SELECT * FROM delta_scan('s3://lake/payments/card_transactions')",
    );
  });

  describe('refusals', () => {
    const { files } = renderPipelineRepo(testPipeline(), {
      sources: exampleSources,
      namespace: 'recsys-train',
    });
    const dag = files.find(f => f.path === 'dag.py')!.content;
    const gate = files.find(f => f.path === 'quality/run_checks.py')!.content;
    const write = (name: string, content: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    };

    it('refuses a KubernetesPodOperator keyword outside the provider API', () => {
      const file = write(
        'unknown_kwarg.py',
        dag.replace(
          '        get_logs=True,\n',
          '        get_logs=True,\n        gpu_limit=8,\n',
        ),
      );
      const result = runChecker(file);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /unknown_kwarg\.py:\d+:\d+: KubernetesPodOperator\(\) has no keyword argument 'gpu_limit' in apache-airflow-providers-cncf-kubernetes 8\.x's API/,
      );
    });

    it('refuses a Soda keyword outside Soda Core 3.x', () => {
      const file = write(
        'soda_kwarg.py',
        gate.replace('data_source_name="duckdb")', 'data_source="duckdb")'),
      );
      const result = runChecker(file);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /soda_kwarg\.py:\d+:\d+: add_duckdb_connection\(\) has no keyword argument 'data_source' in Soda Core 3\.x's API/,
      );
    });

    it.each([
      [
        'a deprecated DAG argument',
        dag.replace('    schedule=', '    schedule_interval='),
        "DAG() takes schedule in place of 'schedule_interval' in Airflow 2.9",
      ],
      [
        'a task that runs when the gate fails',
        dag.replace(
          '        get_logs=True,\n',
          '        get_logs=True,\n        trigger_rule="all_done",\n',
        ),
        'trigger_rule must be one of all_success',
      ],
      [
        'tasks out of sequence',
        dag.replace(
          'ingest >> validate >> transform >> train',
          'ingest >> transform >> validate >> train',
        ),
        'the chain must name every task once, in order',
      ],
      [
        'a task left out of the chain',
        dag.replace('ingest >> validate >> ', 'validate >> '),
        'the chain must name every task once, in order',
      ],
      [
        'a method DuckDB does not have',
        gate.replace('connection.load_extension(', 'connection.load('),
        "DuckDBPyConnection has no method 'load' in duckdb 1.x's API",
      ],
      [
        'a Soda method that does not exist',
        gate.replace('scan.execute()', 'scan.run()'),
        "Scan object has no method 'run' in Soda Core 3.x's API",
      ],
      [
        'an import of another module',
        'import os\n',
        '`import os` is not allowed',
      ],
      [
        'an SQL statement built at run time',
        'import duckdb\nc = duckdb.connect()\nc.execute(f"{c}")\n',
        'JoinedStr values are not allowed',
      ],
      [
        'a function',
        'def f():\n    pass\n',
        'FunctionDef statements are not allowed',
      ],
      ['a file that does not compile', 'x = (\n', 'does not compile'],
    ])('refuses %s', (_, content, message) => {
      const result = runChecker(write('refused.py', content));
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('refused.py');
      expect(result.stderr).toContain(message);
    });
  });
});
