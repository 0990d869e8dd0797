import { Page } from '@playwright/test';
import {
  expect,
  guestApi,
  pick,
  shot,
  signInAsGuest,
  test,
  uniqueName,
} from './helpers';

/** The first page of the feature-view form: name, team and source dataset. */
async function describeView(page: Page, name: string, dataset: string) {
  await page.goto('/create/templates/default/feature-view');
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await pick(page, 'Team', 'Recommendations', /Recommendations/);
  await pick(page, 'Source dataset', dataset, new RegExp(dataset));
}

// A step that cannot find its field fails in seconds, not at the test's timeout.
test.use({ actionTimeout: 30_000 });

// Feature views cannot be deleted, and names are unique: each run names its own view.
const runName = (prefix: string) => uniqueName(prefix, '_');

test('a team defines a Feast feature view over a dataset, committed to GitOps and in the catalog', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const name = runName('clicks');
  await signInAsGuest(page);
  await describeView(page, name, 'clickstream-events');
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('Storefront engagement of each user, for the ranker');
  await shot(page, 'feature-view-step1');
  await page.getByRole('button', { name: 'Next' }).click();

  // Entity, join key and two features, one of them a list. The form starts each list with one
  // item, as it needs at least one.
  await page.getByRole('textbox', { name: 'Entity', exact: true }).fill('user');
  await page.getByRole('textbox', { name: 'Join key' }).fill('user_id');
  const features: [string, string][] = [
    ['views_7d', 'Int64'],
    ['recent_categories', 'StringList'],
  ];
  for (const [i, [feature, dtype]] of features.entries()) {
    if (i > 0) {
      await page.getByRole('button', { name: 'Add Item' }).last().click();
    }
    await page
      .getByRole('textbox', { name: 'Feature name' })
      .nth(i)
      .fill(feature);
    await page
      .getByRole('button', { name: /^Value type/ })
      .nth(i)
      .click();
    await page.getByRole('option', { name: dtype, exact: true }).click();
  }
  await shot(page, 'feature-view-step2');
  await page.getByRole('button', { name: 'Next' }).click();

  // Serving: the defaults (a day, online), and a tag whose value has quotes in it.
  await page.getByRole('button', { name: 'Add Item' }).click();
  const tagKey = page.getByRole('textbox', { name: 'newKey Key' });
  await tagKey.fill('note');
  await tagKey.blur();
  await page
    .getByRole('textbox', { name: 'note', exact: true })
    .fill('say "hi" to the ranker');
  await shot(page, 'feature-view-step3');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  const repoPath = `feature-repos/recsys/${name}`;
  await expect(
    page.getByText(
      new RegExp(
        `Committed to .*ai-platform-gitops.* under ${repoPath}: ${repoPath}/feature_store.yaml, ${repoPath}/${name}.py`,
      ),
    ),
  ).toBeVisible({ timeout: 60_000 });
  await shot(page, 'feature-view-done');

  // The ledger provider puts the view in the catalog, owned by the team, reading the dataset.
  await expect(async () => {
    await page.goto(`/catalog/default/resource/${name}`);
    await expect(page.getByText('feature-view').first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000 });
  await expect(page.getByText('Recommendations').first()).toBeVisible();
  await expect(
    page.getByText('Storefront engagement of each user, for the ranker'),
  ).toBeVisible();
  await shot(page, 'feature-view-entity');

  // Its lineage: the dataset it reads, upstream.
  await page.getByRole('link', { name: 'Lineage', exact: true }).click();
  await expect(
    page.getByRole('link', { name: 'clickstream-events' }),
  ).toBeVisible();
  await shot(page, 'feature-view-lineage');
});

test('a dataset no Feast source reads is refused, naming the dataset, and nothing is recorded', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const name = runName('cards');
  await signInAsGuest(page);
  await describeView(page, name, 'card-transactions');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('textbox', { name: 'Entity', exact: true }).fill('card');
  await page.getByRole('textbox', { name: 'Join key' }).fill('card_id');
  await page.getByRole('textbox', { name: 'Feature name' }).fill('txn_1h');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(
    page
      .getByText(
        /datasetRef: resource:default\/card-transactions is stored as "delta", which no Feast source here reads/,
      )
      .first(),
  ).toBeVisible({ timeout: 60_000 });
  await shot(page, 'feature-view-refused');

  // Refused before the platform recorded anything: no view of that name, so none in the catalog.
  const { items } = (await (await guestApi(page)).get('/feature-views')) as {
    items: { name: string }[];
  };
  expect(items.map(view => view.name)).not.toContain(name);
});
