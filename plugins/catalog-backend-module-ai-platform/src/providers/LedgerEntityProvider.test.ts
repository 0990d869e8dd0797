import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  QuotaRequest,
  validateAiEntity,
} from '@ai-platform/plugin-ai-platform-common';
import {
  LedgerEntityProvider,
  quotaToEntity,
  workspaceToEntity,
} from './LedgerEntityProvider';

const baseUrl = 'http://localhost:7007/api/ai-platform';

const quota: QuotaRequest = {
  id: '6f0c1f8e-2b7a-4c55-9d1e-0a4b8e2f7c31',
  teamRef: 'group:default/recsys',
  clusterRef: 'resource:default/cluster-a',
  gpuModel: 'H100-SXM5-80GB',
  gpuCount: 8,
  startsAt: '2026-12-01T00:00:00.000Z',
  endsAt: '2026-12-08T00:00:00.000Z',
  preemptible: false,
  justification: 'Retraining the ranker',
  status: 'approved',
  requestedBy: 'user:default/priya.raman',
  createdAt: '2026-11-23T10:00:00.000Z',
};

const workspace = {
  id: 'b3c8a2f0-1d2e-4f5a-8b9c-0d1e2f3a4b5c',
  name: 'ranker-dev',
  teamRef: 'group:default/recsys',
  clusterRef: 'resource:default/cluster-a',
  gpuModel: 'H100-SXM5-80GB',
  gpuCount: 2,
  image: 'quay.io/jupyter/pytorch-notebook:cuda12-2024-11-18',
  createdBy: 'user:default/priya.raman',
  createdAt: '2026-11-23T10:00:00.000Z',
};

describe('LedgerEntityProvider', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function createProvider() {
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    const provider = new LedgerEntityProvider({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async id => `http://localhost:7007/api/${id}`,
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      taskRunner: { run: jest.fn() },
    });
    return { provider, connection };
  }

  it('replaces the catalog set with the quotas the ledger holds', async () => {
    let query = '';
    server.use(
      http.get(`${baseUrl}/quotas`, ({ request }) => {
        query = new URL(request.url).search;
        return HttpResponse.json({ items: [quota] });
      }),
      http.get(`${baseUrl}/workspaces`, () =>
        HttpResponse.json({ items: [workspace] }),
      ),
    );
    const { provider, connection } = createProvider();
    await provider.connect(connection);
    await provider.refresh();

    expect(query).toBe('?status=approved&status=active');
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        {
          entity: quotaToEntity(quota),
          locationKey: 'ai-platform-ledger-provider',
        },
        {
          entity: workspaceToEntity(workspace),
          locationKey: 'ai-platform-ledger-provider',
        },
      ],
    });
  });

  it('keeps the last good set when the ledger cannot be read', async () => {
    server.use(
      http.get(
        `${baseUrl}/quotas`,
        () => new HttpResponse(null, { status: 503 }),
      ),
      http.get(`${baseUrl}/workspaces`, () =>
        HttpResponse.json({ items: [workspace] }),
      ),
    );
    const { provider, connection } = createProvider();
    await provider.connect(connection);
    await expect(provider.refresh()).rejects.toThrow(/503/);
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('makes entities the AI Platform processor accepts', () => {
    const entity = quotaToEntity(quota);
    expect(validateAiEntity(entity)).toEqual([]);
    expect(validateAiEntity(workspaceToEntity(workspace))).toEqual([]);
    expect(entity.spec).toMatchObject({
      owner: 'group:default/recsys',
      dependsOn: ['resource:default/cluster-a'],
    });
  });
});
