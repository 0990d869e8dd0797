import { test, expect } from '@playwright/test';
import { shot, signInAsGuest } from './helpers';

test('the AI Platform page shows the example entities and GPU pools', async ({
  page,
}) => {
  await signInAsGuest(page);
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'AI Platform' }).click();

  await expect(
    page.getByRole('heading', { name: 'AI Platform', level: 1 }),
  ).toBeVisible();
  await expect(page.getByLabel('GPU clusters count')).toHaveText('2');
  await expect(page.getByLabel('AI models count')).toHaveText('4');
  await expect(page.getByLabel('ML pipelines count')).toHaveText('3');
  // Pools are synced from the catalog on a schedule: reload until they are in.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText('GPU capacity · 96 GPUs')).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000 });
  await expect(
    page.getByRole('cell', { name: 'H100-SXM5-80GB' }),
  ).toBeVisible();
  await shot(page, 'ai-platform-page');
});

test("a team's page lists the team's AI resources", async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/group/recsys');
  await expect(page.getByText('AI resources')).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Storefront ranker' }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'user-activity-features' }),
  ).toBeVisible();
  await shot(page, 'team-recsys');
});
