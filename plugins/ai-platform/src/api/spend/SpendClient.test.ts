/**
 * @jest-environment node
 */
import { EntityEnergyResponse } from '@ai-platform/plugin-ai-platform-common';
import { http, HttpResponse } from 'msw';
import { apiUrl, clientWithMsw } from '../__testUtils__/clientWithMsw';
import { SpendClient } from './SpendClient';

const baseUrl = `${apiUrl}/ai-platform`;

describe('SpendClient', () => {
  const { server, client } = clientWithMsw(SpendClient);

  it("gets an entity's training energy for a range", async () => {
    const response: EntityEnergyResponse = {
      entityRef: 'resource:default/recsys-ranker',
      from: '2025-12-01',
      to: '2026-11-29',
      contributors: [
        {
          entityRef: 'component:default/ranker-training',
          namespaces: ['recsys-train'],
        },
      ],
      energy: {
        energyKwh: 1200,
        estimatedEnergyKwh: 0,
        facilityEnergyKwh: 1440,
        carbonKg: 430,
        waterLitres: 0,
      },
      byMonth: [],
    };
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${baseUrl}/spend/energy/entity`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json(response);
      }),
    );
    await expect(
      client.getEntityEnergy({
        entityRef: 'resource:default/recsys-ranker',
        from: '2025-12-01',
        to: '2026-11-29',
      }),
    ).resolves.toEqual(response);
    expect(Object.fromEntries(query!)).toEqual({
      entityRef: 'resource:default/recsys-ranker',
      from: '2025-12-01',
      to: '2026-11-29',
    });
  });

  it('throws the backend error with its message', async () => {
    server.use(
      http.get(`${baseUrl}/spend/energy/entity`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message: 'from must not be after to' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    await expect(
      client.getEntityEnergy({
        entityRef: 'resource:default/recsys-ranker',
        from: '2026-11-29',
        to: '2025-12-01',
      }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      cause: { message: 'from must not be after to' },
    });
  });
});
