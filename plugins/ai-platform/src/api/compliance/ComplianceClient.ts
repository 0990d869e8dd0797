import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  ComplianceCheck,
  ComplianceExemption,
  ComplianceHeatmap,
  EntityScorecard,
  ExemptionInput,
  TeamRollup,
} from '@ai-platform/plugin-ai-platform-common';
import { BackendHttp, ClientOptions } from '../http';
import { ComplianceApi, EvidenceFormat } from './ComplianceApi';

/** `kind/namespace/name`, each part one encoded path segment. */
function entityPath(entityRef: string, defaultKind?: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef, {
    defaultKind,
    defaultNamespace: 'default',
  });
  return [kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/');
}

export class ComplianceClient implements ComplianceApi {
  private readonly http: BackendHttp;

  constructor(options: ClientOptions) {
    this.http = new BackendHttp(options);
  }

  async getScorecard(entityRef: string): Promise<EntityScorecard | undefined> {
    try {
      return await this.http.get<EntityScorecard>(
        `/compliance/scorecards/${entityPath(entityRef)}`,
      );
    } catch (e) {
      if (e instanceof ResponseError && e.statusCode === 404) return undefined;
      throw e;
    }
  }

  evaluate(entityRef: string): Promise<EntityScorecard> {
    return this.http.post(
      `/compliance/scorecards/${entityPath(entityRef)}/evaluate`,
      {},
    );
  }

  getTeamRollup(teamRef: string): Promise<TeamRollup> {
    const { namespace, name } = parseEntityRef(teamRef, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return this.http.get(
      `/compliance/teams/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}`,
    );
  }

  getHeatmap(): Promise<ComplianceHeatmap> {
    return this.http.get('/compliance/heatmap');
  }

  listChecks(): Promise<ComplianceCheck[]> {
    return this.http.items('/compliance/checks');
  }

  listExemptions(entityRef?: string): Promise<ComplianceExemption[]> {
    return this.http.items(
      `/compliance/exemptions${
        entityRef ? `?${new URLSearchParams({ entityRef })}` : ''
      }`,
    );
  }

  createExemption(input: ExemptionInput): Promise<ComplianceExemption> {
    return this.http.post('/compliance/exemptions', input);
  }

  async getEvidencePack(
    entityRef: string,
    format: EvidenceFormat,
  ): Promise<Blob> {
    const response = await this.http.fetch(
      `/compliance/evidence/${entityPath(entityRef)}.${format}`,
    );
    return response.blob();
  }
}
