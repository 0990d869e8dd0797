import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { FeastRegistryClient } from './FeastRegistryClient';

const baseUrl = 'http://feast-registry:6572';

describe('FeastRegistryClient.list', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new FeastRegistryClient({
    baseUrl: `${baseUrl}/`,
    timeoutMs: 1_000,
    maxPages: 10,
  });

  /** Answers `/entities` with `pages`, one per `page` query parameter. */
  function servePages(pages: Array<Record<string, unknown>>) {
    const asked: string[] = [];
    server.use(
      http.get(`${baseUrl}/api/v1/entities`, ({ request }) => {
        const url = new URL(request.url);
        asked.push(url.searchParams.get('page')!);
        expect(request.headers.get('authorization')).toBeNull();
        return HttpResponse.json(
          pages[Number(url.searchParams.get('page')) - 1],
        );
      }),
    );
    return asked;
  }

  const items = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => ({ spec: { name: `e${from + i}` } }));

  it('follows the documented { page, limit, total, totalPages } block', async () => {
    const asked = servePages([
      {
        entities: items(100),
        pagination: { page: 1, limit: 100, total: 150, totalPages: 2 },
      },
      {
        entities: items(50, 100),
        pagination: { page: 2, limit: 100, total: 150, totalPages: 2 },
      },
    ]);
    const result = await client.list('/entities', ['entities'], {
      project: 'p',
    });
    expect(asked).toEqual(['1', '2']);
    expect(result).toHaveLength(150);
  });

  it('follows snake_case has_next and stops when it is false', async () => {
    const asked = servePages([
      { entities: items(100), pagination: { page: 1, has_next: true } },
      { entities: items(1, 100), pagination: { page: 2, has_next: false } },
    ]);
    expect(await client.list('/entities', ['entities'])).toHaveLength(101);
    expect(asked).toEqual(['1', '2']);
  });

  it('reads a total without totalPages, and a short page without either as the last', async () => {
    const asked = servePages([
      {
        entities: items(100),
        pagination: { page: 1, limit: 100, totalCount: 120 },
      },
      { entities: items(20, 100), pagination: { page: 2, limit: 100 } },
    ]);
    expect(await client.list('/entities', ['entities'])).toHaveLength(120);
    expect(asked).toEqual(['1', '2']);
  });

  it('takes a list without a pagination block as the whole list', async () => {
    const asked = servePages([{ entities: items(150) }]);
    expect(await client.list('/entities', ['entities'])).toHaveLength(150);
    expect(asked).toEqual(['1']);
  });

  it('reads the first of the keys the list is wrapped in', async () => {
    servePages([{ data_sources: [{ name: 'a' }] }]);
    expect(
      await client.list('/entities', ['dataSources', 'data_sources']),
    ).toEqual([{ name: 'a' }]);
  });

  it('answers a server error with its status and Feast detail', async () => {
    server.use(
      http.get(`${baseUrl}/api/v1/entities`, () =>
        HttpResponse.json(
          {
            status_code: 404,
            detail: "Project 'nope' does not exist",
            error_type: 'FeastObjectNotFoundException',
          },
          { status: 404 },
        ),
      ),
    );
    await expect(
      client.list('/entities', ['entities'], { project: 'nope' }),
    ).rejects.toThrow(
      `GET /entities?project=nope&page=1&limit=100 answered 404 Not Found: "Project 'nope' does not exist"`,
    );
  });

  it('refuses a body that is not JSON', async () => {
    server.use(
      http.get(`${baseUrl}/api/v1/entities`, () =>
        HttpResponse.text('<html>proxy</html>'),
      ),
    );
    await expect(client.list('/entities', ['entities'])).rejects.toThrow(
      /answered 200 without JSON/,
    );
  });
});
