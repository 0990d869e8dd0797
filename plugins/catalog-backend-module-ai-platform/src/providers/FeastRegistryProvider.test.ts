import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { resourceEntityV1alpha1Validator } from '@backstage/catalog-model';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AiPlatformEntityProcessor } from '../AiPlatformEntityProcessor';
import {
  providerHarness,
  refreshedOnce,
  refreshedThenBroken,
} from '../__testUtils__/registryProviders';
import { REGISTRY_DEFAULT_SCHEDULE } from './registryConfig';
import { RegistryEntityProviderOptions } from './RegistryEntityProvider';
import {
  FeastRegistryConfig,
  FeastRegistryProvider,
  readFeastRegistryConfigs,
} from './FeastRegistryProvider';

const baseUrl = 'http://feast-registry:6572';
const api = `${baseUrl}/api/v1`;
const TOKEN = 'feast-token-do-not-log';

type Item = Record<string, unknown>;

/** A registry as Feast's REST server holds it: each project's objects in proto3 JSON. */
interface Registry {
  projects: string[];
  entities?: Record<string, Item[]>;
  dataSources?: Record<string, Item[]>;
  featureViews?: Record<string, Item[]>;
}

const entity = (name: string): Item => ({
  spec: { name, valueType: 'INT64', joinKey: `${name}_id`, project: 'recsys' },
  meta: { createdTimestamp: '2026-11-01T10:00:00Z' },
});

const fileSource = (name: string, tags?: Record<string, string>): Item => ({
  type: 'BATCH_FILE',
  name,
  timestampField: 'event_timestamp',
  fileOptions: { uri: `s3://features/${name}.parquet` },
  ...(tags ? { tags } : {}),
});

function view(name: string, spec: Item = {}): Item {
  return {
    type: 'featureView',
    spec: {
      name,
      project: 'recsys',
      entities: ['user'],
      features: [
        { name: 'clicks_7d', valueType: 'INT64' },
        { name: 'ctr_7d', valueType: 'FLOAT' },
      ],
      tags: { team: 'recsys' },
      ttl: '86400s',
      batchSource: fileSource('user_events'),
      online: true,
      ...spec,
    },
    meta: {
      createdTimestamp: '2026-11-01T10:00:00Z',
      lastUpdatedTimestamp: '2026-11-02T10:00:00Z',
    },
  };
}

/**
 * One page of a list as the server answers it: `{ <key>: [...], pagination }`, the pagination
 * block in proto3 JSON (camelCase, zeros and false left out).
 */
function page(key: string, items: Item[], url: URL) {
  const number = Number(url.searchParams.get('page') ?? 1);
  const limit = Number(url.searchParams.get('limit') ?? items.length);
  const totalPages = Math.ceil(items.length / limit);
  const pagination: Record<string, unknown> = { page: number, limit };
  if (items.length) pagination.totalCount = items.length;
  if (totalPages) pagination.totalPages = totalPages;
  if (number < totalPages) pagination.hasNext = true;
  if (number > 1) pagination.hasPrevious = true;
  return HttpResponse.json({
    [key]: items.slice((number - 1) * limit, number * limit),
    pagination,
  });
}

describe('FeastRegistryProvider', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let requests: URL[];
  let authorizations: Array<string | null>;

  function serve(registry: Registry) {
    requests = [];
    authorizations = [];
    const list =
      (key: string, byProject: (project: string) => Item[]) =>
      ({ request }: { request: Request }) => {
        const url = new URL(request.url);
        requests.push(url);
        authorizations.push(request.headers.get('authorization'));
        if (request.headers.get('authorization') !== `Bearer ${TOKEN}`) {
          return HttpResponse.json(
            {
              status_code: 401,
              detail: 'Missing or invalid authentication token',
              error_type: 'HTTPException',
            },
            { status: 401 },
          );
        }
        return page(key, byProject(url.searchParams.get('project') ?? ''), url);
      };
    server.use(
      http.get(
        `${api}/projects`,
        list('projects', () =>
          registry.projects.map(name => ({
            spec: { name, description: `The ${name} project` },
            meta: { createdTimestamp: '2026-11-01T10:00:00Z' },
          })),
        ),
      ),
      http.get(
        `${api}/entities`,
        list('entities', p => registry.entities?.[p] ?? []),
      ),
      http.get(
        `${api}/data_sources`,
        list('dataSources', p => registry.dataSources?.[p] ?? []),
      ),
      http.get(
        `${api}/feature_views`,
        list('featureViews', p => registry.featureViews?.[p] ?? []),
      ),
    );
  }

  const makeProvider =
    (overrides: Partial<FeastRegistryConfig>) =>
    (options: RegistryEntityProviderOptions) =>
      new FeastRegistryProvider(
        {
          id: 'prod',
          baseUrl,
          token: TOKEN,
          ownerTag: 'team',
          datasetTag: 'dataset',
          timeoutMs: 2_000,
          maxPages: 100,
          schedule: REGISTRY_DEFAULT_SCHEDULE,
          ...overrides,
        },
        options,
      );

  const createProvider = (overrides: Partial<FeastRegistryConfig> = {}) =>
    providerHarness(makeProvider(overrides));

  const run = (overrides: Partial<FeastRegistryConfig> = {}) =>
    refreshedOnce(makeProvider(overrides));

  const recsys: Registry = {
    projects: ['recsys'],
    entities: { recsys: [entity('user'), entity('item')] },
    dataSources: {
      recsys: [fileSource('user_events', { dataset: 'user-events' })],
    },
    featureViews: {
      recsys: [
        view('user_features', {
          description: 'Engagement of each user over the last week',
        }),
        view('user_item_features', {
          entities: ['user', 'item'],
          tags: { team: 'ranking' },
          ttl: '0s',
        }),
      ],
    },
  };

  it('lists projects, entities, data sources and feature views with the token and emits one Resource per view', async () => {
    serve(recsys);
    const { connection, applied } = await run();

    expect(requests.map(u => `${u.pathname}${u.search}`)).toEqual(
      expect.arrayContaining([
        '/api/v1/projects?page=1&limit=100',
        '/api/v1/entities?project=recsys&page=1&limit=100',
        '/api/v1/data_sources?project=recsys&page=1&limit=100',
        '/api/v1/feature_views?project=recsys&page=1&limit=100',
      ]),
    );
    expect(requests).toHaveLength(4);
    expect(new Set(authorizations)).toEqual(new Set([`Bearer ${TOKEN}`]));
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: expect.arrayContaining([
        expect.objectContaining({
          locationKey: 'feast-registry-provider:prod',
        }),
      ]),
    });
    expect(applied).toEqual([
      [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: 'recsys-user_features',
            namespace: 'default',
            title: 'user_features',
            description: 'Engagement of each user over the last week',
            annotations: {
              'backstage.io/managed-by-location':
                'feast-registry-provider:prod:recsys/user_features',
              'backstage.io/managed-by-origin-location':
                'feast-registry-provider:prod:recsys/user_features',
              'ai-platform.io/feast-project': 'recsys',
              'ai-platform.io/feast-registry': 'prod',
              'ai-platform.io/feast-feature-view': 'user_features',
            },
          },
          spec: {
            type: 'feature-view',
            owner: 'group:default/recsys',
            entities: ['user'],
            features: [
              { name: 'clicks_7d', dtype: 'Int64' },
              { name: 'ctr_7d', dtype: 'Float32' },
            ],
            ttlSeconds: 86400,
            dependsOn: ['resource:default/user-events'],
          },
        },
        expect.objectContaining({
          metadata: expect.objectContaining({
            name: 'recsys-user_item_features',
          }),
          spec: expect.objectContaining({
            owner: 'group:default/ranking',
            entities: ['user', 'item'],
            // Feast's 0 s TTL: the values never expire.
            ttlSeconds: 0,
          }),
        }),
      ],
    ]);
  });

  it('makes entities the AiPlatformEntityProcessor and the Resource kind accept', async () => {
    serve(recsys);
    const { applied } = await run();
    const processor = new AiPlatformEntityProcessor();
    expect(applied[0]).toHaveLength(2);
    for (const e of applied[0]) {
      await expect(processor.preProcessEntity(e)).resolves.toBe(e);
      await expect(resourceEntityV1alpha1Validator.check(e)).resolves.toBe(
        true,
      );
    }
  });

  it('follows the pages of every list to the end', async () => {
    const views = Array.from({ length: 230 }, (_, i) =>
      view(`view_${String(i).padStart(3, '0')}`),
    );
    serve({
      projects: ['recsys'],
      entities: { recsys: [entity('user')] },
      featureViews: { recsys: views },
    });
    const { applied } = await run();

    const viewPages = requests
      .filter(u => u.pathname === '/api/v1/feature_views')
      .map(u => [u.searchParams.get('page'), u.searchParams.get('limit')]);
    expect(viewPages).toEqual([
      ['1', '100'],
      ['2', '100'],
      ['3', '100'],
    ]);
    expect(applied[0]).toHaveLength(230);
    expect(applied[0][229].metadata.name).toBe('recsys-view_229');
  });

  it('reads only the configured project', async () => {
    serve({ ...recsys, projects: ['recsys', 'ads'] });
    const { applied } = await run({ project: 'recsys' });
    expect(requests.some(u => u.pathname === '/api/v1/projects')).toBe(false);
    expect(applied[0]).toHaveLength(2);
  });

  it("maps owners from the owner tag, then a ref in Feast's owner, then defaultOwner, and leaves out views with none", async () => {
    const registry: Registry = {
      projects: ['recsys'],
      entities: { recsys: [entity('user')] },
      featureViews: {
        recsys: [
          view('tagged', { tags: { squad: 'search' } }),
          view('untagged', { tags: {}, owner: 'jane@example.com' }),
          view('bad_tag', { tags: { squad: 'Search Team' } }),
          // As the portal's feature-view template writes Feast's owner.
          view('owner_ref', { tags: {}, owner: 'group:default/fraud' }),
        ],
      },
    };
    serve(registry);
    const withoutDefault = await run({ ownerTag: 'squad' });
    expect(
      withoutDefault.applied[0].map(e => [e.metadata.title, e.spec?.owner]),
    ).toEqual([
      ['tagged', 'group:default/search'],
      ['owner_ref', 'group:default/fraud'],
    ]);
    expect(withoutDefault.logs('warn')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /feature view recsys\/untagged left out, it has no owner: no valid squad tag, no group or user ref in owner and no defaultOwner/,
        ),
        expect.stringMatching(
          /feature view recsys\/bad_tag: tag squad="Search Team" is not a group name/,
        ),
      ]),
    );

    serve(registry);
    const withDefault = await run({
      ownerTag: 'squad',
      defaultOwner: 'group:default/ml-platform',
    });
    expect(
      withDefault.applied[0].map(e => [e.metadata.title, e.spec?.owner]),
    ).toEqual([
      ['tagged', 'group:default/search'],
      ['untagged', 'group:default/ml-platform'],
      ['bad_tag', 'group:default/ml-platform'],
      ['owner_ref', 'group:default/fraud'],
    ]);
  });

  it('reports a value type without a dtype, naming the view and field, and leaves the feature out', async () => {
    serve({
      projects: ['recsys'],
      entities: { recsys: [entity('user')] },
      featureViews: {
        recsys: [
          view('driver_stats', {
            features: [
              { name: 'conv_rate', valueType: 'FLOAT' },
              { name: 'avg_trips', valueType: 'INT64_LIST' },
              { name: 'driver_metadata', valueType: 'MAP' },
              { name: 'seen_at', valueType: 'UNIX_TIMESTAMP_LIST' },
              // proto3 JSON leaves INVALID (0) out.
              { name: 'untyped' },
            ],
          }),
          view('only_maps', {
            features: [{ name: 'profile', valueType: 'MAP' }],
          }),
        ],
      },
    });
    const { applied, logs } = await run();

    expect(applied[0]).toHaveLength(1);
    expect(applied[0][0].spec?.features).toEqual([
      { name: 'conv_rate', dtype: 'Float32' },
      { name: 'avg_trips', dtype: 'Int64List' },
    ]);
    expect(logs('warn')).toEqual(
      expect.arrayContaining([
        'Feast registry prod, feature view recsys/driver_stats: feature driver_metadata left out: value type "MAP" has no catalog dtype',
        'Feast registry prod, feature view recsys/driver_stats: feature seen_at left out: value type "UNIX_TIMESTAMP_LIST" has no catalog dtype',
        'Feast registry prod, feature view recsys/driver_stats: feature untyped left out: value type "INVALID" has no catalog dtype',
        'Feast registry prod: feature view recsys/only_maps left out, none of its features has a catalog dtype',
      ]),
    );
  });

  it("leaves out on-demand views and Feast's dummy entity", async () => {
    serve({
      projects: ['recsys'],
      entities: { recsys: [entity('user'), entity('__dummy')] },
      featureViews: {
        recsys: [
          view('global_stats', { entities: ['__dummy'] }),
          {
            type: 'onDemandFeatureView',
            spec: { name: 'transformed_rate', features: [] },
          },
          { ...view('stream_stats'), type: 'streamFeatureView' },
        ],
      },
    });
    const { applied, logs } = await run();
    expect(applied[0].map(e => e.metadata.title)).toEqual(['stream_stats']);
    expect(logs('warn')).toContain(
      'Feast registry prod: feature view recsys/global_stats left out, it has no entity',
    );
  });

  it('leaves views defined in the portal to the entity the portal keeps for them', async () => {
    serve({
      projects: ['recsys'],
      entities: { recsys: [entity('user')] },
      featureViews: {
        recsys: [
          view('from_feast'),
          view('from_portal', {
            tags: {
              team: 'recsys',
              'ai-platform.io/entity-ref': 'resource:default/from_portal',
            },
          }),
        ],
      },
    });
    const { applied } = await run();
    expect(applied[0].map(e => e.metadata.title)).toEqual(['from_feast']);
  });

  it('applies an empty set for an empty registry', async () => {
    serve({ projects: [] });
    const { connection } = await run();
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [],
    });
  });

  it('keeps the last good set and logs why when the registry answers 500', async () => {
    serve(recsys);
    const { connection, logger } = await refreshedThenBroken(
      createProvider(),
      () =>
        server.use(
          http.get(`${api}/feature_views`, () =>
            HttpResponse.json(
              {
                status_code: 500,
                detail: 'Internal server error',
                error_type: 'InternalServerError',
              },
              { status: 500 },
            ),
          ),
        ),
    );
    // The second run applied nothing: the catalog keeps the first run's set.
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      'Feast registry prod not read, its feature views stay as they were: GET /feature_views?project=recsys&page=1&limit=100 answered 500 Internal Server Error: "Internal server error"',
    );
  });

  it('logs a 401 without the token and applies nothing', async () => {
    serve(recsys);
    const { connection, logs, everything } = await run({
      token: 'wrong-token',
    });
    expect(authorizations[0]).toBe('Bearer wrong-token');
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logs('error')).toEqual([
      expect.stringContaining(
        'GET /projects?page=1&limit=100 answered 401 Unauthorized: "Missing or invalid authentication token"',
      ),
    ]);
    expect(everything()).not.toContain('wrong-token');
    expect(everything()).not.toContain(TOKEN);
  });

  it('gives up on a registry that does not answer in time', async () => {
    server.use(
      http.get(`${api}/projects`, async () => {
        await delay(1_000);
        return HttpResponse.json({ projects: [] });
      }),
    );
    const { connection, logs } = await run({ timeoutMs: 50 });
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logs('error')).toEqual([
      'Feast registry prod not read, its feature views stay as they were: GET /projects?page=1&limit=100 failed: no answer within 0.05 s',
    ]);
  });

  it('fails a registry that is not reachable', async () => {
    server.use(http.get(`${api}/projects`, () => HttpResponse.error()));
    const { connection, logs } = await run();
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logs('error')[0]).toMatch(/GET \/projects\?page=1&limit=100 failed/);
  });

  it('stops at the page cap instead of looping, and applies nothing', async () => {
    server.use(
      http.get(`${api}/projects`, ({ request }) => {
        const number = Number(new URL(request.url).searchParams.get('page'));
        requests.push(new URL(request.url));
        return HttpResponse.json({
          projects: [{ spec: { name: `p${number}` } }],
          pagination: { page: number, limit: 100, hasNext: true },
        });
      }),
    );
    requests = [];
    const { connection, logs } = await run({ maxPages: 3 });
    expect(requests).toHaveLength(3);
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logs('error')[0]).toMatch(
      /GET \/projects has more than 3 pages of 100; raise maxPages/,
    );
  });

  it('fails a list answered without its items', async () => {
    server.use(
      http.get(`${api}/projects`, () =>
        HttpResponse.json({ error: 'registry unavailable' }),
      ),
    );
    const { connection, logs } = await run();
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logs('error')[0]).toMatch(
      /GET \/projects answered without a projects list: registry unavailable/,
    );
  });
});

describe('readFeastRegistryConfigs', () => {
  it('reads nothing when unconfigured', () => {
    expect(readFeastRegistryConfigs(mockServices.rootConfig())).toEqual([]);
  });

  it("reads Feast's own keys with their defaults (the common keys: registryConfig.test.ts)", () => {
    const config = mockServices.rootConfig({
      data: {
        aiPlatform: {
          feast: {
            registries: [
              { id: 'prod', baseUrl: 'http://feast-registry:6572' },
              {
                id: 'staging',
                baseUrl: 'http://feast-staging:6572/api/v1',
                project: 'recsys',
                datasetTag: 'source',
              },
            ],
          },
        },
      },
    });
    const [prod, staging] = readFeastRegistryConfigs(config);
    expect(prod).toMatchObject({
      id: 'prod',
      project: undefined,
      datasetTag: 'dataset',
      ownerTag: 'team',
    });
    expect(staging).toMatchObject({ project: 'recsys', datasetTag: 'source' });
  });
});
