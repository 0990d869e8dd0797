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
import {
  MlflowRegistryConfig,
  MlflowRegistryProvider,
  readMlflowRegistryConfigs,
} from './MlflowRegistryProvider';
import { REGISTRY_DEFAULT_SCHEDULE } from './registryConfig';
import { RegistryEntityProviderOptions } from './RegistryEntityProvider';

const baseUrl = 'http://mlflow:5000';
const SEARCH = `${baseUrl}/api/2.0/mlflow/registered-models/search`;
const TOKEN = 'mlflow-token-do-not-log';

type Item = Record<string, unknown>;

/** A ModelVersion as MLflow's JSON writes it (snake_case, int64 timestamps as numbers). */
function version(
  name: string,
  number: string,
  stage = 'None',
  aliases: string[] = [],
): Item {
  return {
    name,
    version: number,
    creation_timestamp: 1764000000000,
    last_updated_timestamp: 1764100000000,
    current_stage: stage,
    description: '',
    source: `mlflow-artifacts:/1/${number}/artifacts/model`,
    run_id: `run${number}`,
    status: 'READY',
    ...(aliases.length ? { aliases } : {}),
  };
}

/** A RegisteredModel: owned by recsys, version 3 in Production with alias champion. */
function model(name: string, extra: Item = {}): Item {
  return {
    name,
    creation_timestamp: 1764000000000,
    last_updated_timestamp: 1764100000000,
    latest_versions: [version(name, '3', 'Production', ['champion'])],
    tags: [{ key: 'team', value: 'recsys' }],
    aliases: [{ alias: 'champion', version: '3' }],
    ...extra,
  };
}

/** MLflow's page tokens: base64 of `{"offset": n}`, as its SQL store makes them. */
const pageToken = (offset: number) =>
  Buffer.from(JSON.stringify({ offset })).toString('base64');
const offsetOf = (token: string | null) =>
  token ? JSON.parse(Buffer.from(token, 'base64').toString()).offset : 0;

describe('MlflowRegistryProvider', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let requests: URL[];
  let authorizations: Array<string | null>;

  /** MLflow's SearchRegisteredModels over `models`, with a Bearer token required. */
  function serve(models: Item[]) {
    requests = [];
    authorizations = [];
    server.use(
      http.get(SEARCH, ({ request }) => {
        const url = new URL(request.url);
        requests.push(url);
        authorizations.push(request.headers.get('authorization'));
        if (request.headers.get('authorization') !== `Bearer ${TOKEN}`) {
          return HttpResponse.json(
            {
              error_code: 'UNAUTHENTICATED',
              message: `Invalid token ${
                request.headers.get('authorization') ?? ''
              }`,
            },
            { status: 401 },
          );
        }
        const size = Number(url.searchParams.get('max_results') ?? 100);
        const offset = offsetOf(url.searchParams.get('page_token'));
        const page = models.slice(offset, offset + size);
        // proto JSON leaves out an empty repeated field and an unset token.
        return HttpResponse.json({
          ...(page.length ? { registered_models: page } : {}),
          ...(offset + size < models.length
            ? { next_page_token: pageToken(offset + size) }
            : {}),
        });
      }),
    );
  }

  const makeProvider =
    (overrides: Partial<MlflowRegistryConfig>) =>
    (options: RegistryEntityProviderOptions) =>
      new MlflowRegistryProvider(
        {
          id: 'prod',
          baseUrl,
          token: TOKEN,
          ownerTag: 'team',
          timeoutMs: 2_000,
          maxPages: 100,
          schedule: REGISTRY_DEFAULT_SCHEDULE,
          ...overrides,
        },
        options,
      );

  const createProvider = (overrides: Partial<MlflowRegistryConfig> = {}) =>
    providerHarness(makeProvider(overrides));

  const run = (overrides: Partial<MlflowRegistryConfig> = {}) =>
    refreshedOnce(makeProvider(overrides));

  const registry = [
    model('fraud-detector', {
      description: 'Scores card transactions for fraud',
      latest_versions: [
        version('fraud-detector', '4', 'Staging', ['challenger']),
        version('fraud-detector', '3', 'Production', ['champion']),
        version('fraud-detector', '5'),
      ],
      tags: [
        { key: 'team', value: 'risk' },
        { key: 'risk_class', value: 'high' },
      ],
      aliases: [
        { alias: 'champion', version: '3' },
        { alias: 'challenger', version: '4' },
      ],
    }),
    model('churn'),
  ];

  it('searches the registry with the token and emits one ai-model Resource per registered model', async () => {
    serve(registry);
    const { connection, applied, logs } = await run();

    expect(requests.map(u => `${u.pathname}?${u.searchParams}`)).toEqual([
      '/api/2.0/mlflow/registered-models/search?max_results=100&order_by=name+ASC',
    ]);
    expect(authorizations).toEqual([`Bearer ${TOKEN}`]);
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        expect.objectContaining({
          locationKey: 'mlflow-registry-provider:prod',
        }),
        expect.objectContaining({
          locationKey: 'mlflow-registry-provider:prod',
        }),
      ],
    });
    expect(applied[0][0]).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'mlflow-fraud-detector',
        namespace: 'default',
        title: 'fraud-detector',
        description: 'Scores card transactions for fraud',
        annotations: {
          'backstage.io/managed-by-location':
            'mlflow-registry-provider:prod:fraud-detector',
          'backstage.io/managed-by-origin-location':
            'mlflow-registry-provider:prod:fraud-detector',
          'ai-platform.io/registered-model': 'fraud-detector',
          'ai-platform.io/mlflow-registry': 'prod',
          'ai-platform.io/risk-level': 'high',
          'ai-platform.io/mlflow-latest-versions':
            '3 (Production), 4 (Staging), 5',
          'ai-platform.io/mlflow-aliases': 'challenger=4, champion=3',
        },
      },
      spec: { type: 'ai-model', owner: 'group:default/risk' },
    });
    expect(applied[0][1]).toMatchObject({
      metadata: {
        name: 'mlflow-churn',
        title: 'churn',
        annotations: {
          'ai-platform.io/mlflow-latest-versions': '3 (Production)',
          'ai-platform.io/mlflow-aliases': 'champion=3',
        },
      },
      spec: { owner: 'group:default/recsys' },
    });
    expect(applied[0][1].metadata).not.toHaveProperty('description');
    expect(applied[0][1].metadata.annotations).not.toHaveProperty(
      'ai-platform.io/risk-level',
    );
    expect(logs('info')).toEqual([
      "MLflow registry prod: 2 of 2 registered models in the catalog, 0 left to the portal's entities, 0 left out",
    ]);
  });

  it('makes entities the AiPlatformEntityProcessor and the Resource kind accept', async () => {
    serve([
      ...registry,
      model('Fraud Detector (EU) / v2', {
        tags: [
          { key: 'team', value: 'user:default/jane' },
          { key: 'risk_class', value: 'Limited' },
        ],
      }),
    ]);
    const { applied } = await run();
    const processor = new AiPlatformEntityProcessor();
    expect(applied[0]).toHaveLength(3);
    for (const e of applied[0]) {
      await expect(processor.preProcessEntity(e)).resolves.toBe(e);
      await expect(resourceEntityV1alpha1Validator.check(e)).resolves.toBe(
        true,
      );
    }
  });

  it('follows next_page_token to the end, 100 models a page', async () => {
    const models = Array.from({ length: 230 }, (_, i) =>
      model(`model-${String(i).padStart(3, '0')}`),
    );
    serve(models);
    const { applied } = await run();

    expect(
      requests.map(u => [
        u.searchParams.get('max_results'),
        offsetOf(u.searchParams.get('page_token')),
      ]),
    ).toEqual([
      ['100', 0],
      ['100', 100],
      ['100', 200],
    ]);
    expect(requests[0].searchParams.has('page_token')).toBe(false);
    expect(applied[0]).toHaveLength(230);
    expect(applied[0][229].metadata.name).toBe('mlflow-model-229');
  });

  it('passes the configured filter to the search', async () => {
    serve(registry);
    await run({ filter: "name LIKE 'fraud-%'" });
    expect(requests[0].searchParams.get('filter')).toBe("name LIKE 'fraud-%'");
  });

  it('reads the owner tag (a group name or a ref), then defaultOwner, and leaves out a model with neither, naming it', async () => {
    const owners = [
      model('tagged', { tags: [{ key: 'squad', value: 'search' }] }),
      model('user-ref', {
        tags: [{ key: 'squad', value: 'user:default/jane' }],
      }),
      model('group-ref', {
        tags: [{ key: 'squad', value: 'group:ml/fraud' }],
      }),
      model('untagged', { tags: [{ key: 'team', value: 'recsys' }] }),
      model('bad-tag', { tags: [{ key: 'squad', value: 'Search Team' }] }),
    ];
    serve(owners);
    const withoutDefault = await run({ ownerTag: 'squad' });
    expect(
      withoutDefault.applied[0].map(e => [e.metadata.title, e.spec?.owner]),
    ).toEqual([
      ['tagged', 'group:default/search'],
      ['user-ref', 'user:default/jane'],
      ['group-ref', 'group:ml/fraud'],
    ]);
    expect(withoutDefault.logs('warn')).toEqual([
      'MLflow registry prod: model "untagged" left out, it has no owner: no valid squad tag and no defaultOwner configured',
      'MLflow registry prod, model "bad-tag": tag squad="Search Team" is not a group name or ref',
      'MLflow registry prod: model "bad-tag" left out, it has no owner: no valid squad tag and no defaultOwner configured',
    ]);
    expect(withoutDefault.logs('info')[0]).toMatch(
      /3 of 5 registered models in the catalog, 0 left to the portal's entities, 2 left out/,
    );

    serve(owners);
    const withDefault = await run({
      ownerTag: 'squad',
      defaultOwner: 'group:default/ml-platform',
    });
    expect(
      withDefault.applied[0].map(e => [e.metadata.title, e.spec?.owner]),
    ).toEqual([
      ['tagged', 'group:default/search'],
      ['user-ref', 'user:default/jane'],
      ['group-ref', 'group:ml/fraud'],
      ['untagged', 'group:default/ml-platform'],
      ['bad-tag', 'group:default/ml-platform'],
    ]);
  });

  it('sets the risk level from a valid risk_class tag and reports an invalid one, leaving it out', async () => {
    serve([
      model('minimal', { tags: [{ key: 'risk_class', value: 'minimal' }] }),
      model('spaced', { tags: [{ key: 'risk_class', value: ' High ' }] }),
      model('prohibited', {
        tags: [{ key: 'risk_class', value: 'unacceptable' }],
      }),
      model('severe', { tags: [{ key: 'risk_class', value: 'severe' }] }),
      model('empty', { tags: [{ key: 'risk_class' }] }),
    ]);
    const { applied, logs } = await run({
      defaultOwner: 'group:default/ml-platform',
    });
    expect(
      applied[0].map(e => [
        e.metadata.title,
        e.metadata.annotations?.['ai-platform.io/risk-level'],
      ]),
    ).toEqual([
      ['minimal', 'minimal'],
      ['spaced', 'high'],
      ['prohibited', 'unacceptable'],
      ['severe', undefined],
      ['empty', undefined],
    ]);
    expect(logs('warn')).toEqual([
      'MLflow registry prod, model "severe": tag risk_class="severe" is not one of minimal, limited, high, unacceptable; no risk level set',
      'MLflow registry prod, model "empty": tag risk_class="" is not one of minimal, limited, high, unacceptable; no risk level set',
    ]);
  });

  it('summarises latest versions and aliases, and leaves both out of a model with neither', async () => {
    serve([
      model('staged', {
        latest_versions: [
          version('staged', '12', 'Archived'),
          version('staged', '9', 'Production'),
          version('staged', '11', 'Staging'),
          version('staged', '13'),
        ],
        aliases: [{ alias: 'prod', version: '9' }],
      }),
      // A model without versions: MLflow leaves the repeated fields out.
      { name: 'new-model', tags: [{ key: 'team', value: 'recsys' }] },
    ]);
    const { applied } = await run();
    expect(applied[0][0].metadata.annotations).toMatchObject({
      'ai-platform.io/mlflow-latest-versions':
        '9 (Production), 11 (Staging), 12 (Archived), 13',
      'ai-platform.io/mlflow-aliases': 'prod=9',
    });
    expect(Object.keys(applied[0][1].metadata.annotations ?? {})).toEqual([
      'backstage.io/managed-by-location',
      'backstage.io/managed-by-origin-location',
      'ai-platform.io/registered-model',
      'ai-platform.io/mlflow-registry',
    ]);
  });

  it('leaves models registered through the portal to the entity the portal keeps for them', async () => {
    serve([
      model('from-mlflow'),
      model('from-portal', {
        tags: [
          { key: 'team', value: 'recsys' },
          {
            key: 'ai-platform.io/entity-ref',
            value: 'resource:default/from-portal',
          },
        ],
      }),
    ]);
    const { applied, logs } = await run();
    expect(applied[0].map(e => e.metadata.title)).toEqual(['from-mlflow']);
    expect(logs('info')).toEqual([
      "MLflow registry prod: 1 of 2 registered models in the catalog, 1 left to the portal's entities, 0 left out",
    ]);
  });

  it('gives names MLflow allows and the catalog does not a valid, stable name, and keeps a name the catalog sees twice once', async () => {
    serve([
      model('Fraud Detector (EU) / v2'),
      model('churn'),
      model('Churn'),
      model('x'.repeat(80)),
    ]);
    const { applied, logs } = await run();
    const names = applied[0].map(e => e.metadata.name);
    expect(names[0]).toMatch(/^mlflow-Fraud-Detector-EU-v2-[0-9a-f]{8}$/);
    expect(names[1]).toBe('mlflow-churn');
    expect(names[2]).toHaveLength(63);
    expect(names).toHaveLength(3);
    expect(applied[0][0].metadata.title).toBe('Fraud Detector (EU) / v2');
    expect(logs('warn')).toEqual([
      'MLflow registry prod: model "Churn" left out, another of its models already has the entity name mlflow-Churn',
    ]);

    serve([model('Fraud Detector (EU) / v2')]);
    const again = await run();
    expect(again.applied[0][0].metadata.name).toBe(names[0]);
  });

  it('applies an empty set for an empty registry', async () => {
    serve([]);
    const { connection, logs } = await run();
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [],
    });
    expect(logs('error')).toEqual([]);
  });

  it('keeps the last good set and logs why when MLflow answers 500', async () => {
    serve(registry);
    const { connection, logger } = await refreshedThenBroken(
      createProvider(),
      () =>
        server.use(
          http.get(SEARCH, () =>
            HttpResponse.json(
              {
                error_code: 'INTERNAL_ERROR',
                message: 'database is locked',
              },
              { status: 500 },
            ),
          ),
        ),
    );
    // The second run applied nothing: the catalog keeps the first run's set.
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      'MLflow registry prod not read, its models stay as they were: GET /api/2.0/mlflow/registered-models/search (page 1) answered 500 Internal Server Error: INTERNAL_ERROR: database is locked',
    );
  });

  it('keeps the last good set when a later page fails', async () => {
    const models = Array.from({ length: 150 }, (_, i) => model(`m-${i}`));
    serve(models);
    server.use(
      http.get(SEARCH, ({ request }) =>
        new URL(request.url).searchParams.has('page_token')
          ? HttpResponse.json(
              { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'try later' },
              { status: 503 },
            )
          : undefined,
      ),
    );
    const { connection, logs } = await run();
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logs('error')[0]).toMatch(
      /\(page 2\) answered 503 Service Unavailable: TEMPORARILY_UNAVAILABLE: try later$/,
    );
  });

  it('logs a 401 without the token, even when MLflow echoes it, and applies nothing', async () => {
    serve(registry);
    const { connection, logs, everything } = await run({
      token: 'wrong-token',
    });
    expect(authorizations).toEqual(['Bearer wrong-token']);
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logs('error')).toEqual([
      'MLflow registry prod not read, its models stay as they were: GET /api/2.0/mlflow/registered-models/search (page 1) answered 401 Unauthorized: UNAUTHENTICATED: Invalid token Bearer ***',
    ]);
    expect(everything()).not.toContain('wrong-token');
    expect(everything()).not.toContain(TOKEN);
  });

  it('sends no Authorization header without a token', async () => {
    serve(registry);
    const { connection } = await run({ token: undefined });
    expect(authorizations).toEqual([null]);
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('gives up on a registry that does not answer in time', async () => {
    server.use(
      http.get(SEARCH, async () => {
        await delay(1_000);
        return HttpResponse.json({});
      }),
    );
    const { connection, logs } = await run({ timeoutMs: 50 });
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logs('error')).toEqual([
      'MLflow registry prod not read, its models stay as they were: GET /api/2.0/mlflow/registered-models/search (page 1) failed: no answer within 0.05 s',
    ]);
  });

  it('fails a registry that is not reachable', async () => {
    server.use(http.get(SEARCH, () => HttpResponse.error()));
    const { connection, logs } = await run();
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logs('error')[0]).toMatch(
      /search \(page 1\) failed: Failed to fetch/,
    );
  });

  it('refuses an answer that is not JSON, such as a login page', async () => {
    server.use(
      http.get(SEARCH, () => HttpResponse.text('<html>Sign in</html>')),
    );
    const { connection, logs } = await run();
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logs('error')[0]).toMatch(/\(page 1\) answered 200 without JSON/);
  });

  it('stops at the page cap instead of reading on, and applies nothing', async () => {
    requests = [];
    server.use(
      http.get(SEARCH, ({ request }) => {
        const url = new URL(request.url);
        requests.push(url);
        const offset = offsetOf(url.searchParams.get('page_token'));
        return HttpResponse.json({
          registered_models: [model(`m-${offset}`)],
          next_page_token: pageToken(offset + 1),
        });
      }),
    );
    const { connection, logs } = await run({ maxPages: 3 });
    expect(requests).toHaveLength(3);
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logs('error')).toEqual([
      'MLflow registry prod not read, its models stay as they were: GET /api/2.0/mlflow/registered-models/search has more than 3 pages of 100; raise maxPages',
    ]);
  });

  it('fails a registry that gives the same page token twice instead of looping', async () => {
    requests = [];
    server.use(
      http.get(SEARCH, ({ request }) => {
        requests.push(new URL(request.url));
        return HttpResponse.json({
          registered_models: [model('looping')],
          next_page_token: pageToken(100),
        });
      }),
    );
    const { connection, logs } = await run();
    expect(requests).toHaveLength(2);
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logs('error')).toEqual([
      'MLflow registry prod not read, its models stay as they were: GET /api/2.0/mlflow/registered-models/search page 3 would repeat an earlier page (the server gave the same page token twice)',
    ]);
  });

  it('reads a model that moved to the next page while the pages were read once', async () => {
    server.use(
      http.get(SEARCH, ({ request }) =>
        new URL(request.url).searchParams.has('page_token')
          ? HttpResponse.json({ registered_models: [model('b'), model('c')] })
          : HttpResponse.json({
              registered_models: [model('a'), model('b')],
              next_page_token: pageToken(2),
            }),
      ),
    );
    const { applied, logs } = await run();
    expect(applied[0].map(e => e.metadata.title)).toEqual(['a', 'b', 'c']);
    expect(logs('warn')).toEqual([]);
  });

  it('takes the base URL with or without the /api/2.0 prefix', async () => {
    serve(registry);
    const { connection } = await run({ baseUrl: `${baseUrl}/api/2.0/` });
    expect(requests).toHaveLength(1);
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
  });
});

describe('readMlflowRegistryConfigs', () => {
  it("reads nothing when unconfigured, nor from the backend plugin's aiPlatform.mlflow.baseUrl", () => {
    expect(readMlflowRegistryConfigs(mockServices.rootConfig())).toEqual([]);
    expect(
      readMlflowRegistryConfigs(
        mockServices.rootConfig({
          data: { aiPlatform: { mlflow: { baseUrl: 'http://mlflow:5000' } } },
        }),
      ),
    ).toEqual([]);
  });

  it("reads MLflow's registries beside the backend plugin's baseUrl, with their filter (the common keys: registryConfig.test.ts)", () => {
    const config = mockServices.rootConfig({
      data: {
        aiPlatform: {
          mlflow: {
            baseUrl: 'http://mlflow-writes:5000',
            registries: [
              { id: 'prod', baseUrl: 'http://mlflow:5000' },
              {
                id: 'research',
                baseUrl: 'http://mlflow-research:5000',
                filter: "tags.stage = 'ready'",
              },
            ],
          },
        },
      },
    });
    const [prod, research] = readMlflowRegistryConfigs(config);
    expect(prod).toMatchObject({
      id: 'prod',
      baseUrl: 'http://mlflow:5000',
      ownerTag: 'team',
      filter: undefined,
      schedule: REGISTRY_DEFAULT_SCHEDULE,
    });
    expect(research).toMatchObject({
      id: 'research',
      filter: "tags.stage = 'ready'",
    });
  });
});
