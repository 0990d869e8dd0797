import { expect, test } from '@playwright/test';
import { shot, signInAsGuest } from './helpers';

// The demo data (examples/demo/drift.yaml) is evaluated by the drift engine shortly after start.
test('the Model drift page and the drift card show computed statuses', async ({
  page,
}) => {
  await signInAsGuest(page);
  await expect(async () => {
    await page.goto('/model-drift');
    await expect(page.getByText('Models (3)')).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 90_000 });
  const rows = page.getByRole('row');
  await expect(
    rows.filter({ hasText: 'Card fraud scorer' }).getByText('Drifted'),
  ).toBeVisible();
  await expect(
    rows.filter({ hasText: 'Storefront ranker' }).getByText('Warning'),
  ).toBeVisible();
  await expect(
    rows.filter({ hasText: 'Product image classifier' }).getByText('OK'),
  ).toBeVisible();
  await shot(page, 'model-drift-page');

  await page.goto('/catalog/default/resource/fraud-scorer');
  await expect(page.getByText(/features drifted/)).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    page.getByRole('cell', { name: 'amount_usd', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('cell', { name: 'Wasserstein (normed)' }).first(),
  ).toBeVisible();
  await shot(page, 'model-drift-card');
});
