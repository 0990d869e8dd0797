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

test.use({ actionTimeout: 30_000 });

// Pipelines cannot be deleted, and names are unique: each run names its own.
const runName = (prefix: string) => uniqueName(prefix, '-');

/** Picks one entity of a multi-entity field by typing part of its name. */
async function pickEntity(page: Page, field: string, name: string) {
  await pick(page, field, name, new RegExp(name));
  await page.keyboard.press('Escape');
}

/**
 * The form's pages up to the data-quality gate: an Airflow pipeline of Recommendations on
 * schedule `0 2 * * *` in Berlin, reading the clickstream and training the storefront ranker.
 */
async function describePipeline(page: Page, name: string) {
  await page.goto('/create/templates/default/ml-pipeline');
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await pick(page, 'Team', 'Recommendations', /Recommendations/);
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('Nightly retraining of the storefront ranker');
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('textbox', { name: 'Time zone' }).fill('Europe/Berlin');
  // The schedule field lists the next runs as the clocks in Berlin show them.
  await expect(page.getByText(/02:00/).first()).toBeVisible();
  await shot(page, 'ml-pipeline-schedule');
  await page.getByRole('button', { name: 'Next' }).click();

  await pickEntity(page, 'Inputs', 'clickstream-events');
  await pickEntity(page, 'Outputs', 'Storefront ranker');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
}

/** Adds one rule to the data-quality gate. */
async function addRule(page: Page, check: string, column: string) {
  await page.getByRole('button', { name: 'Add Item' }).click();
  await page
    .getByRole('button', { name: /^Check/ })
    .last()
    .click();
  await page.getByRole('option', { name: check, exact: true }).click();
  await page.getByRole('textbox', { name: 'Column' }).last().fill(column);
}

test('a team schedules a training pipeline with a data-quality gate, committed to GitOps and in the catalog with its lineage', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const name = runName('ranker-retrain');
  await signInAsGuest(page);
  await describePipeline(page, name);
  await addRule(page, 'Unique values', 'event_id');
  await shot(page, 'ml-pipeline-quality');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // The result page opens on the next runs, 02:00 in Berlin being 01:00 UTC in winter.
  const text = page.getByTestId('text-output-box');
  await expect(
    text.getByText(
      /0 2 \* \* \* in Europe\/Berlin; the next runs \(UTC\): .*T01:00:00/,
    ),
  ).toBeVisible({ timeout: 60_000 });
  const repoPath = `pipelines/recsys/${name}`;
  await page.getByRole('button', { name: 'Pipeline files' }).click();
  await expect(
    text.getByText(new RegExp(`${repoPath}/dag\\.py`)).first(),
  ).toBeVisible();
  await expect(
    text.getByText(
      new RegExp(`${repoPath}/quality/ds_clickstream_events\\.yml`),
    ),
  ).toBeVisible();
  await shot(page, 'ml-pipeline-done');

  // The ledger provider puts the pipeline in the catalog: a Component of the team.
  await expect(async () => {
    await page.goto(`/catalog/default/component/${name}`);
    await expect(page.getByText('ml-pipeline').first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000 });
  await expect(page.getByText('Recommendations').first()).toBeVisible();
  await expect(page.getByText('Europe/Berlin').first()).toBeVisible();
  // No Airflow is configured for the demo: the card says so, not "no runs".
  await expect(
    page.getByText(/No Airflow API is configured/).first(),
  ).toBeVisible();
  await shot(page, 'ml-pipeline-entity');

  // Its lineage: the dataset it reads upstream, the model it produces downstream.
  await page.getByRole('link', { name: 'Lineage', exact: true }).click();
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByRole('link', { name: 'Storefront ranker' }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await expect(
    page.getByRole('link', { name: 'clickstream-events' }),
  ).toBeVisible();
  await shot(page, 'ml-pipeline-lineage');
});

test('a rule on a column the dataset does not have is refused, naming the field, and nothing is recorded', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const name = runName('ranker-badrule');
  await signInAsGuest(page);
  await describePipeline(page, name);
  await addRule(page, 'No missing values', 'shoe_size');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(
    page
      .getByText(
        /qualityChecks\.0\.column: resource:default\/clickstream-events declares no column shoe_size/,
      )
      .first(),
  ).toBeVisible({ timeout: 60_000 });
  await shot(page, 'ml-pipeline-refused');

  const { items } = (await (await guestApi(page)).get('/pipelines')) as {
    items: { name: string }[];
  };
  expect(items.map(pipeline => pipeline.name)).not.toContain(name);
});
