import { expect, shot, signInAsGuest, test } from './helpers';

test.use({ actionTimeout: 30_000 });

// The demo fabric: a two-tier fat tree of 8 spines and 16 leaves under 128 GPU nodes, with a
// cable down, one at half width and one flapping. It only reads what the demo seeds.
test('the Network fabric page shows the fat tree, its unhealthy links and the teams behind them', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);
  // The first collection runs seconds after the backend starts.
  await expect(async () => {
    await page.goto('/network-fabric');
    await expect(
      page.getByRole('link', { name: 'InfiniBand fabric (east)' }).first(),
    ).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 120_000 });
  await expect(
    page.getByRole('heading', { name: 'Network fabric' }).first(),
  ).toBeVisible();
  await expect(
    page.getByText(/links: \d+ healthy, .*degraded/).first(),
  ).toBeVisible();
  await expect(page.getByText('Topology', { exact: true })).toBeVisible();
  await shot(page, 'network-fabric-page');

  // The half-width cable, from the fabric's worst links: why, and whose work it slows.
  await page.getByText('spine-03 port 5 ↔ leaf-05 port 11').first().click();
  await expect(page.getByText('InfiniBand link')).toBeVisible();
  await expect(page.getByText('width 2×, expected 4×').first()).toBeVisible();
  await expect(page.getByText('Teams affected').first()).toBeVisible();
  await expect(page.getByText('Counters over time')).toBeVisible();
  await shot(page, 'network-fabric-link');
});

test('a network fabric entity shows its health, worst links, the teams affected and where it differs from what was declared', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);
  await expect(async () => {
    await page.goto('/catalog/default/resource/ib-fabric-east');
    await expect(page.getByText('Worst links')).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 120_000 });
  await expect(page.getByText('link is down').first()).toBeVisible();
  await expect(page.getByText('Teams affected')).toBeVisible();
  await expect(
    page.getByText(/Differs from the declared topology/),
  ).toBeVisible();
  await shot(page, 'network-fabric-entity');

  // The cluster's page: its share of the fabric and its GPU pools.
  await page.goto('/catalog/default/resource/cluster-a');
  await expect(page.getByText('GPU pools')).toBeVisible();
  await expect(page.getByText('H100-SXM5-80GB').first()).toBeVisible();
  await expect(page.getByText('Worst links')).toBeVisible();
  await shot(page, 'network-fabric-cluster');
});
