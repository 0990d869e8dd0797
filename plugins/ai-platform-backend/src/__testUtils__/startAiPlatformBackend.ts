import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuditorService,
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import { aiPlatformPlugin } from '../plugin';

export const priya = 'user:default/priya.raman';

export const cluster = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'cluster-a', namespace: 'default' },
  spec: {
    type: 'gpu-cluster',
    owner: 'group:default/ml-platform',
    gpuPools: [{ model: 'H100-SXM5-80GB', memoryGiB: 80, count: 64 }],
  },
};

/**
 * The plugin in a test backend: one 64-GPU cluster (and any other entities given) in the
 * catalog, requests without a token carry no credentials, every permission decided as given
 * except those named in `deny` (`<permission>` everywhere, or `<permission> <resourceRef>` for
 * one resource, e.g. another team), and Priya in the recsys team.
 */
export interface StartOptions {
  deny?: string[];
  entities?: Entity[];
  config?: JsonObject;
}

/** An auditor event as the test backend records it. */
export interface RecordedAuditEvent {
  eventId: string;
  meta?: JsonObject;
  outcome?: 'success' | 'fail';
}

export async function startBackend(
  permission: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  options: StartOptions = {},
) {
  const notifications = { send: jest.fn() };
  const auditEvents: RecordedAuditEvent[] = [];
  const auditor: AuditorService = {
    async createEvent({ eventId, meta }) {
      const event: RecordedAuditEvent = { eventId, meta };
      auditEvents.push(event);
      return {
        success: async () => {
          event.outcome = 'success';
        },
        fail: async () => {
          event.outcome = 'fail';
        },
      };
    },
  };
  const { server } = await startTestBackend({
    features: [
      aiPlatformPlugin,
      catalogServiceMock.factory({
        entities: [cluster, ...(options.entities ?? [])],
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(r => ({
            result:
              options.deny?.includes(r.permission.name) ||
              options.deny?.includes(`${r.permission.name} ${r.resourceRef}`)
                ? AuthorizeResult.DENY
                : permission,
          })),
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          aiPlatform: {
            ...options.config,
            pools: {
              schedule: { frequency: { minutes: 10 }, timeout: { minutes: 1 } },
            },
          },
        },
      }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () =>
          mockServices.userInfo({
            userEntityRef: priya,
            ownershipEntityRefs: [priya, 'group:default/recsys'],
          }),
      }),
      createServiceFactory({
        service: coreServices.auditor,
        deps: {},
        factory: () => auditor,
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => notifications,
      }),
    ],
  });
  // The pool sync runs at start-up; wait for the cluster's pool.
  for (let i = 0; i < 50; i++) {
    const pools = await request(server)
      .get('/api/ai-platform/pools')
      .set('Authorization', mockCredentials.user.header(priya));
    if (pools.body.items?.length) break;
    await new Promise(r => setTimeout(r, 100));
  }
  return { server, notifications, auditEvents };
}
