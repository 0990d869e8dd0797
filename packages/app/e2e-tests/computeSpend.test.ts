import { expect, test } from '@playwright/test';
import { shot, signInAsGuest, teamRow } from './helpers';

// The spend demo (six months of FOCUS billing through the real importer, then 30 days of
// utilization) loads shortly after start; the OpenCost source of app-config.yaml has no server
// here, so it must show as stale rather than as zero. The page loads its data once, so the test
// reloads until the page shows it.
test('the Compute spend page and the team card show attributed spend, idle cost and budgets', async ({
  page,
}) => {
  // Waits for the demo data, then for the stale source: more than one test's default 90 s.
  test.setTimeout(300_000);
  await signInAsGuest(page);
  // Vision's GPUs are a third busy in the demo: most of its GPU spend is idle. Its idle cost
  // shows once the utilization, loaded after the billing, is in.
  const vision = teamRow(page, 'Computer Vision');
  await expect(async () => {
    await page.goto('/compute-spend');
    await expect(vision.getByText(/^\$[\d,]+ \([\d,]+ h\)$/)).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 120_000 });
  await expect(page.getByTestId('spend-total')).toHaveText(/^\$[\d,]+$/);
  await expect(teamRow(page, 'LLM Research')).toBeVisible();
  await expect(
    page.getByRole('row').filter({
      has: page.getByRole('cell', { name: 'Unallocated', exact: true }),
    }),
  ).toBeVisible();

  await expect(async () => {
    await page.reload();
    await expect(
      page.getByTestId('stale-source').filter({ hasText: 'opencost-gpu-a' }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await expect(vision).toBeVisible();
  await shot(page, 'compute-spend-page');

  // The breakdown's heading names the team by its entity name, as the page shows it.
  // A click on the row (on its spend, not on the team's link) selects the team.
  await vision.getByText(/^\$[\d,]+$/).click();
  await expect(
    page.getByText('Breakdown: vision', { exact: true }),
  ).toBeVisible();
  const breakdown = page.getByTestId('spend-breakdown');
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
