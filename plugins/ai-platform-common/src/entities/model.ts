/**
 * The AI-platform entity model: which catalog kinds and `spec.type`s the suite uses, and the
 * annotations it reads. Documented in this package's README.
 */

/** Prefix of every annotation the suite reads or writes. */
export const AI_PLATFORM_ANNOTATION_PREFIX = 'ai-platform.io';

/** Annotations, by the entity kinds they belong on. */
export const AiPlatformAnnotations = {
  /** Group or Resource: Kubernetes namespaces whose usage belongs to the team (comma-separated). */
  namespaces: `${AI_PLATFORM_ANNOTATION_PREFIX}/namespaces`,
  /**
   * Group or Resource: Kubernetes labels (`key=value`, comma-separated) whose OpenCost usage
   * belongs to the team (a Resource's owner).
   */
  costLabels: `${AI_PLATFORM_ANNOTATION_PREFIX}/cost-labels`,
  /** Group or Resource: cloud billing tags (`key=value`, comma-separated) of the team's spend. */
  cloudTags: `${AI_PLATFORM_ANNOTATION_PREFIX}/cloud-tags`,
  /** Group: monthly compute budget, a non-negative decimal in the configured currency. */
  monthlyBudget: `${AI_PLATFORM_ANNOTATION_PREFIX}/monthly-budget`,
  /** Resource `ai-model`: name of the model in the model registry (MLflow registered model). */
  registeredModel: `${AI_PLATFORM_ANNOTATION_PREFIX}/registered-model`,
  /** Resource `ai-model`: EU AI Act risk class. */
  riskLevel: `${AI_PLATFORM_ANNOTATION_PREFIX}/risk-level`,
  /** Resource `ai-model`: who oversees the system's decisions (an entity ref or an email). */
  humanOversight: `${AI_PLATFORM_ANNOTATION_PREFIX}/human-oversight`,
  /**
   * Resource `ai-model`: its model card, a URL or a path relative to the entity's file (Hugging
   * Face README.md or Model Card Toolkit JSON).
   */
  modelCard: `${AI_PLATFORM_ANNOTATION_PREFIX}/model-card`,
  /** Any entity: who is on call for it, where no PagerDuty or Opsgenie annotation says. */
  onCall: `${AI_PLATFORM_ANNOTATION_PREFIX}/on-call`,
  /** Resource `dataset`: where its data is kept (e.g. `eu-west-1`, `EU`). */
  dataResidency: `${AI_PLATFORM_ANNOTATION_PREFIX}/data-residency`,
  /** Resource `dataset`: how it is encrypted at rest (e.g. `aws-kms`, `none`). */
  encryption: `${AI_PLATFORM_ANNOTATION_PREFIX}/encryption`,
} as const;

/** EU AI Act risk classes (Art. 5, 6, 50 and the rest). */
export const RISK_LEVELS = [
  'minimal',
  'limited',
  'high',
  'unacceptable',
] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** `spec.type` values of `Resource` entities that the suite owns. */
export const AiResourceType = {
  gpuCluster: 'gpu-cluster',
  gpuQuota: 'gpu-quota',
  mlWorkspace: 'ml-workspace',
  featureView: 'feature-view',
  dataset: 'dataset',
  networkFabric: 'network-fabric',
  /** A registered model (version), as Red Hat Developer Hub's model catalog names it. */
  aiModel: 'ai-model',
} as const;

/** `spec.type` values of `Component` entities that the suite owns. */
export const AiComponentType = {
  mlPipeline: 'ml-pipeline',
  /** A deployed model endpoint, as Red Hat Developer Hub names it. */
  modelServer: 'model-server',
} as const;

export type AiResourceTypeName =
  (typeof AiResourceType)[keyof typeof AiResourceType];
export type AiComponentTypeName =
  (typeof AiComponentType)[keyof typeof AiComponentType];

/** One kind/type pair of the model, with the words the UI uses for it. */
export interface AiEntityTypeInfo {
  kind: 'Resource' | 'Component';
  type: AiResourceTypeName | AiComponentTypeName;
  title: string;
  description: string;
}

/** Every kind/type pair of the model, in the order the UI lists them. */
export const AI_ENTITY_TYPES: readonly AiEntityTypeInfo[] = [
  {
    kind: 'Resource',
    type: 'gpu-cluster',
    title: 'GPU clusters',
    description: 'Pools of GPUs that quotas are granted from',
  },
  {
    kind: 'Resource',
    type: 'network-fabric',
    title: 'Network fabrics',
    description: 'InfiniBand, NVLink and Ethernet fabrics linking the GPUs',
  },
  {
    kind: 'Resource',
    type: 'gpu-quota',
    title: 'GPU quotas',
    description: 'GPUs granted to a team on a cluster for a time window',
  },
  {
    kind: 'Resource',
    type: 'ml-workspace',
    title: 'ML workspaces',
    description: 'Team notebooks and dev containers with GPUs',
  },
  {
    kind: 'Resource',
    type: 'dataset',
    title: 'Datasets',
    description: 'Data that features and models are built from',
  },
  {
    kind: 'Resource',
    type: 'feature-view',
    title: 'Feature views',
    description: 'Feast-style feature definitions over a dataset',
  },
  {
    kind: 'Component',
    type: 'ml-pipeline',
    title: 'ML pipelines',
    description: 'Data and training pipelines',
  },
  {
    kind: 'Resource',
    type: 'ai-model',
    title: 'AI models',
    description: 'Registered models and their versions',
  },
  {
    kind: 'Component',
    type: 'model-server',
    title: 'Model servers',
    description: 'Deployed endpoints that serve a model',
  },
];

/** True when the kind/type pair belongs to the AI-platform model. */
export function findAiEntityType(
  kind: string,
  type: unknown,
): AiEntityTypeInfo | undefined {
  return AI_ENTITY_TYPES.find(
    t =>
      t.kind.toLocaleLowerCase('en-US') === kind.toLocaleLowerCase('en-US') &&
      t.type === type,
  );
}

/**
 * Relations the suite adds to the catalog's own: an `ml-pipeline` Component `produces` the
 * datasets, feature views and models in its `spec.outputs`, each of them `producedBy` it. With
 * `dependsOn`/`dependencyOf` they form the lineage from dataset to model server.
 */
export const RELATION_PRODUCES = 'produces';
export const RELATION_PRODUCED_BY = 'producedBy';

/** Annotation of an `ml-pipeline` Component: its Airflow DAG id, when not the entity's name. */
export const AIRFLOW_DAG_ID_ANNOTATION = `${AI_PLATFORM_ANNOTATION_PREFIX}/airflow-dag-id`;
