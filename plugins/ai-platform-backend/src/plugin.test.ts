import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { aiPlatformPlugin } from './plugin';

describe('aiPlatformPlugin', () => {
  async function startBackend() {
    const { server } = await startTestBackend({
      features: [
        aiPlatformPlugin,
        catalogServiceMock.factory({ entities: [] }),
        // Requests without an Authorization header carry no credentials.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    return server;
  }

  it('answers /health without credentials', async () => {
    const server = await startBackend();
    const res = await request(server).get('/api/ai-platform/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('refuses /pools without credentials', async () => {
    const server = await startBackend();
    const res = await request(server).get('/api/ai-platform/pools');
    expect(res.status).toBe(401);
  });

  it('lists pools for a signed-in user', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/ai-platform/pools')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
  });

  it('publishes the team resource type and its IS_TEAM_MEMBER rule', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/ai-platform/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.permissions).toContainEqual(
      expect.objectContaining({
        name: 'ai-platform.spend.read.team',
        resourceType: 'ai-platform-team',
      }),
    );
    expect(res.body.rules).toEqual([
      expect.objectContaining({
        name: 'IS_TEAM_MEMBER',
        resourceType: 'ai-platform-team',
        paramsSchema: expect.objectContaining({
          properties: { claims: expect.anything() },
        }),
      }),
    ]);
  });
});
