import { expect, test } from '@playwright/test';
import { shot, signInAsGuest } from './helpers';

// The spend demo (six months of FOCUS billing through the real importer, 30 days of
// utilization) loads shortly after start; the OpenCost source of app-config.yaml has no server
// here, so it must show as stale rather than as zero.
test('the Compute spend page and the team card show attributed spend, idle cost and budgets', async ({
  page,
}) => {
  await signInAsGuest(page);
  await expect(async () => {
    await page.goto('/compute-spend');
    await expect(page.getByTestId('spend-total')).toBeVisible({
      timeout: 3000,
    });
  }).toPass({ timeout: 120_000 });

  const rows = page.getByRole('row');
  await expect(rows.filter({ hasText: 'llm-research' })).toBeVisible();
  await expect(rows.filter({ hasText: 'Unallocated' })).toBeVisible();
  // Vision's GPUs are a third busy in the demo: most of its GPU spend is idle.
  await expect(
    rows.filter({ hasText: 'vision' }).getByText(/\$[\d,]+ \([\d,]+ h\)/),
  ).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByTestId('stale-source').filter({ hasText: 'opencost-gpu-a' }),
    ).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 60_000 });
  await shot(page, 'compute-spend-page');

  await rows.filter({ hasText: 'vision' }).first().click();
  const breakdown = page.getByTestId('spend-breakdown');
  await expect(page.getByText('Breakdown: vision')).toBeVisible();
  await expect(breakdown.getByText('NVIDIA H100 80GB HBM3')).toBeVisible();
  await expect(breakdown.getByText('gpu', { exact: true })).toBeVisible();
  await shot(page, 'compute-spend-drilldown');

  await page.getByRole('button', { name: 'Last 12 months' }).click();
  await expect(page.getByText('per month')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(
    /^compute-spend-.*\.csv$/,
  );

  await page.goto('/catalog/default/group/vision');
  await expect(page.getByTestId('idle-share')).toContainText('% of spend', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('budget-state')).toContainText('Forecast');
  await page.getByTestId('idle-share').scrollIntoViewIfNeeded();
  await shot(page, 'team-spend-card');
});
