import { test, expect } from '@playwright/test';
import { shot, signInAsGuest } from './helpers';

// The catalog reads examples/ after start and the pools are synced from it on a schedule; the
// pages load their data once, so the tests reload until the page shows it.

test('the AI Platform page shows the example entities and GPU pools', async ({
  page,
}) => {
  await signInAsGuest(page);
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'AI Platform' }).click();

  await expect(
    page.getByRole('heading', { name: 'AI Platform', level: 1 }),
  ).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByLabel('GPU clusters count')).toHaveText('2', {
      timeout: 5_000,
    });
    await expect(page.getByLabel('AI models count')).toHaveText('4', {
      timeout: 5_000,
    });
    await expect(page.getByLabel('ML pipelines count')).toHaveText('3', {
      timeout: 5_000,
    });
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
  await expect(async () => {
    await page.goto('/catalog/default/group/recsys');
    await expect(page.getByText('AI resources')).toBeVisible({
      timeout: 5_000,
    });
    // The model by its title; the feature view has none, so by its name.
    await expect(
      page.getByRole('link', { name: 'Storefront ranker' }),
    ).toBeVisible({ timeout: 5_000 });
    await expect(
      page.getByRole('link', { name: 'user-activity-features' }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await shot(page, 'team-recsys');
});
