import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { clickstream, featureViewBody } from '../__testUtils__/featureViews';
import {
  describeInputErrors,
  describeRouteGuards,
} from '../__testUtils__/routeTables';
import { priya, startBackend } from '../__testUtils__/startAiPlatformBackend';

describe('feature view routes', () => {
  describeRouteGuards(
    [
      {
        method: 'get',
        services: true,
        path: '/feature-views',
        permission: 'ai-platform.feature-view.read',
      },
      {
        method: 'post',
        path: '/feature-views',
        permission: 'ai-platform.feature-view.create',
        body: featureViewBody(),
      },
    ],
    { entities: [clickstream] },
  );

  describeInputErrors('/feature-views', featureViewBody, [
    [{ name: 'User Activity' }, 'name: must be a lowercase identifier'],
    [{ name: 'user__activity' }, 'name: must be a lowercase identifier'],
    [{ teamRef: 'recsys' }, 'teamRef: must be a group entity ref'],
    [{ datasetRef: 'group:default/recsys' }, 'datasetRef: must be a resource'],
    [{ features: [] }, 'features: must list at least one feature'],
    [
      { features: [{ name: 'views_7d', dtype: 'Long' }] },
      'features.0.dtype: must be a Feast value type',
    ],
    [
      { features: [{ name: 'user_id', dtype: 'Int64' }] },
      'features.0.name: user_id is already a join key',
    ],
    [{ ttlSeconds: -1 }, 'ttlSeconds: must not be negative'],
    // The test backend's catalog has no dataset.
    [
      {},
      'datasetRef: there is no dataset resource:default/clickstream-events in the catalog',
    ],
  ]);

  it('defines a view over a dataset, lists it, and refuses its name again', async () => {
    const { server } = await startBackend(AuthorizeResult.ALLOW, {
      entities: [clickstream],
    });
    const auth = mockCredentials.user.header(priya);
    const post = (path: string, headers: Record<string, string> = {}) =>
      request(server)
        .post(`/api/ai-platform${path}`)
        .set({ Authorization: auth, ...headers })
        .send(featureViewBody());

    const dry = await post('/feature-views?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({});

    const created = await post('/feature-views', { 'Idempotency-Key': 'k1' });
    expect(created.status).toBe(201);
    expect(created.body.featureView).toMatchObject({
      name: 'user_activity',
      datasetRef: 'resource:default/clickstream-events',
      createdBy: priya,
    });
    const retried = await post('/feature-views', { 'Idempotency-Key': 'k1' });
    expect(retried.status).toBe(201);
    expect(retried.body.featureView.id).toBe(created.body.featureView.id);

    const taken = await post('/feature-views');
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe(
      'name: a feature view named user_activity already exists',
    );

    const list = await request(server)
      .get('/api/ai-platform/feature-views')
      .set('Authorization', mockCredentials.service.header());
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([created.body.featureView]);
  });
});
