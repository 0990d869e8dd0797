import { test, expect } from '@playwright/test';
import { isoDay, pickTeamAndPool, shot, signInAsGuest } from './helpers';

// The guest's second team, ML Platform, so the quota tests' GPUs for recsys do not count here.
test('a team creates an ML workspace on GPUs it holds, committed to GitOps and in the catalog', async ({
  page,
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
    .fill('Notebook work on the ranker features');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText(/^approved — Auto-approved/)).toBeVisible({
    timeout: 60_000,
  });

  const name = `ranker-${Date.now().toString(36)}`;
  await page.goto('/create/templates/default/ml-workspace');
  await page.getByLabel('Name').fill(name);
  await pickTeamAndPool(page, 'ML Platform', /H100-SXM5-80GB on cluster-a/);
  await page.getByLabel('GPUs').fill('2');
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
