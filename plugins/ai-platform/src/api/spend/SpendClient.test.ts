/**
 * @jest-environment node
 */
import { EntityEnergyResponse } from '@ai-platform/plugin-ai-platform-common';
import { http, HttpResponse } from 'msw';
import { apiUrl, clientWithMsw } from '../__testUtils__/clientWithMsw';
import { FocusFileRefusedError } from './SpendApi';
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

  describe('importFocus', () => {
    const file = new Blob(['BilledCost,EffectiveCost\n1.00,1.00\n'], {
      type: 'text/csv',
    });

    it('sends the file as text/csv with its name and returns what was stored', async () => {
      const result = {
        importId: 'imp-1',
        rows: 1,
        inserted: 1,
        updated: 0,
        unchanged: 0,
        deleted: 0,
      };
      let sent: { fileName: string | null; type: string | null; body: string };
      server.use(
        http.post(`${baseUrl}/spend/imports/focus`, async ({ request }) => {
          sent = {
            fileName: new URL(request.url).searchParams.get('fileName'),
            type: request.headers.get('content-type'),
            body: await request.text(),
          };
          return HttpResponse.json(result, { status: 201 });
        }),
      );
      await expect(
        client.importFocus(file, 'aws 2026-11.csv'),
      ).resolves.toEqual(result);
      expect(sent!).toEqual({
        fileName: 'aws 2026-11.csv',
        type: 'text/csv',
        body: 'BilledCost,EffectiveCost\n1.00,1.00\n',
      });
    });

    it('throws every problem of a refused file, by line', async () => {
      const problems = [
        {
          line: 3,
          column: 'EffectiveCost',
          message: 'must be a decimal number',
        },
        { line: 7, message: 'has 4 fields, the header 5' },
      ];
      // The backend answers a refused file without the usual `response` field.
      server.use(
        http.post(`${baseUrl}/spend/imports/focus`, () =>
          HttpResponse.json(
            {
              error: {
                name: 'InputError',
                message:
                  'FOCUS file refused, nothing imported: line 3, EffectiveCost: must be a decimal number (and 1 more)',
              },
              problems,
            },
            { status: 400 },
          ),
        ),
      );
      const error = await client.importFocus(file, 'bad.csv').catch(e => e);
      expect(error).toBeInstanceOf(FocusFileRefusedError);
      expect(error).toMatchObject({
        message: expect.stringContaining('line 3, EffectiveCost'),
        problems,
      });
    });

    it('throws a refusal without problems as the backend error', async () => {
      server.use(
        http.post(`${baseUrl}/spend/imports/focus`, () =>
          HttpResponse.json(
            {
              error: {
                name: 'NotAllowedError',
                message:
                  'You do not have the ai-platform.spend.import permission',
              },
              response: { statusCode: 403 },
            },
            { status: 403 },
          ),
        ),
      );
      await expect(client.importFocus(file, 'a.csv')).rejects.toMatchObject({
        name: 'ResponseError',
        statusCode: 403,
        cause: {
          message: 'You do not have the ai-platform.spend.import permission',
        },
      });
    });
  });
});
