/** The label every Kubernetes object of a workspace carries, with the workspace's name. */
export const WORKSPACE_LABEL = 'ai-platform.io/workspace';

/**
 * The annotations by which the Kubernetes plugin finds a workspace's objects: its namespace
 * (named as the workspace) and the label its manifests carry.
 */
export function workspaceKubernetesAnnotations(
  name: string,
): Record<string, string> {
  return {
    'backstage.io/kubernetes-namespace': name,
    'backstage.io/kubernetes-label-selector': `${WORKSPACE_LABEL}=${name}`,
  };
}
