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

/** Picks an option of a select field (a button named by its label, then its value) by its label. */
async function choose(page: Page, field: string, option: string) {
  await page
    .getByRole('button', { name: new RegExp(`^${field}( |$)`) })
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * The form's first two pages: the model (name, team of Recommendations, task, description) and
 * its EU AI Act risk class and intended purpose; it stays on the second page.
 */
async function describeModel(
  page: Page,
  model: {
    name: string;
    task: string;
    riskClass: string;
    purpose: string;
    description?: string;
  },
) {
  await page.goto('/create/templates/default/model-registry-entry');
  await page.getByRole('textbox', { name: 'Name' }).fill(model.name);
  await pick(page, 'Team', 'Recommendations', /Recommendations/);
  await choose(page, 'Task', model.task);
  if (model.description) {
    await page
      .getByRole('textbox', { name: 'Description' })
      .fill(model.description);
  }
  await page.getByRole('button', { name: 'Next' }).click();
  await choose(page, 'Risk class', model.riskClass);
  await page
    .getByRole('textbox', { name: 'Intended purpose' })
    .fill(model.purpose);
}

/** An array field of the form: the innermost part holding its heading and its Add Item button. */
const arrayField = (page: Page, title: string) =>
  page
    .locator('div')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
    .filter({ has: page.getByRole('button', { name: 'Add Item' }) })
    .last();

// A step that cannot find its field fails in seconds, not at the test's timeout.
test.use({ actionTimeout: 30_000 });

// Registry entries cannot be deleted, and names are unique: each run registers its own model.
const runName = (prefix: string) => uniqueName(prefix, '-');

test('a team registers a minimal-risk model, sees how much of its EU AI Act documentation the card holds, and finds it in the catalog', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const name = runName('ticket-router');
  await signInAsGuest(page);
  await describeModel(page, {
    name,
    task: 'text-classification',
    riskClass: 'Minimal risk',
    purpose: 'Routes support tickets to the team that handles their product',
    description: 'A fine-tuned DistilBERT over ticket subjects and bodies',
  });
  // The risk classes and what each implies, in the Act's words as the portal puts them.
  await expect(
    page.getByText(/Prohibited practice \(Article 5\)/).first(),
  ).toBeVisible();
  await shot(page, 'model-registry-risk');
  await page.getByRole('button', { name: 'Next' }).click();

  // Trained on a catalog dataset, evaluated with one metric on named hold-out data.
  const trainingData = arrayField(page, 'Training data');
  await trainingData.getByRole('button', { name: 'Add Item' }).click();
  await pick(
    page,
    'Dataset or feature view',
    'support-conversations',
    /support-conversations/,
  );
  const metrics = arrayField(page, 'Evaluation metrics');
  await metrics.getByRole('button', { name: 'Add Item' }).click();
  await metrics.getByRole('textbox', { name: 'Metric' }).fill('F1 (macro)');
  await metrics.getByLabel('Value').fill('0.87');
  await metrics
    .getByRole('textbox', { name: 'Evaluation data' })
    .fill('tickets-holdout-2026-10');
  await shot(page, 'model-registry-evaluation');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // Purpose, metrics and training data documented; the other six areas marked missing.
  const text = page.getByTestId('text-output-box');
  await expect(
    text.getByText(
      /The model card documents 3 of 9 areas of the EU AI Act's technical documentation/,
    ),
  ).toBeVisible({ timeout: 60_000 });
  await expect(
    text.getByText(/Still missing: .*Human oversight/),
  ).toBeVisible();
  await expect(
    text.getByText(`models/recsys/${name}/README.md`, { exact: true }),
  ).toBeVisible();
  const entityLink = page.getByRole('link', { name: 'Model in the catalog' });
  await expect(entityLink).toBeVisible();
  await shot(page, 'model-registry-done');

  // The ledger brings the model to the catalog as an ai-model of the team, titled by its name.
  await entityLink.click();
  await expect(async () => {
    await page.goto(`/catalog/default/resource/${name}`);
    await expect(page.getByText('ai-model').first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000 });
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  await expect(page.getByText('Recommendations').first()).toBeVisible();
  await shot(page, 'model-registry-entity');

  // Its lineage: the dataset it was trained on, upstream, and no drift monitoring yet.
  await page.getByRole('link', { name: 'Lineage', exact: true }).click();
  await expect(
    page.getByRole('link', { name: 'support-conversations' }),
  ).toBeVisible();
  await expect(page.getByText('No drift monitoring').first()).toBeVisible();
  await shot(page, 'model-registry-lineage');
});

test('a prohibited practice is refused with the reason, and nothing is registered', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const name = runName('social-scorer');
  await signInAsGuest(page);
  await describeModel(page, {
    name,
    task: 'tabular-classification',
    riskClass: 'Prohibited',
    purpose: 'Scores citizens by their social behaviour for public services',
  });
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(
    page
      .getByText(
        /riskClass: a prohibited practice under Article 5 of the EU AI Act cannot be registered/,
      )
      .first(),
  ).toBeVisible({ timeout: 60_000 });
  await shot(page, 'model-registry-refused');

  const { items } = await (await guestApi(page)).get('/model-registry/entries');
  expect(items.map((entry: { name: string }) => entry.name)).not.toContain(
    name,
  );
});
