import { QuotaRequest } from '@ai-platform/plugin-ai-platform-common';
import { spendConfig } from '../__testUtils__/fixtures';
import { QuotaConnector } from './quota';
import { PullBatch } from './types';

const quota = (overrides: Partial<QuotaRequest>): QuotaRequest => ({
  id: 'q1',
  teamRef: 'group:default/recsys',
  clusterRef: 'resource:default/cluster-a',
  gpuModel: 'H100-SXM5-80GB',
  gpuCount: 8,
  startsAt: '2026-11-20T12:00:00.000Z',
  endsAt: '2026-11-22T00:00:00.000Z',
  preemptible: false,
  justification: 'ranking retrain',
  status: 'active',
  requestedBy: 'user:default/priya.raman',
  createdAt: '2026-11-19T00:00:00.000Z',
  ...overrides,
});

describe('QuotaConnector', () => {
  it('prices reserved GPU-hours per day at the pool rate, spot when preemptible', async () => {
    const held = [
      quota({}),
      quota({
        id: 'q2',
        gpuCount: 2,
        preemptible: true,
        teamRef: 'group:default/vision',
      }),
    ];
    const list = jest.fn(async ({ from, to }: { from?: Date; to?: Date }) =>
      held.filter(
        q =>
          Date.parse(q.startsAt) < to!.getTime() &&
          Date.parse(q.endsAt) > from!.getTime(),
      ),
    );
    const connector = new QuotaConnector(
      { kind: 'quota', id: 'ledger', backfillDays: 7 },
      spendConfig,
      { list },
    );
    const batches: PullBatch[] = [];
    const now = Date.parse('2026-11-21T06:00:00Z');
    for await (const b of connector.pull(
      Date.parse('2026-11-20T00:00:00Z'),
      now,
    ))
      batches.push(b);

    expect(list).toHaveBeenCalledWith(
      expect.objectContaining({ statuses: ['approved', 'active', 'expired'] }),
    );
    expect(batches.map(b => b.watermark)).toEqual([
      Date.parse('2026-11-21T00:00:00Z'),
      // Today is pulled again: a release later today shortens it.
      Date.parse('2026-11-21T00:00:00Z'),
    ]);
    const [day1, today] = batches.map(b => b.rows);
    expect(
      day1.map(r => [r.team, r.gpuModel, r.pricingClass, r.gpuHours, r.cost]),
    ).toEqual([
      [
        'group:default/recsys',
        'NVIDIA H100 80GB HBM3',
        'reserved',
        96,
        96 * 2.5,
      ],
      ['group:default/vision', 'NVIDIA H100 80GB HBM3', 'spot', 24, 24 * 1.5],
    ]);
    // Up to now only, never ahead.
    expect(today.map(r => r.gpuHours)).toEqual([48, 12]);
  });
});
