import { z } from 'zod/v3';

// Kueue's CRDs (kueue.x-k8s.io/v1beta1) are not in kubernetes-models; these schemas check the
// fields the platform sets, as the CRDs define them.
const dnsSubdomain = z
  .string()
  .max(253)
  .regex(
    /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
    'must be a lowercase RFC 1123 subdomain',
  );
const quantity = z.union([
  z.number().int().nonnegative(),
  z.string().regex(/^\d+$/),
]);
const meta = z.object({
  name: dnsSubdomain,
  namespace: dnsSubdomain.optional(),
  labels: z.record(z.string()).optional(),
});

export const resourceFlavorSchema = z.object({
  apiVersion: z.literal('kueue.x-k8s.io/v1beta1'),
  kind: z.literal('ResourceFlavor'),
  metadata: meta,
  spec: z.object({ nodeLabels: z.record(z.string()) }),
});

export const clusterQueueSchema = z.object({
  apiVersion: z.literal('kueue.x-k8s.io/v1beta1'),
  kind: z.literal('ClusterQueue'),
  metadata: meta,
  spec: z.object({
    namespaceSelector: z.object({ matchLabels: z.record(z.string()) }),
    resourceGroups: z
      .array(
        z.object({
          coveredResources: z.array(z.string()).min(1),
          flavors: z
            .array(
              z.object({
                name: dnsSubdomain,
                resources: z
                  .array(z.object({ name: z.string(), nominalQuota: quantity }))
                  .min(1),
              }),
            )
            .min(1),
        }),
      )
      .min(1),
  }),
});

export const localQueueSchema = z.object({
  apiVersion: z.literal('kueue.x-k8s.io/v1beta1'),
  kind: z.literal('LocalQueue'),
  metadata: meta.extend({ namespace: dnsSubdomain }),
  spec: z.object({ clusterQueue: dnsSubdomain }),
});

export type ResourceFlavor = z.infer<typeof resourceFlavorSchema>;
export type ClusterQueue = z.infer<typeof clusterQueueSchema>;
export type LocalQueue = z.infer<typeof localQueueSchema>;

/** A Kubernetes-safe name for a GPU model: `H100-SXM5-80GB` → `h100-sxm5-80gb`. */
export function flavorName(gpuModel: string): string {
  return gpuModel
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** One ResourceFlavor per GPU model, selecting nodes by the GPU operator's product label. */
export function resourceFlavor(gpuModel: string): ResourceFlavor {
  return resourceFlavorSchema.parse({
    apiVersion: 'kueue.x-k8s.io/v1beta1',
    kind: 'ResourceFlavor',
    metadata: { name: flavorName(gpuModel) },
    spec: { nodeLabels: { 'nvidia.com/gpu.product': gpuModel } },
  });
}

/** A team's ClusterQueue on one pool, with its approved GPUs as the nominal quota. */
export function teamClusterQueue(
  team: string,
  gpuModel: string,
  gpus: number,
): ClusterQueue {
  return clusterQueueSchema.parse({
    apiVersion: 'kueue.x-k8s.io/v1beta1',
    kind: 'ClusterQueue',
    metadata: {
      name: `${team}-${flavorName(gpuModel)}`,
      labels: { 'ai-platform.io/team': team },
    },
    spec: {
      namespaceSelector: { matchLabels: { 'ai-platform.io/team': team } },
      resourceGroups: [
        {
          coveredResources: ['nvidia.com/gpu'],
          flavors: [
            {
              name: flavorName(gpuModel),
              resources: [{ name: 'nvidia.com/gpu', nominalQuota: gpus }],
            },
          ],
        },
      ],
    },
  });
}

/** The LocalQueue in a team namespace that submits to the team's ClusterQueue. */
export function localQueue(
  namespace: string,
  clusterQueue: string,
): LocalQueue {
  return localQueueSchema.parse({
    apiVersion: 'kueue.x-k8s.io/v1beta1',
    kind: 'LocalQueue',
    metadata: { name: 'team-queue', namespace },
    spec: { clusterQueue },
  });
}
