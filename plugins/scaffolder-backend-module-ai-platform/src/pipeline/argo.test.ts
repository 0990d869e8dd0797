import { Container } from 'kubernetes-models/v1/Container';
import { Volume } from 'kubernetes-models/v1/Volume';
import yaml from 'yaml';
import { testPipeline } from '../__testUtils__/pipelines';
import { argoCronWorkflow, argoCronWorkflowYaml } from './argo';

describe('argoCronWorkflow', () => {
  const pipeline = testPipeline({ orchestrator: 'argo' });
  const workflow = argoCronWorkflow(pipeline, 'recsys-train');

  it('schedules the workflow in the pipeline time zone without overlapping runs', () => {
    expect(workflow).toMatchObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'CronWorkflow',
      metadata: { name: 'ranker-retrain', namespace: 'recsys-train' },
      spec: {
        schedule: '0 2 * * *',
        timezone: 'Europe/Berlin',
        concurrencyPolicy: 'Forbid',
      },
    });
  });

  it('runs the four stages as sequential steps of the entrypoint', () => {
    const { entrypoint, templates } = workflow.spec.workflowSpec;
    const main = templates.find(t => t.name === entrypoint);
    expect(main).toEqual({
      name: 'pipeline',
      steps: ['ingest', 'validate', 'transform', 'train'].map(name => [
        { name, template: name },
      ]),
    });
  });

  it('writes containers and volumes Kubernetes takes, with the GPUs on train only', () => {
    const containers = workflow.spec.workflowSpec.templates.flatMap(t =>
      'container' in t ? [{ name: t.name, container: t.container }] : [],
    );
    for (const { container } of containers) {
      expect(() => new Container(container).validate()).not.toThrow();
      expect(container.image).toBe('ghcr.io/acme/recsys-trainer:1.4');
    }
    for (const volume of workflow.spec.workflowSpec.volumes ?? []) {
      expect(() => new Volume(volume).validate()).not.toThrow();
    }
    expect(
      containers.map(({ name, container }) => [name, container.resources]),
    ).toEqual([
      ['ingest', undefined],
      ['validate', undefined],
      ['transform', undefined],
      ['train', { limits: { 'nvidia.com/gpu': '2' } }],
    ]);
    expect(containers[1].container).toMatchObject({
      command: ['python', '/opt/ai-platform/quality-gate/run_checks.py'],
      volumeMounts: [
        {
          name: 'quality-gate',
          mountPath: '/opt/ai-platform/quality-gate',
          readOnly: true,
        },
      ],
    });
  });

  it('writes the object as YAML without anchors', () => {
    const text = argoCronWorkflowYaml(pipeline, 'recsys-train');
    expect(text).not.toMatch(/[&*]a\d/);
    expect(yaml.parse(text)).toEqual(workflow);
  });
});
