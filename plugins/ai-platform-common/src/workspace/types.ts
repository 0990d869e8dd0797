/** A team ML workspace as the ledger records it. */
export interface MlWorkspace {
  id: string;
  /** Workspace name; also its Kubernetes namespace. */
  name: string;
  teamRef: string;
  clusterRef: string;
  gpuModel: string;
  gpuCount: number;
  image: string;
  createdBy: string;
  createdAt: string;
}

/** What creating a workspace decided: the GPUs the team holds on the pool, and what is free. */
export interface WorkspaceDecision {
  teamQuotaGpus: number;
  usedByOtherWorkspaces: number;
}

/** What `POST /workspaces` answers: the stored workspace (absent in a dry run) and the decision. */
export interface WorkspaceResult {
  workspace?: MlWorkspace;
  decision: WorkspaceDecision;
}
