import { TestDatabases } from '@backstage/backend-test-utils';
import {
  actor,
  CLUSTER,
  createLedger,
  H100,
  NOW,
  requestInput,
} from '../__testUtils__/ledger';
import { DatabaseWorkspaceStore } from './DatabaseWorkspaceStore';
import { WorkspaceService } from './WorkspaceService';

const recsys = actor('group:default/recsys', 'user:default/priya.raman');

const workspace = (overrides: Record<string, unknown> = {}) => ({
  name: 'ranker-dev',
  teamRef: 'group:default/recsys',
  clusterRef: CLUSTER,
  gpuModel: H100,
  gpuCount: 2,
  image: 'quay.io/jupyter/pytorch-notebook:cuda12-2024-11-18',
  ...overrides,
});

describe('WorkspaceService', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup(images?: string[]) {
      const ledger = await createLedger(databases, databaseId);
      const store = new DatabaseWorkspaceStore(await ledger.knex);
      const service = new WorkspaceService({
        store,
        pools: ledger.pools,
        quotas: ledger.service,
        images,
        now: () => NOW,
      });
      // A quota the team holds now: from an hour ago to a week ahead.
      await ledger.service.request(
        requestInput({
          gpuCount: 4,
          startsAt: new Date(NOW.getTime() - 3_600_000).toISOString(),
          endsAt: new Date(NOW.getTime() + 7 * 86_400_000).toISOString(),
        }),
        { actor: recsys },
      );
      return { service, store };
    }

    it("creates workspaces within the team's held quota and refuses beyond it", async () => {
      const { service, store } = await setup();
      const { workspace: first, decision } = await service.create(workspace(), {
        actor: recsys,
      });
      expect(first).toMatchObject({
        name: 'ranker-dev',
        gpuCount: 2,
        createdBy: 'user:default/priya.raman',
      });
      expect(decision).toEqual({ teamQuotaGpus: 4, usedByOtherWorkspaces: 0 });

      await expect(
        service.create(workspace({ name: 'ranker-big', gpuCount: 3 }), {
          actor: recsys,
        }),
      ).rejects.toThrow(
        'gpuCount: group:default/recsys holds 4 H100-SXM5-80GB GPUs on resource:default/cluster-a now and its workspaces use 2',
      );
      await expect(
        service.create(workspace(), { actor: recsys }),
      ).rejects.toThrow('name: a workspace named ranker-dev already exists');
      expect(await store.list()).toHaveLength(1);
    });

    it('checks without storing in a dry run, and replays a retried task', async () => {
      const { service, store } = await setup();
      const dry = await service.create(workspace(), {
        actor: recsys,
        dryRun: true,
      });
      expect(dry.workspace).toBeUndefined();
      expect(await store.list()).toEqual([]);
      // A scaffolder task retried: the same key twice gives the first workspace back.
      const ids: Array<string | undefined> = [];
      for (const _attempt of [1, 2]) {
        const { workspace: created } = await service.create(workspace(), {
          actor: recsys,
          idempotencyKey: 'task-7',
        });
        ids.push(created?.id);
      }
      expect(ids[1]).toBe(ids[0]);
      expect(await store.list()).toHaveLength(1);
    });

    it("refuses other teams' workspaces and unknown pools", async () => {
      const { service } = await setup();
      await expect(
        service.create(workspace({ teamRef: 'group:default/vision' }), {
          actor: recsys,
        }),
      ).rejects.toThrow(
        'teamRef: you are not a member of group:default/vision',
      );
      await expect(
        service.create(workspace({ gpuModel: 'B200' }), { actor: recsys }),
      ).rejects.toThrow(`gpuModel: there is no B200 pool on ${CLUSTER}`);
    });

    it('runs only the images the platform offers, when it lists them', async () => {
      const offered = [workspace().image];
      const { service, store } = await setup(offered);
      await expect(
        service.create(
          workspace({ name: 'other-image', image: 'docker.io/python:3.12' }),
          { actor: recsys },
        ),
      ).rejects.toThrow(
        `image: docker.io/python:3.12 is not one of the workspace images the platform allows: ${offered[0]}`,
      );
      await service.create(workspace(), { actor: recsys });
      expect((await store.list()).map(w => w.image)).toEqual(offered);
    });
  });
});
