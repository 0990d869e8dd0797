import { workspaceKubernetesAnnotations } from '@ai-platform/plugin-ai-platform-common';
import { workspaceManifests, WorkspaceSpec } from './workspace';

const spec: WorkspaceSpec = {
  name: 'recsys-ranker-dev',
  team: 'recsys',
  gpuModel: 'H100-SXM5-80GB',
  gpuCount: 2,
  teamQuotaGpus: 8,
  image: 'quay.io/jupyter/pytorch-notebook:cuda12-2024-11-18',
  cpu: 16,
  memoryGi: 128,
  storageGi: 500,
  egressCidrs: ['10.20.0.0/16'],
  rbacGroup: 'recsys-engineers',
};

describe('workspaceManifests', () => {
  it('renders every object of a team ML workspace', () => {
    const objects = workspaceManifests(spec) as any[];
    expect(objects.map(o => o.kind)).toEqual([
      'Namespace',
      'ResourceQuota',
      'RoleBinding',
      'NetworkPolicy',
      'PersistentVolumeClaim',
      'Service',
      'StatefulSet',
      'ResourceFlavor',
      'ClusterQueue',
      'LocalQueue',
    ]);
    const byKind = Object.fromEntries(objects.map(o => [o.kind, o]));
    expect(byKind.ResourceQuota.spec.hard['requests.nvidia.com/gpu']).toBe('2');
    expect(
      byKind.StatefulSet.spec.template.spec.containers[0].resources.limits[
        'nvidia.com/gpu'
      ],
    ).toBe('2');
    expect(
      byKind.StatefulSet.spec.template.metadata.labels[
        'kueue.x-k8s.io/queue-name'
      ],
    ).toBe('team-queue');
    expect(byKind.NetworkPolicy.spec.egress[1]).toEqual({
      to: [{ ipBlock: { cidr: '10.20.0.0/16' } }],
    });
    expect(byKind.RoleBinding.subjects).toEqual([
      {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Group',
        name: 'recsys-engineers',
      },
    ]);
    expect(byKind.ClusterQueue.metadata.name).toBe('recsys-h100-sxm5-80gb');
    expect(
      byKind.ClusterQueue.spec.resourceGroups[0].flavors[0].resources[0],
    ).toEqual({
      name: 'nvidia.com/gpu',
      nominalQuota: 8,
    });
    expect(byKind.LocalQueue).toMatchObject({
      metadata: { name: 'team-queue', namespace: 'recsys-ranker-dev' },
      spec: { clusterQueue: 'recsys-h100-sxm5-80gb' },
    });
    expect(byKind.ResourceFlavor.spec.nodeLabels).toEqual({
      'nvidia.com/gpu.product': 'H100-SXM5-80GB',
    });
  });

  it("carries the label the workspace entity's Kubernetes selector names", () => {
    const annotations = workspaceKubernetesAnnotations(spec.name);
    const [key, value] =
      annotations['backstage.io/kubernetes-label-selector'].split('=');
    const objects = workspaceManifests(spec) as any[];
    const namespaced = objects.filter(o => o.metadata.namespace === spec.name);
    // The Kubernetes plugin looks in the namespace for objects with the label.
    expect(annotations['backstage.io/kubernetes-namespace']).toBe(spec.name);
    expect(namespaced.map(o => o.kind)).toContain('StatefulSet');
    // Kueue's LocalQueue is not an object the Kubernetes plugin shows.
    for (const object of namespaced.filter(o => o.kind !== 'LocalQueue')) {
      expect(object.metadata.labels[key]).toBe(value);
    }
    const statefulSet = objects.find(o => o.kind === 'StatefulSet');
    expect(statefulSet.spec.template.metadata.labels[key]).toBe(value);
  });

  it('refuses objects that break the Kubernetes schema', () => {
    expect(() => workspaceManifests({ ...spec, name: 'Not A Name' })).toThrow();
  });
});
