import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { KubernetesTopologySource } from './KubernetesTopologySource';
import {
  basicAuth,
  Endpoint,
  FabricSourceError,
  send,
  statusError,
} from './http';

/**
 * A self-signed certificate for 127.0.0.1 and localhost, valid 2000 to 2999: a private CA as
 * Kubernetes API servers and UFMs have. Made for this test only.
 */
const CERT = [
  '-----BEGIN CERTIFICATE-----',
  'MIIBdTCCARugAwIBAgIUFGPznCe2bRbvHWmsPMRZPxLVCP4wCgYIKoZIzj0EAwIw',
  'ITEfMB0GA1UEAwwWZmFicmljLWNvbm5lY3RvcnMtdGVzdDAgFw0wMDAxMDEwMDAw',
  'MDBaGA8yOTk5MTIzMTAwMDAwMFowITEfMB0GA1UEAwwWZmFicmljLWNvbm5lY3Rv',
  'cnMtdGVzdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABPp4umzf98PxjrUI7Oxq',
  'vsVLZGGDd8smApO+wjndMWsvonOxmG5EspYc52nzLLYM/xfgH9IZmXEuv1fE9JGr',
  '2MyjLzAtMBoGA1UdEQQTMBGHBH8AAAGCCWxvY2FsaG9zdDAPBgNVHRMBAf8EBTAD',
  'AQH/MAoGCCqGSM49BAMCA0gAMEUCIEZhjvJhKv4NnKa9urV9UOin3+kJH7J5/irV',
  'FaGWO8LxAiEAyZSMIhK6M1eRqRJssSUzzXxwXXoOwg72fOv17KnbzOY=',
  '-----END CERTIFICATE-----',
  '',
].join('\n');
const KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgG+dfd5PsO/ZzDJ8A',
  'R55cdVe42atNCqSB8uygN5X91FmhRANCAAT6eLps3/fD8Y61COzsar7FS2Rhg3fL',
  'JgKTvsI53TFrL6JzsZhuRLKWHOdp8yy2DP8X4B/SGZlxLr9XxPSRq9jM',
  '-----END PRIVATE KEY-----',
  '',
].join('\n');

/** A server on 127.0.0.1 that answers every request with what it received. */
async function echoServer(
  create: (handler: http.RequestListener) => http.Server | https.Server,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = create((req, res) => {
    let body = '';
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'NodeList',
          items: [],
          method: req.method,
          url: req.url,
          headers: req.headers,
          body,
        }),
      );
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const scheme = server instanceof https.Server ? 'https' : 'http';
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}

describe('send', () => {
  const endpoint: Endpoint = {
    name: 'UFM',
    configKey: 'aiPlatform.fabric.ufm',
    timeoutMs: 5_000,
  };

  it('sends JSON with the authorization and reads the answer', async () => {
    const server = await echoServer(handler => http.createServer(handler));
    try {
      const { status, text } = await send(
        { ...endpoint, authorization: basicAuth('portal', 'pw') },
        new URL(`${server.url}/ufmRest/monitoring/snapshot?x=1`),
        { method: 'POST', json: { objects: ['Grid.default'] } },
      );
      expect(status).toBe(200);
      expect(JSON.parse(text)).toMatchObject({
        method: 'POST',
        url: '/ufmRest/monitoring/snapshot?x=1',
        body: '{"objects":["Grid.default"]}',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          authorization: basicAuth('portal', 'pw'),
        },
      });
    } finally {
      await server.close();
    }
  });

  it('trusts a private CA only when given it', async () => {
    const server = await echoServer(handler =>
      https.createServer({ cert: CERT, key: KEY }, handler),
    );
    try {
      const url = new URL(`${server.url}/api/v1/nodes`);
      const refused = await send(endpoint, url).then(
        () => undefined,
        e => e,
      );
      expect(refused).toBeInstanceOf(FabricSourceError);
      expect(refused.message).toMatch(
        /^UFM could not be reached: .*self.signed/i,
      );

      expect((await send({ ...endpoint, ca: CERT }, url)).status).toBe(200);

      // A cluster's caData is base64 of the PEM, as in a kubeconfig.
      const logger = mockServices.logger.mock();
      const cluster = new KubernetesTopologySource(
        {
          clusterRef: 'resource:default/gpu-a',
          baseUrl: server.url,
          token: 'sa-token',
          caData: Buffer.from(CERT).toString('base64'),
          timeoutMs: 5_000,
        },
        logger,
      );
      expect((await cluster.collect()).placements).toEqual([]);
      expect(logger.warn).not.toHaveBeenCalled();
    } finally {
      await server.close();
    }
  });
});

describe('statusError', () => {
  it('names the status, what the server said and where the credentials are', () => {
    const endpoint: Endpoint = {
      name: 'UFM',
      configKey: 'aiPlatform.fabric.ufm',
      timeoutMs: 1,
    };
    expect(statusError(endpoint, 403, '  not allowed ').message).toBe(
      'UFM answered 403 Forbidden: not allowed; check the credentials in aiPlatform.fabric.ufm',
    );
    expect(statusError(endpoint, 502, 'x'.repeat(400)).message).toBe(
      `UFM answered 502 Bad Gateway: ${'x'.repeat(300)}`,
    );
    expect(statusError(endpoint, 599).message).toBe('UFM answered 599');
  });
});
