import { TestDatabases } from '@backstage/backend-test-utils';
import { quotaRequestInputSchema } from '@ai-platform/plugin-ai-platform-common';
import {
  actor,
  CLUSTER,
  createLedger,
  requestInput,
} from '../__testUtils__/ledger';

const recsys = actor('group:default/recsys', 'user:default/priya.raman');
const admin = actor('group:default/ml-platform', 'user:default/amara.okafor');

describe('QuotaService', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('auto-approves within the team limit and tells the requester', async () => {
      const { service, notifications } = await createLedger(
        databases,
        databaseId,
      );
      const { request, decision } = await service.request(requestInput(), {
        actor: recsys,
      });
      expect(request).toMatchObject({
        status: 'approved',
        decidedBy: 'policy:auto-approve',
        gpuCount: 4,
      });
      expect(decision).toMatchObject({
        status: 'approved',
        peakAllocated: 0,
        capacity: 64,
      });
      expect(notifications.send).toHaveBeenCalledWith(
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: 'user:default/priya.raman' },
          payload: expect.objectContaining({
            title: expect.stringContaining('GPU quota approved'),
            // Where the GPU quotas page is mounted (plugins/ai-platform/src/alpha.tsx).
            link: '/gpu-quotas',
          }),
        }),
      );
    });

    it('holds requests above the team limit for an admin, who approves or denies', async () => {
      const { service, store } = await createLedger(databases, databaseId);
      await service.request(requestInput({ gpuCount: 6 }), { actor: recsys });
      const { request } = await service.request(requestInput({ gpuCount: 6 }), {
        actor: recsys,
      });
      expect(request?.status).toBe('requested');

      const approved = await service.approve(
        request!.id,
        admin,
        'Training run agreed in planning',
      );
      expect(approved).toMatchObject({
        status: 'approved',
        decidedBy: 'user:default/amara.okafor',
        decisionReason: 'Training run agreed in planning',
      });
      await expect(service.deny(request!.id, admin)).rejects.toThrow(
        /is approved, not waiting/,
      );

      const { request: third } = await service.request(
        requestInput({ gpuCount: 2 }),
        { actor: recsys },
      );
      expect(
        (await service.deny(third!.id, admin, 'Use spot capacity')).status,
      ).toBe('denied');
      expect((await store.get(third!.id))?.decisionReason).toBe(
        'Use spot capacity',
      );
    });

    it('refuses approval when the pool filled up meanwhile', async () => {
      const { service } = await createLedger(databases, databaseId, 16);
      const { request: big } = await service.request(
        requestInput({ gpuCount: 12 }),
        { actor: recsys },
      );
      expect(big?.status).toBe('requested');
      const llm = actor('group:default/llm-research');
      await service.request(
        requestInput({ teamRef: 'group:default/llm-research', gpuCount: 8 }),
        { actor: llm },
      );
      await expect(service.approve(big!.id, admin)).rejects.toThrow(
        'Cannot approve: only 8 of 16 GPUs are free for the whole window',
      );
    });

    it('names the field of every bad request', async () => {
      const { service } = await createLedger(databases, databaseId);
      const refuse = (overrides: Record<string, unknown>) =>
        service.request(
          quotaRequestInputSchema.parse(requestInput(overrides)),
          { actor: recsys },
        );
      await expect(
        refuse({ clusterRef: 'resource:default/nope' }),
      ).rejects.toThrow(
        'clusterRef: there is no GPU cluster resource:default/nope',
      );
      await expect(refuse({ gpuModel: 'A100-40GB' })).rejects.toThrow(
        `gpuModel: ${CLUSTER} has no A100-40GB pool; it has H100-SXM5-80GB`,
      );
      await expect(refuse({ gpuCount: 65 })).rejects.toThrow(
        "gpuCount: 65 GPUs exceed the pool's capacity of 64",
      );
      await expect(refuse({ endsAt: '2027-06-01T00:00:00Z' })).rejects.toThrow(
        'endsAt: the window is 182 days; policy allows at most 90',
      );
      await expect(
        refuse({
          startsAt: '2026-11-01T00:00:00Z',
          endsAt: '2026-11-02T00:00:00Z',
        }),
      ).rejects.toThrow('endsAt: must be in the future');
      await expect(
        refuse({ teamRef: 'group:default/fraud-detection' }),
      ).rejects.toThrow(
        'teamRef: you are not a member of group:default/fraud-detection',
      );
    });

    it('answers a retried request with the first one, and stores nothing in a dry run', async () => {
      const { service, store } = await createLedger(databases, databaseId);
      const dry = await service.request(requestInput(), {
        actor: recsys,
        dryRun: true,
      });
      expect(dry.request).toBeUndefined();
      expect(dry.decision.status).toBe('approved');
      expect(await store.list({})).toEqual([]);

      const first = await service.request(requestInput(), {
        actor: recsys,
        idempotencyKey: 'task-1',
      });
      const retry = await service.request(requestInput(), {
        actor: recsys,
        idempotencyKey: 'task-1',
      });
      expect(retry.request?.id).toBe(first.request?.id);
      expect(await store.list({})).toHaveLength(1);
    });

    it('releases held quota for the team only, and moves quotas through their lifecycle', async () => {
      const { service, store } = await createLedger(databases, databaseId);
      const { request } = await service.request(requestInput(), {
        actor: recsys,
      });
      await expect(
        service.release(
          request!.id,
          actor('group:default/vision', 'user:default/sofia.rossi'),
        ),
      ).rejects.toThrow(
        'Only members of group:default/recsys may release its quota',
      );

      const { request: other } = await service.request(
        requestInput({ gpuCount: 2 }),
        { actor: recsys },
      );
      expect((await service.release(other!.id, recsys)).status).toBe(
        'released',
      );
      await expect(service.release(other!.id, recsys)).rejects.toThrow(
        /only held quota/,
      );

      expect(
        await store.advanceLifecycle(new Date('2026-12-02T00:00:00Z')),
      ).toEqual({ activated: 1, expired: 0 });
      expect((await store.get(request!.id))?.status).toBe('active');
      expect(
        await store.advanceLifecycle(new Date('2026-12-09T00:00:00Z')),
      ).toEqual({ activated: 0, expired: 1 });
      expect((await store.get(request!.id))?.status).toBe('expired');
    });
  });
});
