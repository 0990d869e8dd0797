import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { delay, http, HttpResponse, JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { UfmFabricConfig } from './config';
import { basicAuth, FabricSourceError } from './http';
import { UfmFabricSource } from './UfmFabricSource';

const UFM = 'https://ufm.test';
const password = 'ufm-secret-password';
const token = 'OGUY7TwLvTmFkXyTkcsEWD9KKNvq6f';

const LEAF = '1c34da0300728606';
const SPINE = '1c34da0300728a06';
const HOST = '0c42a103001b8256';

// Shapes as the UFM Enterprise REST API guide documents them (and UFM's SDK samples carry),
// with the fields the source does not read kept, as UFM sends them.
const systems = [
  {
    capabilities: ['burn_cables_transceivers'],
    description: 'MQM8700',
    guid: LEAF,
    ip: '0.0.0.0',
    model: 'MQM8700',
    name: LEAF,
    ports: [`${LEAF}_1`, `${LEAF}_37`],
    role: 'tor',
    severity: 'Info',
    state: 'active',
    system_guid: LEAF,
    system_name: 'SLG01-02',
    technology: 'HDR',
    type: 'switch',
    vendor: 'Mellanox',
  },
  {
    description: 'MQM8700',
    guid: SPINE,
    name: SPINE,
    ports: [`${SPINE}_2`],
    role: 'core',
    system_guid: SPINE,
    system_name: 'SSPINE1-13',
    type: 'switch',
  },
  {
    description: 'server',
    guid: HOST,
    name: HOST,
    ports: [`${HOST}_1`],
    role: 'endpoint',
    system_guid: HOST,
    system_name: 'luna-0001',
    technology: 'Computer',
    type: 'host',
  },
];

function port(
  guid: string,
  number: number,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  return {
    active_speed: 'HDR',
    active_width: '4x',
    capabilities: ['healthy_operations', 'reset', 'disable'],
    dname: String(number),
    enabled_speed: ['SDR', 'DDR', 'QDR', 'FDR', 'EDR', 'HDR'],
    external_number: number,
    guid,
    high_ber_severity: 'N/A',
    lid: 2,
    logical_state: 'Active',
    mtu: 4096,
    name: `${guid}_${number}`,
    number,
    physical_state: 'Link Up',
    severity: 'Info',
    systemID: guid,
    tier: 4,
    ...fields,
  };
}

const ports = [
  port(LEAF, 1, {
    description: 'Switch IB Port',
    node_description: 'SLG01-02:1',
    peer: `${HOST}_1`,
    peer_guid: HOST,
    peer_node_description: 'luna-0001 mlx5_0',
    peer_node_name: 'luna-0001',
    peer_port_dname: 'HCA-1/1',
    system_name: 'SLG01-02',
    // Trained down to two lanes.
    active_width: '2x',
  }),
  port(LEAF, 37, {
    description: 'Switch IB Port',
    node_description: 'SLG01-02:37',
    peer: `${SPINE}_2`,
    peer_guid: SPINE,
    system_name: 'SLG01-02',
  }),
  port(SPINE, 2, {
    description: 'Switch IB Port',
    node_description: 'SSPINE1-13:2',
    system_name: 'SSPINE1-13',
  }),
  port(HOST, 1, {
    description: 'Computer IB Port',
    dname: 'HCA-1/1',
    node_description: 'luna-0001 mlx5_0',
    system_name: 'luna-0001',
    active_speed: 'NDR',
    physical_state: 'Polling',
  }),
  // A port that is down has no peer and is in no link.
  port(LEAF, 40, {
    active_speed: null,
    active_width: null,
    logical_state: 'Down',
    physical_state: 'Disabled',
    peer_port_dname: 'N/A',
    system_name: 'SLG01-02',
  }),
];

const links = [
  {
    cable_info: {},
    capabilities: [],
    destination_guid: SPINE,
    destination_port: '2',
    destination_port_dname: '2',
    destination_port_node_description: 'SSPINE1-13:2',
    name: `${LEAF}_37:${SPINE}_2`,
    severity: 'Info',
    source_guid: LEAF,
    source_port: '37',
    source_port_dname: '37',
    source_port_node_description: 'SLG01-02:37',
    width: '4x',
  },
  {
    // UFM 6.11 and older write the width as IB_4x.
    destination_port_dname: 'HCA-1/1',
    severity: 'Info',
    source_guid: LEAF,
    width: 'IB_4x',
    source_port_dname: '1',
    source_port: '1',
    destination_port: '1',
    destination_guid: HOST,
    name: `${LEAF}_1:${HOST}_1`,
    capabilities: [],
  },
];

const unhealthyPorts = [
  {
    PeerLID: '18',
    PeerPortNumber: 1,
    UnhealthyPortNumber: 1,
    PeerGUID: LEAF,
    PeerPort: 'SLG01-02/1',
    UnhealthyNode: 'luna-0001 mlx5_0',
    UnhealthyPort: 'luna-0001/HCA-1/1',
    State: 'Warning',
    PeerPortDname: '1',
    Condition: ['MANUAL'],
    PeerNode: 'SLG01-02',
    StatusTime: 'Wed Apr 29 00:05:32 2026',
    UnhealthyPortDname: 'HCA-1/1',
    UnhealthyGUID: HOST,
  },
];

const alarms = [
  {
    id: 3,
    type: 'IBPort',
    name: 'Link HW Error',
    description: 'Link Downed',
    event_type: 112,
    duration: '0 s',
    reason:
      'Link-Downed counter delta threshold exceeded. Threshold is 0, calculated delta is 2.',
    severity: 'Warning',
    timestamp: '2026-11-20 08:18:51',
    counter: 'Infiniband_LinkDowned',
    event_count: 1,
    object_name: `${HOST}_1`,
    object_path: 'Computer: luna-0001 / mlx5_0',
  },
  {
    // UFM 6.15 and older.
    event_type: 394,
    event_count: 31,
    timestamp: '2026-11-20 11:48:09.351',
    related_object_path: 'default / Switch: SSPINE1-13',
    counter: null,
    related_object_name: SPINE,
    name: 'Module status FAULT',
    reason: 'Module PS 2 on SSPINE1-13 status is fatal',
    duration: 420,
    summary: 'Module status FAULT',
    type: 55,
    id: 1,
    severity: 'Critical',
  },
];

/** A monitoring snapshot as UFM answers it: by sample time, class and port. */
function snapshot(
  at: string,
  counters: Record<string, Record<string, unknown>>,
) {
  return {
    [at]: {
      Port: Object.fromEntries(
        Object.entries(counters).map(([name, statistics]) => [
          name,
          { dname: name.split('_')[1], guid: name, name, statistics },
        ]),
      ),
    },
  };
}

interface Call {
  method: string;
  path: string;
  authorization: string | null;
  body?: unknown;
}

/** A UFM answering the documented endpoints under `prefix`, one snapshot per run. */
function fakeUfm(prefix: string, snapshots: Array<Record<string, unknown>>) {
  const calls: Call[] = [];
  const record = async (request: Request) => {
    calls.push({
      method: request.method,
      path: new URL(request.url).pathname,
      authorization: request.headers.get('authorization'),
      body: request.method === 'POST' ? await request.json() : undefined,
    });
  };
  const get = (path: string, body: JsonBodyType) =>
    http.get(`${UFM}${prefix}${path}`, async ({ request }) => {
      await record(request);
      return HttpResponse.json(body);
    });
  const handlers = [
    get('/resources/systems', systems),
    get('/resources/ports', ports),
    get('/resources/links', links),
    get('/app/unhealthy_ports', unhealthyPorts),
    get('/app/alarms', alarms),
    http.post(`${UFM}${prefix}/monitoring/snapshot`, async ({ request }) => {
      await record(request);
      return HttpResponse.json(snapshots.shift() ?? {});
    }),
  ];
  return { handlers, calls };
}

describe('UfmFabricSource', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let now: number;
  beforeEach(() => {
    now = Date.parse('2026-11-20T10:00:05Z');
  });

  const source = (config: Partial<UfmFabricConfig> = {}) =>
    new UfmFabricSource(
      {
        baseUrl: UFM,
        username: 'portal',
        password,
        timeoutMs: 1_000,
        ...config,
      },
      () => now,
    );

  /** The FabricSourceError a collect fails with; it never carries a credential. */
  async function failure(
    config: Partial<UfmFabricConfig> = {},
  ): Promise<FabricSourceError> {
    const error = await source(config)
      .collect()
      .then(
        () => undefined,
        e => e,
      );
    expect(error).toBeInstanceOf(FabricSourceError);
    for (const secret of [
      password,
      token,
      basicAuth('portal', password).slice(6),
    ]) {
      expect(error.message).not.toContain(secret);
    }
    return error;
  }

  it('reads links end by end with state, speed and width, unhealthy ports and alarms, signed in with basic auth', async () => {
    const ufm = fakeUfm('/ufmRest', [
      snapshot('2026-11-20 10:00:00', { [`${LEAF}_37`]: {} }),
    ]);
    server.use(...ufm.handlers);

    const observation = await source().collect();

    expect(observation.sourceId).toBe('ufm');
    expect(observation.collectedAt).toBe('2026-11-20T10:00:05.000Z');
    expect(observation.placements).toEqual([]);
    expect(observation.ports).toEqual([
      {
        kind: 'infiniband',
        local: {
          deviceId: `0x${LEAF}`,
          name: 'SLG01-02',
          port: '37',
          role: 'switch',
        },
        remote: { deviceId: `0x${SPINE}`, name: 'SSPINE1-13', port: '2' },
        up: true,
        width: 4,
        speedGbps: 200,
        // A rate needs two reads.
        rates: {},
      },
      {
        kind: 'infiniband',
        local: {
          deviceId: `0x${SPINE}`,
          name: 'SSPINE1-13',
          port: '2',
          role: 'switch',
        },
        remote: { deviceId: `0x${LEAF}`, name: 'SLG01-02', port: '37' },
        up: true,
        width: 4,
        speedGbps: 200,
        rates: {},
      },
      {
        kind: 'infiniband',
        local: {
          deviceId: `0x${LEAF}`,
          name: 'SLG01-02',
          port: '1',
          role: 'switch',
        },
        remote: { deviceId: `0x${HOST}`, name: 'luna-0001 mlx5_0', port: '1' },
        up: true,
        width: 2,
        speedGbps: 100,
        rates: {},
      },
      {
        kind: 'infiniband',
        local: {
          deviceId: `0x${HOST}`,
          name: 'luna-0001 mlx5_0',
          port: '1',
          role: 'node',
        },
        remote: { deviceId: `0x${LEAF}`, name: 'SLG01-02', port: '1' },
        up: false,
        width: 4,
        speedGbps: 400,
        rates: {},
      },
    ]);
    expect(observation.alarms).toEqual([
      {
        deviceId: `0x${HOST}`,
        severity: 'Warning',
        description: 'Port luna-0001 mlx5_0 1 marked unhealthy (MANUAL)',
      },
      {
        deviceId: `0x${HOST}`,
        severity: 'Warning',
        description:
          'Link Downed: Link-Downed counter delta threshold exceeded. Threshold is 0, calculated delta is 2.',
      },
      {
        deviceId: `0x${SPINE}`,
        severity: 'Critical',
        description:
          'Module status FAULT: Module PS 2 on SSPINE1-13 status is fatal',
      },
    ]);

    expect(ufm.calls.map(c => `${c.method} ${c.path}`).sort()).toEqual([
      'GET /ufmRest/app/alarms',
      'GET /ufmRest/app/unhealthy_ports',
      'GET /ufmRest/resources/links',
      'GET /ufmRest/resources/ports',
      'GET /ufmRest/resources/systems',
      'POST /ufmRest/monitoring/snapshot',
    ]);
    expect(new Set(ufm.calls.map(c => c.authorization))).toEqual(
      new Set([basicAuth('portal', password)]),
    );
    expect(ufm.calls.find(c => c.method === 'POST')?.body).toEqual({
      attributes: [
        'Infiniband_SymbolErrors',
        'Infiniband_LinkDowned',
        'Infiniband_LinkRecovers',
        'Infiniband_RcvErrors',
        'Infiniband_XmtDiscards',
        'Infiniband_XmitWait',
      ],
      functions: ['RAW'],
      scope_object: 'Site',
      monitor_object: 'Port',
      objects: ['Grid.default'],
      interval: 2,
    });
  });

  it('turns raw counters into rates between runs, a reset counting from zero, a saturated counter telling nothing', async () => {
    const counters = (symbolErrors: number, linkDowned: number) => ({
      Infiniband_SymbolErrors: symbolErrors,
      Infiniband_LinkDowned: linkDowned,
      Infiniband_LinkRecovers: 0,
      Infiniband_RcvErrors: '12',
      Infiniband_XmtDiscards: 0,
      Infiniband_XmitWait: 'N/A',
    });
    const ufm = fakeUfm('/ufmRest', [
      snapshot('2026-11-20 10:00:00', {
        [`${LEAF}_37`]: counters(1000, 2),
        [`${HOST}_1`]: counters(1_000_000, 500),
        [`${LEAF}_1`]: counters(65_000, 254),
      }),
      snapshot('2026-11-20 10:01:00', {
        [`${LEAF}_37`]: counters(1120, 2),
        // The HCA's counters were cleared, then 3 symbol errors: no burst.
        [`${HOST}_1`]: counters(3, 0),
        // Stopped at their 16- and 8-bit maximums: no rate can be told.
        [`${LEAF}_1`]: counters(65_535, 255),
      }),
    ]);
    server.use(...ufm.handlers);
    const ufmSource = source();

    await ufmSource.collect();
    now += 60_000;
    const { ports: second } = await ufmSource.collect();

    const rates = (deviceId: string, portNumber: string) =>
      second.find(
        p => p.local.deviceId === deviceId && p.local.port === portNumber,
      )?.rates;
    expect(rates(`0x${LEAF}`, '37')).toEqual({
      symbolErrors: 2,
      linkDowned: 0,
      linkErrorRecovery: 0,
      portRcvErrors: 0,
      portXmitDiscards: 0,
    });
    expect(rates(`0x${HOST}`, '1')).toEqual({
      symbolErrors: 0.05,
      linkDowned: 0,
      linkErrorRecovery: 0,
      portRcvErrors: 0,
      portXmitDiscards: 0,
    });
    expect(rates(`0x${LEAF}`, '1')).toEqual({
      linkErrorRecovery: 0,
      portRcvErrors: 0,
      portXmitDiscards: 0,
    });
    // The snapshot had no counters for it.
    expect(rates(`0x${SPINE}`, '2')).toEqual({});
  });

  it('sends an access token as Basic credentials on the V3 path', async () => {
    const ufm = fakeUfm('/ufmRestV3', [{}]);
    server.use(...ufm.handlers);

    await source({
      username: undefined,
      password: undefined,
      token,
    }).collect();

    expect(ufm.calls).toHaveLength(6);
    expect(ufm.calls.every(c => c.path.startsWith('/ufmRestV3/'))).toBe(true);
    expect(new Set(ufm.calls.map(c => c.authorization))).toEqual(
      new Set([`Basic ${token}`]),
    );
  });

  it.each([
    [
      401,
      new HttpResponse('<html>401 Authorization Required</html>', {
        status: 401,
        headers: { 'content-type': 'text/html' },
      }),
      'UFM answered 401 Unauthorized; check the credentials in aiPlatform.fabric.ufm',
    ],
    [
      403,
      HttpResponse.json(
        { error: 'User portal is not allowed to access this resource' },
        { status: 403 },
      ),
      'UFM answered 403 Forbidden: User portal is not allowed to access this resource; check the credentials in aiPlatform.fabric.ufm',
    ],
    [
      404,
      new HttpResponse('<html>Not Found</html>', {
        status: 404,
        headers: { 'content-type': 'text/html' },
      }),
      'UFM answered 404 Not Found; check that aiPlatform.fabric.ufm.baseUrl is the UFM server',
    ],
    [
      500,
      HttpResponse.json(
        { error: 'Failed to get links: model is not ready' },
        { status: 500 },
      ),
      'UFM answered 500 Internal Server Error: Failed to get links: model is not ready',
    ],
  ])('names a %s and what UFM said', async (_status, response, message) => {
    server.use(...fakeUfm('/ufmRest', [{}]).handlers);
    server.use(
      http.get(`${UFM}/ufmRest/resources/links`, () => response.clone()),
    );
    expect((await failure()).message).toBe(message);
  });

  it('refuses bodies that are not what UFM documents, naming what was wrong', async () => {
    server.use(...fakeUfm('/ufmRest', [{}]).handlers);
    server.use(
      http.get(`${UFM}/ufmRest/resources/ports`, () =>
        HttpResponse.json([{ ...ports[0], guid: undefined }]),
      ),
    );
    expect((await failure()).message).toBe(
      'UFM answered GET /resources/ports with something other than it documents (0.guid: Required)',
    );

    server.use(
      http.get(`${UFM}/ufmRest/resources/ports`, () =>
        HttpResponse.json(ports),
      ),
      http.post(`${UFM}/ufmRest/monitoring/snapshot`, () =>
        HttpResponse.json({ '2026-11-20 10:00:00': { Port: [1, 2] } }),
      ),
    );
    expect((await failure()).message).toBe(
      'UFM answered POST /monitoring/snapshot with something other than it documents (2026-11-20 10:00:00.Port: Expected object, received array)',
    );

    server.use(
      http.get(`${UFM}/ufmRest/app/alarms`, () =>
        HttpResponse.text('<html>login</html>'),
      ),
    );
    expect((await failure()).message).toBe(
      'UFM answered GET /app/alarms with a body that is not JSON',
    );
  });

  it('gives up after the timeout, and on a dropped connection', async () => {
    server.use(...fakeUfm('/ufmRest', [{}]).handlers);
    server.use(
      http.get(`${UFM}/ufmRest/resources/systems`, async () => {
        await delay(1_000);
        return HttpResponse.json(systems);
      }),
    );
    expect((await failure({ timeoutMs: 50 })).message).toBe(
      'UFM did not answer within 0.05 s',
    );

    server.use(
      http.get(`${UFM}/ufmRest/resources/systems`, () => HttpResponse.error()),
    );
    expect((await failure()).message).toMatch(/^UFM could not be reached: /);
  });
});
