import { z } from 'zod/v3';
import type { Entity } from '@backstage/catalog-model';
import { AiPlatformAnnotations, findAiEntityType, RISK_LEVELS } from './model';

const name = z.string().trim().min(1, 'must be a non-empty string');
const positiveInt = z
  .number()
  .int('must be a whole number')
  .positive('must be greater than 0');
const isoDate = name.refine(
  v => !Number.isNaN(Date.parse(v)),
  'must be an ISO 8601 date',
);
// Kubernetes namespace names: RFC 1123 labels.
const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Feast value types a feature may have. */
export const FEATURE_DTYPES = [
  'Int32',
  'Int64',
  'Float32',
  'Float64',
  'String',
  'Bytes',
  'Bool',
  'UnixTimestamp',
  'Int32List',
  'Int64List',
  'Float32List',
  'Float64List',
  'StringList',
  'BytesList',
  'BoolList',
] as const;

export const NETWORK_FABRICS = [
  'infiniband',
  'nvlink',
  'ethernet',
  'roce',
] as const;

export const gpuPoolSchema = z.object({
  model: name,
  memoryGiB: positiveInt,
  count: positiveInt,
});

/**
 * A declared two-tier fat tree: switches named `spine-01`…, `leaf-01`…, and the nodes of the
 * `gpu-cluster`s that depend on the fabric filling the leaves in order (clusters by entity ref).
 */
export const fatTreeSchema = z.object({
  spines: positiveInt,
  leaves: positiveInt,
  /** Node slots under each leaf. */
  nodesPerLeaf: positiveInt,
  /** Cables from each node to its leaf, one per HCA (`mlx5_0`, …). Defaults to 1. */
  linksPerNode: positiveInt.optional(),
  /** Cables from each leaf up to the spines, spread round-robin. Defaults to one per spine. */
  uplinksPerLeaf: positiveInt.optional(),
});

/** A declared cable (or `count` parallel cables) between two devices, by the names sources report. */
export const declaredLinkSchema = z.object({
  a: name,
  b: name,
  count: positiveInt.optional(),
});

/**
 * The topology a fabric is meant to have, for sites without a source that observes it and to
 * compare observed data with: a fat tree, explicit links, or both.
 */
export const fabricTopologySchema = z
  .object({
    fatTree: fatTreeSchema.optional(),
    links: z.array(declaredLinkSchema).optional(),
  })
  .refine(t => t.fatTree || t.links?.length, {
    message: 'must declare a fatTree or links',
  });

/** A cluster's GPU nodes as declared: how many, their names and their NVLink domains. */
export const clusterTopologySchema = z.object({
  /** GPU nodes, named `<nodePrefix>001`, `<nodePrefix>002`, … (as Kubernetes names them). */
  nodes: positiveInt,
  nodePrefix: z
    .string()
    .regex(
      /^[a-z0-9]([-a-z0-9.]*)?$/,
      'must start a lowercase node name (letters, digits, dashes, dots)',
    ),
  gpusPerNode: positiveInt,
  /**
   * GPUs that share one NVLink domain: gpusPerNode when NVLink stays inside a node (HGX), 72 for
   * a GB200 NVL72 rack. Defaults to gpusPerNode.
   */
  nvlinkDomainSize: positiveInt.optional(),
});

/** `spec` schemas of the suite's entity types, beyond what the catalog's own kinds require. */
export const aiSpecSchemas = {
  'gpu-cluster': z.object({
    gpuPools: z.array(gpuPoolSchema).min(1, 'must list at least one GPU pool'),
    /** Optional: the nodes the cluster has, placed in the fabrics it depends on. */
    topology: clusterTopologySchema.optional(),
  }),
  'network-fabric': z.object({
    fabric: z.enum(NETWORK_FABRICS),
    /** The speed every link should negotiate, e.g. 400 for NDR; slower links are degraded. */
    linkSpeedGbps: z.number().positive('must be greater than 0'),
    /** Lanes every link should negotiate, e.g. 4 for NDR ×4; narrower links are degraded. */
    linkWidth: positiveInt.optional(),
    /** Optional: the declared topology (see fabricTopologySchema). */
    topology: fabricTopologySchema.optional(),
  }),
  'gpu-quota': z
    .object({
      cluster: name,
      gpuModel: name,
      gpuCount: positiveInt,
      window: z.object({ start: isoDate, end: isoDate }),
      preemptible: z.boolean().optional(),
    })
    .refine(s => Date.parse(s.window.end) > Date.parse(s.window.start), {
      message: 'must be after window.start',
      path: ['window', 'end'],
    }),
  'ml-workspace': z.object({
    cluster: name,
    image: name,
    gpuCount: z
      .number()
      .int('must be a whole number')
      .nonnegative('must not be negative'),
  }),
  dataset: z.object({
    format: name,
    location: name,
    /** The columns, when declared: the pipelines' data-quality gates check them. */
    schema: z
      .object({
        columns: z
          .array(
            z.object({
              name,
              type: name,
              nullable: z.boolean().optional(),
            }),
          )
          .min(1, 'must list at least one column'),
      })
      .optional(),
  }),
  'feature-view': z.object({
    entities: z.array(name).min(1, 'must name at least one entity'),
    features: z
      .array(z.object({ name, dtype: z.enum(FEATURE_DTYPES) }))
      .min(1, 'must list at least one feature'),
    ttlSeconds: z
      .number()
      .int('must be a whole number')
      .nonnegative('must not be negative')
      .optional(),
  }),
  'ai-model': z.object({}),
  'ml-pipeline': z.object({
    orchestrator: name.optional(),
    schedule: name.optional(),
    /** IANA time zone the schedule is read in; UTC when absent. */
    timezone: name.optional(),
    /** Entity refs of what the pipeline writes; the catalog relates them as `produces`. */
    outputs: z.array(name).optional(),
  }),
  'model-server': z.object({}),
} as const;

const keyValueList = z
  .string()
  .refine(
    v => v.split(',').every(pair => /^[^=\s]+=[^=]*$/.test(pair.trim())),
    'must be a comma-separated list of key=value pairs',
  );

const annotationSchemas: Record<string, z.ZodType<string>> = {
  [AiPlatformAnnotations.namespaces]: z
    .string()
    .refine(
      v => v.split(',').every(ns => dnsLabel.test(ns.trim())),
      'must be a comma-separated list of Kubernetes namespace names',
    ),
  [AiPlatformAnnotations.costLabels]: keyValueList,
  [AiPlatformAnnotations.cloudTags]: keyValueList,
  [AiPlatformAnnotations.monthlyBudget]: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal number'),
  [AiPlatformAnnotations.registeredModel]: name,
  [AiPlatformAnnotations.riskLevel]: z.enum(RISK_LEVELS),
};

/** One thing wrong with an entity: the field it is in and what is wrong. */
export interface AiEntityProblem {
  field: string;
  message: string;
}

function fieldPath(prefix: string, path: (string | number)[]): string {
  return path.reduce<string>(
    (acc, part) =>
      typeof part === 'number' ? `${acc}[${part}]` : `${acc}.${part}`,
    prefix,
  );
}

function problemsOf(
  prefix: string,
  result: z.SafeParseReturnType<unknown, unknown>,
) {
  return result.success
    ? []
    : result.error.issues.map(issue => ({
        field: fieldPath(prefix, issue.path),
        message: issue.message,
      }));
}

/**
 * Checks an entity against the AI-platform model: the spec of the suite's entity types and the
 * values of the suite's annotations on any entity. Entities outside the model pass unchecked.
 */
export function validateAiEntity(entity: Entity): AiEntityProblem[] {
  const problems: AiEntityProblem[] = [];
  const info = findAiEntityType(entity.kind, entity.spec?.type);
  if (info) {
    const schema = aiSpecSchemas[info.type];
    problems.push(...problemsOf('spec', schema.safeParse(entity.spec ?? {})));
  }
  const annotations = entity.metadata.annotations ?? {};
  for (const [key, schema] of Object.entries(annotationSchemas)) {
    if (key in annotations) {
      const field = `metadata.annotations["${key}"]`;
      problems.push(
        ...problemsOf('', schema.safeParse(annotations[key])).map(p => ({
          ...p,
          field,
        })),
      );
    }
  }
  return problems;
}
