import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createFabricSources } from '.';
import { readFabricSourcesConfig } from './config';

const read = (fabric?: object) =>
  readFabricSourcesConfig(new ConfigReader({ aiPlatform: { fabric } }));

describe('createFabricSources', () => {
  const logger = mockServices.logger.mock();

  it('has no sources without config', () => {
    expect(createFabricSources(new ConfigReader({}), logger)).toEqual([]);
    expect(
      createFabricSources(
        new ConfigReader({ aiPlatform: { fabric: { staleAfterMinutes: 5 } } }),
        logger,
      ),
    ).toEqual([]);
  });

  it('makes Prometheus, UFM and one source per Kubernetes cluster', () => {
    const sources = createFabricSources(
      new ConfigReader({
        aiPlatform: {
          fabric: {
            prometheus: { baseUrl: 'http://prometheus:9090' },
            ufm: { baseUrl: 'https://ufm', token: 'ufm-token' },
            kubernetes: {
              clusters: [
                {
                  clusterRef: 'gpu-a',
                  baseUrl: 'https://10.0.0.1:6443',
                  token: 'a',
                },
                {
                  clusterRef: 'Resource:default/gpu-b',
                  baseUrl: 'https://10.0.1.1:6443',
                  token: 'b',
                },
              ],
            },
          },
        },
      }),
      logger,
    );
    expect(sources.map(s => [s.id, s.kind])).toEqual([
      ['prometheus', 'prometheus'],
      ['ufm', 'ufm'],
      ['kubernetes:resource:default/gpu-a', 'kubernetes'],
      ['kubernetes:resource:default/gpu-b', 'kubernetes'],
    ]);
  });
});

describe('readFabricSourcesConfig', () => {
  it('reads each block with its defaults', () => {
    expect(
      read({
        prometheus: { baseUrl: 'http://prometheus:9090/', token: 't' },
        ufm: {
          baseUrl: 'https://ufm.example.com',
          username: 'portal',
          password: 'pw',
          caData: 'LS0t',
          timeoutMs: 30_000,
        },
        kubernetes: {
          timeoutMs: 2_000,
          clusters: [
            {
              clusterRef: 'resource:default/gpu-a',
              baseUrl: 'https://10.0.0.1:6443',
              token: 'sa',
              caData: 'LS0t',
            },
          ],
        },
      }),
    ).toEqual({
      prometheus: {
        baseUrl: 'http://prometheus:9090',
        token: 't',
        window: '5m',
        timeoutMs: 10_000,
      },
      ufm: {
        baseUrl: 'https://ufm.example.com',
        username: 'portal',
        password: 'pw',
        token: undefined,
        caData: 'LS0t',
        timeoutMs: 30_000,
      },
      kubernetes: [
        {
          clusterRef: 'resource:default/gpu-a',
          baseUrl: 'https://10.0.0.1:6443',
          token: 'sa',
          caData: 'LS0t',
          timeoutMs: 2_000,
        },
      ],
    });
  });

  it.each([
    [
      { prometheus: { baseUrl: 'http://p', window: '5 minutes' } },
      'aiPlatform.fabric.prometheus.window must be a PromQL duration such as 5m, not 5 minutes',
    ],
    [
      { prometheus: { baseUrl: 'prometheus:9090' } },
      'aiPlatform.fabric.prometheus.baseUrl must be an http or https URL, not prometheus:9090',
    ],
    [
      {
        ufm: {
          baseUrl: 'https://ufm',
          username: 'u',
          password: 'p',
          token: 't',
        },
      },
      'aiPlatform.fabric.ufm takes either username and password or token, not both',
    ],
    [
      { ufm: { baseUrl: 'https://ufm', username: 'u' } },
      'aiPlatform.fabric.ufm needs username and password, or token',
    ],
    [
      {
        kubernetes: {
          clusters: [
            { clusterRef: 'group:default/x', baseUrl: 'https://k', token: 't' },
          ],
        },
      },
      'aiPlatform.fabric.kubernetes.clusters[0].clusterRef must be a resource entity ref such as resource:default/name, not group:default/x',
    ],
    [
      {
        kubernetes: {
          clusters: [
            { clusterRef: 'gpu-a', baseUrl: 'https://k', token: 't' },
            {
              clusterRef: 'resource:default/gpu-a',
              baseUrl: 'https://l',
              token: 't',
            },
          ],
        },
      },
      'aiPlatform.fabric.kubernetes.clusters names resource:default/gpu-a twice',
    ],
  ])('refuses %j', (fabric, message) => {
    expect(() => read(fabric)).toThrow(message);
  });
});
