import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { shot, signInAsGuest, teamRow } from './helpers';

const kwh = /[\d,.]+ kWh/;

// The spend demo loads 30 days of utilization and power shortly after start: the vision team's
// exporter sends no power readings, so its energy is estimated from utilization. The page loads
// its data once, so the test reloads until the page shows it.
test('energy and carbon show next to spend for every team, the estimated one marked', async ({
  page,
}) => {
  // Waits up to two minutes for the demo's power rows, then visits three pages.
  test.setTimeout(300_000);
  await signInAsGuest(page);
  const vision = teamRow(page, 'Computer Vision');
  await expect(async () => {
    await page.goto('/compute-spend');
    await expect(vision.getByText(kwh)).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 120_000 });

  await expect(vision.getByText('estimated', { exact: true })).toBeVisible();
  for (const title of [
    'LLM Research',
    'Recommendations',
    'Fraud Detection',
    'ML Platform',
  ]) {
    const row = teamRow(page, title);
    await expect(row.getByText(kwh)).toBeVisible();
    await expect(row.getByText(/ (kg|t)$/)).toBeVisible();
    await expect(row.getByText('estimated', { exact: true })).toHaveCount(0);
  }
  await shot(page, 'energy-spend-page');

  await page.getByRole('button', { name: 'Energy (kWh)' }).click();
  await expect(page.getByText('Energy by team')).toBeVisible();
  await shot(page, 'energy-spend-chart');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV' }).click();
  const csv = await readFile((await (await download).path())!, 'utf8');
  expect(csv.split('\n')[0]).toContain(
    'energy_kwh,estimated_energy_kwh,facility_energy_kwh,carbon_kg,water_l',
  );

  await page.goto('/catalog/default/group/vision');
  const card = page.getByText(/^Energy: /);
  await expect(card).toContainText(kwh, { timeout: 30_000 });
  await expect(card).toContainText('estimated');
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'energy-team-card');
});

// The ranker is produced by recsys-training-pipeline, which runs in recsys's first namespace.
test('a model page shows the training energy of its pipelines', async ({
  page,
}) => {
  await signInAsGuest(page);
  const energy = page.getByTestId('training-energy');
  await expect(async () => {
    await page.goto('/catalog/default/resource/recsys-ranker');
    await expect(energy.getByText(kwh).first()).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 120_000 });
  const contributors = page.getByTestId('energy-contributors');
  await expect(contributors).toContainText('recsys-train');
  await expect(contributors.getByRole('link')).toHaveText(
    /recsys-training-pipeline|Recsys training/i,
  );
  await energy.scrollIntoViewIfNeeded();
  await shot(page, 'energy-model-card');
});
