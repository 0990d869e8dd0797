import { parseEntityRef } from '@backstage/catalog-model';
import { PipelineInput } from '@ai-platform/plugin-ai-platform-common';
import { GATE_ENTRYPOINT, GATE_MOUNT_PATH } from './qualityGate';

/**
 * One stage of a pipeline, run as a container of the pipeline's image. Ingest, transform, train
 * and publish run the image's entrypoint with the stage's name as their argument; validate runs
 * the data-quality gate mounted from its ConfigMap.
 */
export interface PipelineStage {
  /** The Airflow task id and the Argo template name. */
  name: string;
  /** A command in place of the image's entrypoint. */
  command?: string[];
  args?: string[];
  /** GPUs the stage's container asks for (`nvidia.com/gpu`). */
  gpus: number;
  /** Whether it mounts the gate's ConfigMap at GATE_MOUNT_PATH. */
  mountsGate: boolean;
}

/** The stages in the order they run; each starts only when the one before succeeded. */
export function pipelineStages(pipeline: PipelineInput): PipelineStage[] {
  const entrypoint = (name: string, gpus = 0): PipelineStage => ({
    name,
    args: [name],
    gpus,
    mountsGate: false,
  });
  return [
    entrypoint('ingest'),
    {
      name: 'validate',
      command: ['python', `${GATE_MOUNT_PATH}/${GATE_ENTRYPOINT}`],
      gpus: 0,
      mountsGate: true,
    },
    entrypoint('transform'),
    entrypoint(
      pipeline.finalStep,
      pipeline.finalStep === 'train' ? pipeline.gpuCount : 0,
    ),
  ];
}

/** The team's name, the group entity's name. */
export const teamName = (pipeline: PipelineInput) =>
  parseEntityRef(pipeline.teamRef).name;

/** The ConfigMap that holds the gate's files (`quality/`), made by the folder's kustomization. */
export const gateConfigMapName = (pipeline: PipelineInput) =>
  `${pipeline.name}-quality-gate`;

/** The volume of the gate's ConfigMap in the validate step's pod. */
export const GATE_VOLUME = 'quality-gate';

/** Labels of everything a pipeline runs or makes in Kubernetes. */
export function pipelineLabels(
  pipeline: PipelineInput,
): Record<string, string> {
  return {
    'app.kubernetes.io/managed-by': 'ai-platform',
    'ai-platform.io/team': teamName(pipeline),
    'ai-platform.io/pipeline': pipeline.name,
  };
}

/**
 * The environment of every stage: the pipeline's name, the entity refs of its inputs and outputs
 * (comma-separated) and the time of the run, as the orchestrator's template `runTime` renders it.
 */
export function stageEnv(
  pipeline: PipelineInput,
  runTime: string,
): Record<string, string> {
  return {
    PIPELINE_NAME: pipeline.name,
    PIPELINE_INPUTS: pipeline.inputs.join(','),
    PIPELINE_OUTPUTS: pipeline.outputs.join(','),
    PIPELINE_RUN_TIME: runTime,
  };
}
