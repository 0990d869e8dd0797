import { readFile } from 'node:fs/promises';
import { expect, shot, signInAsGuest, test } from './helpers';

test.use({ actionTimeout: 30_000 });

// The example catalog's models stand at different levels: the fraud scorer silver (its card
// lacks post-market monitoring, and it has drifted), the ranker bronze, the assistant at none.
test("a model's scorecard says which checks fail and how to fix them, and hands over its evidence pack", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);
  await expect(async () => {
    await page.goto('/catalog/default/resource/fraud-scorer');
    await expect(page.getByText('How to fix').first()).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 120_000 });
  const card = page;
  // Evaluated now, on demand, rather than at the last scheduled run.
  await card.getByRole('button', { name: /Re-evaluate/ }).click();
  await expect(card.getByText(/Evaluated/).first()).toBeVisible();
  await expect(card.getByTestId('level-silver').first()).toBeVisible();
  await expect(
    card.getByText('Model card documents: Post-market monitoring').first(),
  ).toBeVisible();
  await expect(
    card.getByText(/modelCard\.completeness is 0\.889, below 1/).first(),
  ).toBeVisible();
  await shot(page, 'compliance-scorecard');

  // The evidence pack as PDF: a real PDF, for an auditor.
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: /PDF/ }).click();
  const file = await (await download).path();
  expect((await readFile(file)).subarray(0, 5).toString()).toBe('%PDF-');
});

test('the Compliance page shows each team by category and the trend', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);
  await expect(async () => {
    await page.goto('/compliance');
    await expect(
      page.getByRole('table', { name: 'Pass rate by team and category' }),
    ).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 120_000 });
  const table = page.getByRole('table', {
    name: 'Pass rate by team and category',
  });
  await expect(
    table.getByRole('columnheader', { name: 'EU AI Act' }),
  ).toBeVisible();
  await expect(
    table.getByRole('link', { name: 'Fraud Detection' }),
  ).toBeVisible();
  await expect(page.getByText('Pass rate over time')).toBeVisible();
  await shot(page, 'compliance-page');
});
