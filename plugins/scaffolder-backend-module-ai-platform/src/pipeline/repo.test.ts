import yaml from 'yaml';
import {
  exampleSources,
  testPipeline,
  userActivity,
} from '../__testUtils__/pipelines';
import { renderPipelineRepo } from './repo';

const context = { sources: exampleSources, namespace: 'recsys-train' };

describe('renderPipelineRepo', () => {
  it('renders an Airflow pipeline: DAG, its ignore file, kustomization and the gate', () => {
    const { files } = renderPipelineRepo(testPipeline(), context);
    expect(files.map(f => f.path)).toEqual([
      'dag.py',
      '.airflowignore',
      'kustomization.yaml',
      'quality/run_checks.py',
      'quality/ds_clickstream_events.yml',
    ]);
    expect(files[1].content).toBe('quality/\n');
    expect(yaml.parse(files[2].content)).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: 'recsys-train',
      configMapGenerator: [
        {
          name: 'ranker-retrain-quality-gate',
          files: ['quality/run_checks.py', 'quality/ds_clickstream_events.yml'],
        },
      ],
      generatorOptions: {
        disableNameSuffixHash: true,
        labels: {
          'app.kubernetes.io/managed-by': 'ai-platform',
          'ai-platform.io/team': 'recsys',
          'ai-platform.io/pipeline': 'ranker-retrain',
        },
      },
    });
  });

  it('renders an Argo pipeline, whose kustomization applies the CronWorkflow too', () => {
    const { files } = renderPipelineRepo(
      testPipeline({ orchestrator: 'argo' }),
      context,
    );
    expect(files.map(f => f.path)).toEqual([
      'cronworkflow.yaml',
      'kustomization.yaml',
      'quality/run_checks.py',
      'quality/ds_clickstream_events.yml',
    ]);
    expect(yaml.parse(files[1].content).resources).toEqual([
      'cronworkflow.yaml',
    ]);
  });

  it('renders the same files for the same pipeline', () => {
    const render = () => renderPipelineRepo(testPipeline(), context).files;
    expect(render()).toEqual(render());
  });

  it('mounts only the entrypoint when the gate has no checks', () => {
    const { files, gate } = renderPipelineRepo(
      testPipeline({
        inputs: [userActivity.ref],
        qualityChecks: [],
      }),
      { ...context, sources: [userActivity] },
    );
    expect(gate.datasets).toEqual([]);
    expect(files.map(f => f.path)).toEqual([
      'dag.py',
      '.airflowignore',
      'kustomization.yaml',
      'quality/run_checks.py',
    ]);
    expect(yaml.parse(files[2].content).configMapGenerator[0].files).toEqual([
      'quality/run_checks.py',
    ]);
  });
});
