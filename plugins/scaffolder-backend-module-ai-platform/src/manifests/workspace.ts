import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { Service } from 'kubernetes-models/v1/Service';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { WORKSPACE_LABEL } from '@ai-platform/plugin-ai-platform-common';
import { localQueue, resourceFlavor, teamClusterQueue } from './kueue';

/** What a team ML workspace is made of. */
export interface WorkspaceSpec {
  /** Workspace name; also its namespace. */
  name: string;
  /** Team name (the group entity's name), for labels and the Kueue ClusterQueue. */
  team: string;
  gpuModel: string;
  gpuCount: number;
  /** GPUs the team holds on the pool: the ClusterQueue's nominal quota. */
  teamQuotaGpus: number;
  image: string;
  cpu: number;
  memoryGi: number;
  storageGi: number;
  /** CIDRs the workspace may reach besides cluster DNS. */
  egressCidrs: string[];
  /** The identity provider's group bound to the namespace's `edit` role. */
  rbacGroup: string;
}

const MANAGED = { 'app.kubernetes.io/managed-by': 'ai-platform' };

/**
 * The Kubernetes objects of a team ML workspace, each validated against its Kubernetes (or
 * Kueue) schema, in the order they apply.
 */
export function workspaceManifests(
  spec: WorkspaceSpec,
): Array<{ kind: string; metadata?: { name?: string } }> {
  const labels = {
    ...MANAGED,
    'ai-platform.io/team': spec.team,
    [WORKSPACE_LABEL]: spec.name,
  };
  const namespace = spec.name;
  const flavor = resourceFlavor(spec.gpuModel);
  const clusterQueue = teamClusterQueue(
    spec.team,
    spec.gpuModel,
    spec.teamQuotaGpus,
  );
  const gpu = String(spec.gpuCount);

  const objects = [
    new Namespace({ metadata: { name: namespace, labels } }),
    new ResourceQuota({
      metadata: { name: 'workspace-quota', namespace, labels },
      spec: {
        hard: {
          'requests.nvidia.com/gpu': gpu,
          'requests.cpu': String(spec.cpu),
          'limits.cpu': String(spec.cpu),
          'requests.memory': `${spec.memoryGi}Gi`,
          'limits.memory': `${spec.memoryGi}Gi`,
          'requests.storage': `${spec.storageGi}Gi`,
        },
      },
    }),
    new RoleBinding({
      metadata: { name: 'team-edit', namespace, labels },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'edit',
      },
      subjects: [
        {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Group',
          name: spec.rbacGroup,
        },
      ],
    }),
    new NetworkPolicy({
      metadata: { name: 'default-deny', namespace, labels },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        // No ingress rules: nothing may connect in. Egress: cluster DNS and the allow-list.
        ingress: [],
        egress: [
          {
            to: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
                },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
          ...(spec.egressCidrs.length > 0
            ? [{ to: spec.egressCidrs.map(cidr => ({ ipBlock: { cidr } })) }]
            : []),
        ],
      },
    }),
    new PersistentVolumeClaim({
      metadata: { name: 'workspace-data', namespace, labels },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: `${spec.storageGi}Gi` } },
      },
    }),
    new Service({
      metadata: { name: spec.name, namespace, labels },
      spec: {
        clusterIP: 'None',
        selector: { [WORKSPACE_LABEL]: spec.name },
        ports: [{ name: 'http', port: 8888 }],
      },
    }),
    new StatefulSet({
      metadata: { name: spec.name, namespace, labels },
      spec: {
        serviceName: spec.name,
        replicas: 1,
        selector: { matchLabels: { [WORKSPACE_LABEL]: spec.name } },
        template: {
          metadata: {
            labels: { ...labels, 'kueue.x-k8s.io/queue-name': 'team-queue' },
          },
          spec: {
            ...(spec.gpuCount > 0
              ? { nodeSelector: { 'nvidia.com/gpu.product': spec.gpuModel } }
              : {}),
            containers: [
              {
                name: 'workspace',
                image: spec.image,
                ports: [{ name: 'http', containerPort: 8888 }],
                resources: {
                  requests: {
                    cpu: String(spec.cpu),
                    memory: `${spec.memoryGi}Gi`,
                    'nvidia.com/gpu': gpu,
                  },
                  limits: {
                    cpu: String(spec.cpu),
                    memory: `${spec.memoryGi}Gi`,
                    'nvidia.com/gpu': gpu,
                  },
                },
                volumeMounts: [
                  { name: 'data', mountPath: '/home/jovyan/work' },
                ],
              },
            ],
            volumes: [
              {
                name: 'data',
                persistentVolumeClaim: { claimName: 'workspace-data' },
              },
            ],
          },
        },
      },
    }),
  ];
  for (const object of objects) {
    object.validate();
  }
  return [
    ...objects.map(
      o => o.toJSON() as { kind: string; metadata?: { name?: string } },
    ),
    flavor,
    clusterQueue,
    localQueue(namespace, clusterQueue.metadata.name),
  ];
}
