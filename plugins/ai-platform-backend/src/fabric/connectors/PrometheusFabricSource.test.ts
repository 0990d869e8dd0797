import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PrometheusFabricConfig } from './config';
import { FabricSourceError } from './http';
import { PrometheusFabricSource } from './PrometheusFabricSource';

const BASE = 'http://prometheus.test:9090';
const token = 'prometheus-secret-token';
const now = Date.parse('2026-11-20T10:00:00Z');

/** Labels of one cable end as the infiniband-exporter's README shows them, plus the scrape's. */
const switchToNode1 = {
  component: 'switch',
  local_guid: '0x506b4b03005d3101',
  local_name: 'switch1',
  local_port: '2',
  remote_guid: '0x506b4b0300e5e461',
  remote_name: 'node1 mlx5_0',
  remote_port: '1',
  instance: 'ib-exporter:9683',
  job: 'infiniband',
};
const node1ToSwitch = {
  component: 'ca',
  local_guid: '0x506b4b0300e5e461',
  local_name: 'node1.mlx5_0',
  local_port: '1',
  remote_guid: '0x506b4b03005d3101',
  remote_name: 'SwitchX -  Mellanox Technologies',
  remote_port: '2',
  instance: 'ib-exporter:9683',
  job: 'infiniband',
};
const switchToNode2 = {
  ...switchToNode1,
  local_port: '3',
  remote_guid: '0x506b4b0300c35b61',
  remote_name: 'node2 mlx5_0',
};

/** dcgm-exporter's labels of a GPU (by `max by`, the labels the connector keeps). */
const gpu = (index: number) => ({
  gpu: String(index),
  UUID: `GPU-5f5f0c37-0000-4000-8000-00000000000${index}`,
  Hostname: 'node1',
  instance: '10.0.0.11:9400',
});

type Labels = Record<string, string>;
const vector = (samples: Array<[Labels, string]>) => ({
  status: 'success',
  data: {
    resultType: 'vector',
    result: samples.map(([metric, value]) => ({
      metric,
      value: [now / 1000, value],
    })),
  },
});

/** What Prometheus answers each query with; queries not listed get an empty vector. */
function prometheus(answers: Record<string, Array<[Labels, string]>>) {
  const calls: URL[] = [];
  const authorizations: Array<string | null> = [];
  const handler = http.get(`${BASE}/api/v1/query`, ({ request }) => {
    const url = new URL(request.url);
    calls.push(url);
    authorizations.push(request.headers.get('authorization'));
    const query = url.searchParams.get('query')!;
    const match = Object.keys(answers).find(key => query.includes(key));
    return HttpResponse.json(vector(match ? answers[match] : []));
  });
  return { handler, calls, authorizations };
}

const fabric = {
  'rate(infiniband_symbolerrorcounter_total[5m])': [
    [switchToNode1, '0.25'],
    [node1ToSwitch, '0'],
    [switchToNode2, '0'],
  ],
  'rate(infiniband_linkdownedcounter_total[5m])': [
    [switchToNode1, '0.0033333333333333335'],
  ],
  'rate(infiniband_linkerrorrecoverycounter_total[5m])': [[switchToNode1, '0']],
  'rate(infiniband_portrcverrors_total[5m])': [[node1ToSwitch, '1.5']],
  'rate(infiniband_portxmitdiscards_total[5m])': [[switchToNode2, '0']],
  'rate(infiniband_portxmitwait_total[5m])': [[switchToNode1, '120000']],
  infiniband_portxmitdata_total: [
    [switchToNode1, '4000000000'],
    [node1ToSwitch, '4000000000'],
  ],
  infiniband_speed: [
    [switchToNode1, '106.25'],
    [node1ToSwitch, '106.25'],
    [switchToNode2, '53.125'],
  ],
  infiniband_width: [
    [switchToNode1, '4'],
    [node1ToSwitch, '4'],
    [switchToNode2, '2'],
  ],
  'rate(DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL[5m])': [
    [gpu(0), '0'],
    [gpu(1), '0.5'],
  ],
  'rate(DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL[5m])': [[gpu(1), '0.1']],
  'avg_over_time(DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL[5m])': [
    [gpu(0), '150000'],
    [gpu(1), '2000'],
  ],
} satisfies Record<string, Array<[Labels, string]>>;

describe('PrometheusFabricSource', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const logger = mockServices.logger.mock();

  const source = (config: Partial<PrometheusFabricConfig> = {}) =>
    new PrometheusFabricSource(
      { baseUrl: BASE, window: '5m', timeoutMs: 1_000, ...config },
      logger,
      () => now,
    );

  /** The FabricSourceError a collect fails with; it never carries the token. */
  async function failure(
    config: Partial<PrometheusFabricConfig> = {},
  ): Promise<FabricSourceError> {
    const error = await source({ token, ...config })
      .collect()
      .then(
        () => undefined,
        e => e,
      );
    expect(error).toBeInstanceOf(FabricSourceError);
    expect(error.message).not.toContain(token);
    return error;
  }

  beforeEach(() => jest.clearAllMocks());

  it('turns infiniband-exporter series into cable ends and DCGM series into NVLinks per GPU', async () => {
    const fake = prometheus(fabric);
    server.use(fake.handler);

    const observation = await source({ token }).collect();

    expect(observation).toMatchObject({
      sourceId: 'prometheus',
      collectedAt: '2026-11-20T10:00:00.000Z',
      placements: [],
      alarms: [],
    });
    const ib = observation.ports.filter(p => p.kind === 'infiniband');
    expect(ib).toEqual([
      {
        kind: 'infiniband',
        local: {
          deviceId: '0x506b4b03005d3101',
          name: 'switch1',
          port: '2',
          role: 'switch',
        },
        remote: {
          deviceId: '0x506b4b0300e5e461',
          name: 'node1 mlx5_0',
          port: '1',
        },
        rates: {
          symbolErrors: 0.25,
          linkDowned: 0.0033333333333333335,
          linkErrorRecovery: 0,
          portXmitWait: 120000,
        },
        bytesPerSecond: 4e9,
        up: true,
        // 106.25 Gb/s signalling per lane is NDR: 100 Gb/s nominal, ×4.
        speedGbps: 400,
        width: 4,
      },
      {
        kind: 'infiniband',
        // One name per device from both ends: the HCA as its switch describes it, the
        // switch by its own name.
        local: {
          deviceId: '0x506b4b0300e5e461',
          name: 'node1 mlx5_0',
          port: '1',
          role: 'node',
        },
        remote: {
          deviceId: '0x506b4b03005d3101',
          name: 'switch1',
          port: '2',
        },
        rates: { symbolErrors: 0, portRcvErrors: 1.5 },
        bytesPerSecond: 4e9,
        up: true,
        speedGbps: 400,
        width: 4,
      },
      {
        kind: 'infiniband',
        local: {
          deviceId: '0x506b4b03005d3101',
          name: 'switch1',
          port: '3',
          role: 'switch',
        },
        remote: {
          deviceId: '0x506b4b0300c35b61',
          name: 'node2 mlx5_0',
          port: '1',
        },
        rates: { symbolErrors: 0, portXmitDiscards: 0 },
        up: true,
        // HDR trained down to two lanes.
        speedGbps: 100,
        width: 2,
      },
    ]);
    expect(observation.ports.filter(p => p.kind === 'nvlink')).toEqual([
      {
        kind: 'nvlink',
        local: {
          deviceId: 'node1',
          name: 'node1 GPU 0',
          port: 'gpu0',
          role: 'node',
        },
        remote: { deviceId: 'node1', name: 'node1 NVLink', port: 'nvlink' },
        rates: { nvlinkCrcFlitErrors: 0 },
        bytesPerSecond: 150000 * 1024000,
      },
      {
        kind: 'nvlink',
        local: {
          deviceId: 'node1',
          name: 'node1 GPU 1',
          port: 'gpu1',
          role: 'node',
        },
        remote: { deviceId: 'node1', name: 'node1 NVLink', port: 'nvlink' },
        rates: { nvlinkCrcFlitErrors: 0.5, nvlinkReplayErrors: 0.1 },
        bytesPerSecond: 2000 * 1024000,
      },
    ]);

    // Every query at the same instant, with the token.
    expect(fake.calls).toHaveLength(14);
    expect(new Set(fake.calls.map(c => c.searchParams.get('time')))).toEqual(
      new Set([String(now / 1000)]),
    );
    expect(new Set(fake.authorizations)).toEqual(new Set([`Bearer ${token}`]));
    expect(fake.calls.map(c => c.searchParams.get('query'))).toContain(
      '(rate(infiniband_portxmitdata_total[5m]) + rate(infiniband_portrcvdata_total[5m])) * 4',
    );
    expect(fake.calls.map(c => c.searchParams.get('query'))).toContain(
      'max by (Hostname, hostname, gpu, UUID, instance) (rate(DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL[5m]))',
    );
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('reads a fabric without DCGM, NaN, GUIDs spelled otherwise, and skips series that name no cable', async () => {
    const upper = {
      ...switchToNode1,
      local_guid: '506B4B03005D3101',
      remote_guid: '0X506B4B0300E5E461',
    };
    const { handler } = prometheus({
      'rate(infiniband_symbolerrorcounter_total[1m])': [
        [upper, 'NaN'],
        [{ component: 'switch', local_name: 'switch9' }, '3'],
      ],
      'rate(infiniband_portxmitwait_total[1m])': [[upper, '+Inf']],
      'rate(infiniband_portrcverrors_total[1m])': [[upper, '2']],
      infiniband_width: [[upper, '4']],
      infiniband_speed: [[upper, 'NaN']],
    });
    server.use(handler);

    const observation = await source({ window: '1m' }).collect();
    expect(observation.ports).toEqual([
      {
        kind: 'infiniband',
        local: {
          deviceId: '0x506b4b03005d3101',
          name: 'switch1',
          port: '2',
          role: 'switch',
        },
        remote: {
          deviceId: '0x506b4b0300e5e461',
          name: 'node1 mlx5_0',
          port: '1',
        },
        rates: { portRcvErrors: 2 },
        up: true,
        width: 4,
      },
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Prometheus: skipped 1 infiniband-exporter series without local and remote GUID and port labels',
    );
  });

  it('says a link is down when its exporter is scraped but writes no gauges for it, and nothing when the exporter is gone', async () => {
    const otherExporter = {
      ...switchToNode2,
      local_guid: '0x506b4b03005d9999',
      instance: 'ib-exporter-b:9683',
    };
    const { handler } = prometheus({
      'rate(infiniband_linkdownedcounter_total[5m])': [
        [switchToNode1, '0.01'],
        [switchToNode2, '0'],
        [otherExporter, '0'],
      ],
      infiniband_width: [[switchToNode2, '4']],
      infiniband_speed: [[switchToNode2, '106.25']],
    });
    server.use(handler);

    const ports = (await source().collect()).ports;
    expect(ports.map(p => [p.local.deviceId, p.local.port, p.up])).toEqual([
      ['0x506b4b03005d3101', '2', false],
      ['0x506b4b03005d3101', '3', true],
      // Its exporter has no current gauges at all: not scraped, so not known to be down.
      ['0x506b4b03005d9999', '3', undefined],
    ]);
  });

  it.each([
    [
      'a PromQL error',
      HttpResponse.json(
        {
          status: 'error',
          errorType: 'bad_data',
          error: 'invalid parameter "query": 1:6: parse error',
        },
        { status: 400 },
      ),
      /^Prometheus refused .+: bad_data: invalid parameter "query": 1:6: parse error$/,
    ],
    [
      'a query timeout',
      HttpResponse.json(
        {
          status: 'error',
          errorType: 'timeout',
          error: 'query timed out in expression evaluation',
        },
        { status: 503 },
      ),
      /: timeout: query timed out in expression evaluation$/,
    ],
    [
      'a 502 from a proxy',
      new HttpResponse('<html>Bad Gateway</html>', {
        status: 502,
        headers: { 'content-type': 'text/html' },
      }),
      /^Prometheus answered 502 Bad Gateway$/,
    ],
    [
      'a 401',
      new HttpResponse('Unauthorized', { status: 401 }),
      /^Prometheus answered 401 Unauthorized; check the credentials in aiPlatform.fabric.prometheus$/,
    ],
    [
      'a range vector',
      HttpResponse.json({
        status: 'success',
        data: { resultType: 'matrix', result: [] },
      }),
      /with something other than an instant vector \(data.resultType: Invalid literal value, expected "vector"\)$/,
    ],
    [
      'a sample without its value',
      HttpResponse.json({
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: {} }] },
      }),
      /\(data.result.0.value: Required\)$/,
    ],
    [
      'a body that is not JSON',
      HttpResponse.text('{"status":'),
      /^Prometheus answered 200 with a body that is not JSON$/,
    ],
  ])('refuses %s, naming what was wrong', async (_what, response, message) => {
    server.use(http.get(`${BASE}/api/v1/query`, () => response.clone()));
    expect((await failure()).message).toMatch(message);
  });

  it('gives up after the timeout, and on a dropped connection', async () => {
    server.use(
      http.get(`${BASE}/api/v1/query`, async () => {
        await delay(1_000);
        return HttpResponse.json(vector([]));
      }),
      http.get('http://down.test/api/v1/query', () => HttpResponse.error()),
    );
    expect((await failure({ timeoutMs: 50 })).message).toBe(
      'Prometheus did not answer within 0.05 s',
    );
    expect((await failure({ baseUrl: 'http://down.test' })).message).toMatch(
      /^Prometheus could not be reached: /,
    );
  });

  it('warns with what Prometheus warned about', async () => {
    server.use(
      http.get(`${BASE}/api/v1/query`, () =>
        HttpResponse.json({
          ...vector([]),
          warnings: ['PromQL info: metric might not be a counter'],
        }),
      ),
    );
    await source().collect();
    expect(logger.warn).toHaveBeenCalledWith(
      'Prometheus warned about infiniband_speed: PromQL info: metric might not be a counter',
    );
  });
});
