import { testPipeline } from '../__testUtils__/pipelines';
import { airflowDagPy } from './airflow';

describe('airflowDagPy', () => {
  const dag = airflowDagPy(testPipeline(), 'recsys-train');

  it('schedules the DAG in the pipeline time zone, owned by the team, without catching up', () => {
    for (const line of [
      '    dag_id="ranker-retrain",',
      '    schedule="0 2 * * *",',
      '    start_date=pendulum.datetime(2024, 1, 1, tz="Europe/Berlin"),',
      '    catchup=False,',
      '    max_active_runs=1,',
      '    tags=["ai-platform", "ml-pipeline", "recsys"],',
      '    default_args={"owner": "recsys"},',
    ]) {
      expect(dag).toContain(`\n${line}\n`);
    }
  });

  it('runs the four stages in sequence as pods of the image in the team namespace', () => {
    expect(dag.match(/= KubernetesPodOperator\(/g)).toHaveLength(4);
    expect(dag.match(/namespace="recsys-train",/g)).toHaveLength(4);
    expect(
      dag.match(/image="ghcr.io\/acme\/recsys-trainer:1.4",/g),
    ).toHaveLength(4);
    expect(dag).not.toContain('trigger_rule');
    expect(
      dag.endsWith('\n    ingest >> validate >> transform >> train\n'),
    ).toBe(true);
    expect(dag).toContain(
      '        cmds=["python", "/opt/ai-platform/quality-gate/run_checks.py"],\n',
    );
    expect(dag).toContain(
      '        volumes=[k8s.V1Volume(name="quality-gate", config_map=k8s.V1ConfigMapVolumeSource(name="ranker-retrain-quality-gate"))],\n',
    );
  });

  it('asks for the GPUs on the train task only', () => {
    expect(dag.match(/container_resources=/g)).toHaveLength(1);
    expect(dag).toContain('        arguments=["train"],\n        env_vars=');
    expect(dag).toContain(
      '        container_resources=k8s.V1ResourceRequirements(limits={"nvidia.com/gpu": "2"}),\n',
    );
  });

  it('ends with a publish task on CPU', () => {
    const publish = airflowDagPy(
      testPipeline({ finalStep: 'publish', gpuCount: 0, description: '' }),
      'recsys-train',
    );
    expect(
      publish.endsWith('\n    ingest >> validate >> transform >> publish\n'),
    ).toBe(true);
    expect(publish).not.toContain('container_resources');
    expect(publish).not.toContain('description=');
  });

  it('escapes the description as a Python string', () => {
    expect(
      airflowDagPy(
        testPipeline({ description: 'He said "hi"\n\\ é' }),
        'recsys-train',
      ),
    ).toContain('    description="He said \\"hi\\"\\n\\\\ \\u00e9",\n');
  });
});
