import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { setupServer } from 'msw/node';
import { ClientOptions } from '../http';

const origin = 'http://localhost:7007';

/** Where the client's requests go: `${apiUrl}/<pluginId>`. */
export const apiUrl = `${origin}/api`;

/** A client whose requests an msw server answers; call at the top of a describe block. */
export function clientWithMsw<T>(Client: new (options: ClientOptions) => T) {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new Client({
    discoveryApi: mockApis.discovery({ baseUrl: origin }),
    fetchApi: new MockFetchApi(),
  });
  return { server, client };
}
