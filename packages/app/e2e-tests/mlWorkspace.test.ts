import path from 'node:path';
import { test, expect, Page } from '@playwright/test';

const shot = (page: Page, name: string) =>
  page.screenshot({
    path: path.resolve(__dirname, '../../../screenshots', `${name}.png`),
    fullPage: true,
  });

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

// ML Platform, the guest's second team, so the GPU quota tests' use of recsys does not count here.
async function pickTeamAndPool(page: Page, pool: RegExp) {
  const team = page.getByRole('textbox', { name: 'Team' });
  await team.click();
  await team.fill('ML Platform');
  await page
    .getByRole('option', { name: /ML Platform/ })
    .first()
    .click();
  await page.getByRole('combobox', { name: 'GPU pool' }).click();
  await page.getByRole('option', { name: pool }).click();
}

const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test('a team creates an ML workspace on GPUs it holds, committed to GitOps and in the catalog', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);

  // GPUs held from today: the workspace draws on them.
  await page.goto('/create/templates/default/gpu-quota');
  await pickTeamAndPool(page, /H100-SXM5-80GB on cluster-a/);
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
  await pickTeamAndPool(page, /H100-SXM5-80GB on cluster-a/);
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
