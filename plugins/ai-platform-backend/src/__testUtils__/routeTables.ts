// A shared table of test cases: it declares tests, and is imported by each router's test.
/* eslint-disable jest/no-export */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { domainRoutes, servesPath } from './domainRoutes';
import { priya, startBackend, StartOptions } from './startAiPlatformBackend';

/** A route as the guard tests call it. */
export interface GuardedRoute {
  method: 'get' | 'post';
  /** Under `/api/ai-platform`. */
  path: string;
  /** The permission whose denial answers 403; none for routes that need identity only. */
  permission?: string;
  /** Other backend plugins may call it too (service tokens); otherwise users only. */
  services?: boolean;
  body?: string | object;
  contentType?: string;
}

/**
 * One table for every router's guards: each row is a route the domains declare; it answers 401
 * without credentials, refuses service tokens unless it takes them, and, where it names a
 * permission, answers 403 naming that permission to a user the policy denies.
 */
export function describeRouteGuards(
  routes: GuardedRoute[],
  options: StartOptions = {},
) {
  describe('guards', () => {
    const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
    let open: Awaited<ReturnType<typeof startBackend>>;
    let denied: Awaited<ReturnType<typeof startBackend>>;
    beforeAll(async () => {
      open = await startBackend(AuthorizeResult.ALLOW, options);
      denied = await startBackend(AuthorizeResult.DENY, options);
    });

    const call = (
      server: Awaited<ReturnType<typeof startBackend>>['server'],
      route: GuardedRoute,
      authorization?: string,
    ) => {
      let req = request(server)[route.method](`/api/ai-platform${route.path}`);
      if (authorization) req = req.set('Authorization', authorization);
      if (route.contentType) req = req.set('Content-Type', route.contentType);
      return route.body === undefined ? req : req.send(route.body);
    };

    it('names routes the domains declare', async () => {
      const declared = await domainRoutes(databases);
      const unknown = routes.filter(
        r => !declared.some(d => servesPath(d, r.method, r.path)),
      );
      expect(unknown).toEqual([]);
    });

    const userOnly = routes.filter(r => !r.services);
    if (userOnly.length) {
      it.each(userOnly.map(r => [r.method.toUpperCase(), r.path, r] as const))(
        '%s %s refuses service tokens',
        async (_method, _path, route) => {
          const res = await call(
            open.server,
            route,
            mockCredentials.service.header(),
          );
          expect(res.status).toBe(403);
          expect(res.body.error.message).toMatch(/service/);
        },
      );
    }

    it.each(routes.map(r => [r.method.toUpperCase(), r.path, r] as const))(
      '%s %s answers 401 without credentials',
      async (_method, _path, route) => {
        expect((await call(open.server, route)).status).toBe(401);
      },
    );

    const withPermission = routes.filter(r => r.permission);
    if (withPermission.length) {
      it.each(
        withPermission.map(
          r => [r.method.toUpperCase(), r.path, r.permission, r] as const,
        ),
      )(
        '%s %s answers 403 without %s',
        async (_method, _path, permission, route) => {
          const res = await call(
            denied.server,
            route,
            mockCredentials.user.header(priya),
          );
          expect(res.status).toBe(403);
          expect(res.body.error.message).toBe(
            `You do not have the ${permission} permission`,
          );
        },
      );
    }
  });
}

/**
 * One table for every router's input checks: each case's overrides of a good body answer 400
 * with a message that contains the given text (naming the field).
 */
export function describeInputErrors(
  path: string,
  body: (overrides: Record<string, unknown>) => object,
  cases: Array<[overrides: Record<string, unknown>, message: string]>,
) {
  let server: Awaited<ReturnType<typeof startBackend>>['server'];
  beforeAll(async () => {
    ({ server } = await startBackend(AuthorizeResult.ALLOW));
  });

  it.each(cases)(
    `POST ${path} refuses %j with a message naming the field`,
    async (overrides, message) => {
      const res = await request(server)
        .post(`/api/ai-platform${path}`)
        .set('Authorization', mockCredentials.user.header(priya))
        .send(body(overrides));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    },
  );
}
