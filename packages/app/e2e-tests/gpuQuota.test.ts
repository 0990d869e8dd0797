import {
  expect,
  isoDay,
  pickTeamAndPool,
  shot,
  signInAsGuest,
  test,
} from './helpers';

// Both tests ask for Recommendations' GPUs, and the auto-approve policy counts what the team
// already holds in the window. Each releases its quota when it ends (see `quotaTag`), and their
// windows do not overlap besides, so neither depends on whether the other ran first.

test('a team member gets GPU quota through the gpu-quota golden path', async ({
  page,
  quotaTag,
}) => {
  const justification = `Retraining the storefront ranker on the holiday season data ${quotaTag}`;
  await signInAsGuest(page);
  await page.goto('/create/templates/default/gpu-quota');

  // Step 1: team, pool (with its free capacity), count.
  // The picker shows each pool's free GPUs.
  await pickTeamAndPool(
    page,
    'Recommendations',
    /H100-SXM5-80GB on cluster-a — \d+ of 64 free/,
  );
  await page.getByLabel('GPUs').fill('4');
  await shot(page, 'gpu-quota-step1');
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 2: window and purpose; the form refuses a short justification.
  await page.getByLabel('From').fill(isoDay(1));
  await page.getByLabel('Until (not included)').fill(isoDay(8));
  await page.getByLabel('What are the GPUs for?').fill('gpus');
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(
    page.getByText('must NOT have fewer than 10 characters', { exact: true }),
  ).toBeVisible();
  await page.getByLabel('What are the GPUs for?').fill(justification);
  await page.getByRole('button', { name: 'Review' }).click();

  // Review, then run.
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText(/^approved — Auto-approved/)).toBeVisible({
    timeout: 60_000,
  });
  await shot(page, 'gpu-quota-done');

  // The quota shows on the GPU quotas page, under the team's quotas, as approved.
  await page.getByRole('link', { name: 'GPU quotas' }).first().click();
  await expect(
    page.getByRole('heading', { name: 'GPU quotas', level: 1 }),
  ).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: justification });
  await expect(row).toHaveCount(1);
  await expect(row.getByText('approved', { exact: true })).toBeVisible();
  await shot(page, 'gpu-quotas-page');
});

test('a request above the team limit waits for a platform admin, who approves it', async ({
  page,
  quotaTag,
}) => {
  const justification = `Hyper-parameter sweep for the two-tower retrieval model ${quotaTag}`;
  await signInAsGuest(page);
  await page.goto('/create/templates/default/gpu-quota');
  await pickTeamAndPool(page, 'Recommendations', /H200-SXM-141GB on cluster-b/);
  await page.getByLabel('GPUs').fill('12');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('From').fill(isoDay(10));
  await page.getByLabel('Until (not included)').fill(isoDay(13));
  await page.getByLabel('What are the GPUs for?').fill(justification);
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(
    page.getByText(/^requested — Waiting for a platform admin/),
  ).toBeVisible({
    timeout: 60_000,
  });

  // The guest is also in ml-platform, the approver group: the page offers the decision.
  await page.goto('/gpu-quotas');
  // The request is a row of the pending requests, with the decision, and of the team's quotas.
  const rows = page.getByRole('row').filter({ hasText: justification });
  const approve = rows.getByRole('button', { name: 'Approve' });
  await expect(approve).toBeVisible();
  await shot(page, 'gpu-quotas-pending');
  await approve.click();
  await expect(
    page.getByText(/Approved: 12× H200-SXM-141GB for group:default\/recsys/),
  ).toBeVisible();
  // Decided, it leaves the pending requests and shows as approved under the team's quotas.
  await expect(rows).toHaveCount(1);
  await expect(rows.getByText('approved', { exact: true })).toBeVisible();
  await shot(page, 'gpu-quotas-approved');
});
