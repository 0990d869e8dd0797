import { expect, test } from '@playwright/test';
import { shot, signInAsGuest } from './helpers';

// The demo data (examples/demo/drift.yaml) is evaluated by the drift engine shortly after start,
// and the page takes the models' titles from the catalog, which reads them after start too: the
// page loads its data once, so the test reloads until it shows the computed statuses by title.
test('the Model drift page and the drift card show computed statuses', async ({
  page,
}) => {
  await signInAsGuest(page);
  const rows = page.getByRole('row');
  await expect(async () => {
    await page.goto('/model-drift');
    await expect(page.getByText('Models (3)')).toBeVisible({ timeout: 5_000 });
    await expect(
      rows
        .filter({ hasText: 'Card fraud scorer' })
        .getByText('Drifted', { exact: true }),
    ).toBeVisible({ timeout: 5_000 });
    await expect(
      rows
        .filter({ hasText: 'Storefront ranker' })
        .getByText('Warning', { exact: true }),
    ).toBeVisible({ timeout: 5_000 });
    await expect(
      rows
        .filter({ hasText: 'Product image classifier' })
        .getByText('OK', { exact: true }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await shot(page, 'model-drift-page');

  await expect(async () => {
    await page.goto('/catalog/default/resource/fraud-scorer');
    await expect(page.getByText(/features drifted/)).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(
    page.getByRole('cell', { name: 'amount_usd', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('cell', { name: 'Wasserstein (normed)' }).first(),
  ).toBeVisible();
  await shot(page, 'model-drift-card');
});
