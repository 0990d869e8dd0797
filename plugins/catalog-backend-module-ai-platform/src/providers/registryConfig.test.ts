import { mockServices } from '@backstage/backend-test-utils';
import {
  readRegistryConfigs,
  REGISTRY_DEFAULT_SCHEDULE,
} from './registryConfig';

const KEY = 'aiPlatform.tool.registries';

function read(registries?: object[]) {
  const config = mockServices.rootConfig({
    data: registries ? { aiPlatform: { tool: { registries } } } : {},
  });
  return readRegistryConfigs(config, KEY, r => ({
    extra: r.getOptionalString('extra'),
  }));
}

describe('readRegistryConfigs', () => {
  it('reads nothing when unconfigured', () => {
    expect(read()).toEqual([]);
  });

  it('reads the common keys with their defaults, and the tool’s own keys', () => {
    const [plain, full] = read([
      { id: 'prod', baseUrl: 'http://registry:5000' },
      {
        id: 'research.eu-1',
        baseUrl: 'http://research:5000',
        token: 't',
        ownerTag: 'owner',
        defaultOwner: 'ml-platform',
        timeoutSeconds: 5,
        maxPages: 20.5,
        schedule: { frequency: { minutes: 1 }, timeout: { minutes: 1 } },
        extra: 'x',
      },
    ]);
    expect(plain).toEqual({
      id: 'prod',
      baseUrl: 'http://registry:5000',
      token: undefined,
      ownerTag: 'team',
      defaultOwner: undefined,
      timeoutMs: 30_000,
      maxPages: 100,
      schedule: REGISTRY_DEFAULT_SCHEDULE,
      extra: undefined,
    });
    expect(REGISTRY_DEFAULT_SCHEDULE.frequency).toEqual({ minutes: 10 });
    expect(full).toEqual({
      id: 'research.eu-1',
      baseUrl: 'http://research:5000',
      token: 't',
      ownerTag: 'owner',
      defaultOwner: 'group:default/ml-platform',
      timeoutMs: 5_000,
      maxPages: 20,
      schedule: { frequency: { minutes: 1 }, timeout: { minutes: 1 } },
      extra: 'x',
    });
  });

  it('takes a group or user ref as defaultOwner', () => {
    expect(
      read([{ id: 'a', baseUrl: 'http://a', defaultOwner: 'user:ml/jane' }])[0]
        .defaultOwner,
    ).toBe('user:ml/jane');
  });

  it('refuses a bad or duplicate id, a bad defaultOwner and numbers that are not positive', () => {
    expect(() =>
      read([
        { id: 'a', baseUrl: 'http://a' },
        { id: 'a', baseUrl: 'http://b' },
      ]),
    ).toThrow(`${KEY}: id "a" must be unique and made of letters`);
    expect(() => read([{ id: 'a b', baseUrl: 'http://a' }])).toThrow(
      `${KEY}: id "a b" must be unique`,
    );
    expect(() =>
      read([{ id: 'a', baseUrl: 'http://a', defaultOwner: 'component:x' }]),
    ).toThrow(
      `${KEY}[a].defaultOwner must be a group name or a group or user entity ref`,
    );
    expect(() => read([{ id: 'a', baseUrl: 'http://a', maxPages: 0 }])).toThrow(
      `${KEY}[a].maxPages must be greater than 0`,
    );
    expect(() =>
      read([{ id: 'a', baseUrl: 'http://a', timeoutSeconds: -1 }]),
    ).toThrow(`${KEY}[a].timeoutSeconds must be greater than 0`);
    expect(() => read([{ id: 'a' }])).toThrow(/baseUrl/);
  });
});
