import {
  NodePlacement,
  NodeTeams,
  NodeWorkload,
} from '@ai-platform/plugin-ai-platform-common';
import { QuotaService } from '../quota';
import { WorkspaceService } from '../workspace';

/**
 * Who works on each node. A node's namespaces are the ones its placement lists (pods scheduled
 * there). A namespace is a team's when a workspace of that name runs on the node's cluster (a
 * workspace is its namespace), else when the team claims it with `ai-platform.io/namespaces`.
 * A team found on a node also lists its active quotas on the node's cluster. Namespaces nobody
 * claims name no team.
 */
export class FabricTeams {
  constructor(
    private readonly options: {
      workspaces: Pick<WorkspaceService, 'list'>;
      quotas: Pick<QuotaService, 'list'>;
    },
  ) {}

  async forNodes(
    placements: Iterable<NodePlacement>,
    namespaceTeams: Map<string, string>,
  ): Promise<NodeTeams> {
    const placed = [...placements].filter(p => p.namespaces?.length);
    if (!placed.length) return {};
    const [workspaces, quotas] = await Promise.all([
      this.options.workspaces.list(),
      this.options.quotas.list({ statuses: ['active'] }),
    ]);
    const byName = new Map<string, typeof workspaces>();
    for (const w of workspaces)
      byName.set(w.name, [...(byName.get(w.name) ?? []), w]);
    const out: NodeTeams = {};
    for (const placement of placed) {
      const teams = new Map<string, Set<string>>();
      const add = (team: string, workload: string) =>
        teams.set(team, (teams.get(team) ?? new Set()).add(workload));
      for (const ns of placement.namespaces!) {
        const workspace = byName
          .get(ns)
          ?.find(
            w => !placement.clusterRef || w.clusterRef === placement.clusterRef,
          );
        if (workspace) {
          add(workspace.teamRef, `workspace ${ns}`);
        } else if (namespaceTeams.has(ns)) {
          add(namespaceTeams.get(ns)!, `namespace ${ns}`);
        }
      }
      if (!teams.size) continue;
      for (const q of quotas) {
        if (teams.has(q.teamRef) && q.clusterRef === placement.clusterRef) {
          add(q.teamRef, `quota ${q.id} (${q.gpuCount} × ${q.gpuModel})`);
        }
      }
      out[placement.node] = [...teams.entries()]
        .sort(([x], [y]) => x.localeCompare(y))
        .map(
          ([teamRef, workloads]): NodeWorkload => ({
            teamRef,
            workloads: [...workloads].sort(),
          }),
        );
    }
    return out;
  }
}
