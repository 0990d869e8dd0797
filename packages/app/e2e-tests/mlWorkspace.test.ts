import {
  expect,
  guestApi,
  isoDay,
  pickTeamAndPool,
  shot,
  signInAsGuest,
  test,
} from './helpers';

const TEAM = 'group:default/ml-platform';
const CLUSTER = 'resource:default/cluster-a';
const GPU_MODEL = 'H100-SXM5-80GB';

// The guest's second team, ML Platform, so the quota tests' GPUs for recsys do not count here.
test('a team creates an ML workspace on GPUs it holds, committed to GitOps and in the catalog', async ({
  page,
  quotaTag,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);

  // GPUs held from today: the workspace draws on them.
  await page.goto('/create/templates/default/gpu-quota');
  await pickTeamAndPool(page, 'ML Platform', /H100-SXM5-80GB on cluster-a/);
  await page.getByLabel('GPUs').fill('2');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('From').fill(isoDay(0));
  await page.getByLabel('Until (not included)').fill(isoDay(7));
  await page
    .getByLabel('What are the GPUs for?')
    .fill(`Notebook work on the ranker features ${quotaTag}`);
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText(/^approved — Auto-approved/)).toBeVisible({
    timeout: 60_000,
  });

  // Workspaces cannot be deleted, and the team's workspaces on a pool may use no more GPUs than
  // it holds there: those earlier runs against this backend created keep 2 GPUs each. Hold quota
  // for them too, through the API and after the request above so that it does not count against
  // the team's auto-approve limit; it is released with the rest when the test ends.
  const api = await guestApi(page);
  const { items: workspaces } = (await api.get('/workspaces')) as {
    items: {
      teamRef: string;
      clusterRef: string;
      gpuModel: string;
      gpuCount: number;
    }[];
  };
  const earlierGpus = workspaces
    .filter(
      w =>
        w.teamRef === TEAM &&
        w.clusterRef === CLUSTER &&
        w.gpuModel === GPU_MODEL,
    )
    .reduce((sum, w) => sum + w.gpuCount, 0);
  if (earlierGpus > 0) {
    const { request } = await api.post('/quotas', {
      teamRef: TEAM,
      clusterRef: CLUSTER,
      gpuModel: GPU_MODEL,
      gpuCount: earlierGpus,
      startsAt: isoDay(0),
      // A week, like the test's own quota: a day would end within minutes near midnight UTC.
      endsAt: isoDay(7),
      justification: `Workspaces of earlier end-to-end runs ${quotaTag}`,
    });
    if (request.status === 'requested') {
      await api.post(`/quotas/${request.id}/approve`);
    }
  }

  const name = `ranker-${Date.now().toString(36)}`;
  await page.goto('/create/templates/default/ml-workspace');
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await pickTeamAndPool(page, 'ML Platform', /H100-SXM5-80GB on cluster-a/);
  await page.getByLabel('GPUs').fill('2');
  // The images app-config.yaml offers (aiPlatform.workspace.images), the first by default.
  await page.getByRole('combobox', { name: 'Image' }).click();
  await page
    .getByRole('option', { name: 'nvcr.io/nvidia/pytorch:24.10-py3' })
    .click();
  await shot(page, 'ml-workspace-step1');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText(/Committed to .*ai-platform-gitops/)).toBeVisible(
    { timeout: 60_000 },
  );
  await shot(page, 'ml-workspace-done');

  // The ledger provider puts the workspace in the catalog, owned by the team.
  await expect(async () => {
    await page.goto(`/catalog/default/resource/${name}`);
    await expect(page.getByText('ml-workspace').first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000 });
  await shot(page, 'ml-workspace-entity');
});
