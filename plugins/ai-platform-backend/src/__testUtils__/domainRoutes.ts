import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { connectAndMigrate } from '../database/migrate';
import { createDomains } from '../domains';
import { createRequestContext } from '../shared/RequestContext';

/** A route as a domain's router declares it, e.g. `POST /quotas/:id/approve`. */
export interface DomainRoute {
  method: string;
  path: string;
}

/** Every route the plugin's domains declare, read from their routers. */
export async function domainRoutes(
  databases: TestDatabases,
): Promise<DomainRoute[]> {
  const knex = await databases.init('SQLITE_3');
  const domains = createDomains(
    {
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
      auth: mockServices.auth(),
      catalog: catalogServiceMock(),
      notifications: { send: jest.fn() },
      db: await connectAndMigrate({ getClient: async () => knex }),
      http: createRequestContext({
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions(),
        userInfo: mockServices.userInfo(),
        auditor: mockServices.auditor.mock(),
      }),
    },
    { poolSources: [] },
  );
  return domains.flatMap(({ router }) =>
    (router?.stack ?? []).flatMap(layer => {
      const route = layer.route as
        | { path: string; methods: Record<string, boolean> }
        | undefined;
      return Object.keys(route?.methods ?? {}).map(method => ({
        method: method.toUpperCase(),
        path: route!.path,
      }));
    }),
  );
}

/** Whether a concrete path (query string allowed) is one a declared route serves. */
export function servesPath(route: DomainRoute, method: string, path: string) {
  const pattern = route.path.replace(/:[^/]+/g, '[^/]+');
  return (
    route.method === method.toUpperCase() &&
    new RegExp(`^${pattern}$`).test(path.split('?')[0])
  );
}
