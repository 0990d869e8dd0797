import { expect, Page, test } from '@playwright/test';
import { shot, signInAsGuest } from './helpers';

/** Every response of the page's session that answered 5xx, as `status method url`. */
function serverErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('response', response => {
    if (response.status() >= 500) {
      errors.push(
        `${response.status()} ${response.request().method()} ${response.url()}`,
      );
    }
  });
  return errors;
}

// Search collates the catalog and the portal's docs (built before start by scripts/techdocs)
// 20 s after start, then every two minutes; the test reloads until both indexes answer.
test('search finds entities and docs, and no page of the portal answers 5xx', async ({
  page,
}) => {
  // Waits for the first collation, then visits every page of the portal.
  test.setTimeout(360_000);
  await signInAsGuest(page);
  await expect(async () => {
    await page.goto('/search?query=gpu');
    await expect(
      page.getByRole('link', { name: 'GPU quota', exact: true }),
    ).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 120_000 });

  await expect(async () => {
    await page.goto('/search?query=recipe');
    await page.getByText('Documentation', { exact: true }).click();
    await expect(
      page.getByRole('link', {
        name: /^Architecture: one recipe for every domain/,
      }),
    ).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 150_000 });
  await shot(page, 'search-docs');

  // From here on, once the indexes exist, nothing may answer 5xx.
  const errors = serverErrors(page);
  for (const [path, heading] of [
    ['/search?query=gpu', 'GPU quota'],
    ['/', 'AI Platform'],
    ['/catalog', 'AI Platform portal'],
    ['/compute-spend', 'Compute spend'],
    ['/gpu-quotas', 'GPU quotas'],
    ['/model-drift', 'Model drift'],
    ['/network-fabric', 'Network fabric'],
    ['/compliance', 'Compliance'],
    ['/create', 'ML workspace'],
    ['/api-docs', 'APIs'],
    ['/docs', 'AI Platform portal'],
    ['/docs/default/component/ai-platform-portal', 'AI Platform for Backstage'],
    ['/catalog/default/component/ai-platform-portal', 'AI Platform portal'],
    ['/catalog/default/resource/recsys-ranker', 'Storefront ranker'],
    ['/catalog/default/resource/cluster-a', 'cluster-a (H100)'],
    ['/catalog/default/group/vision', 'Computer Vision'],
    [
      '/catalog/default/component/recsys-training-pipeline',
      'recsys-training-pipeline',
    ],
  ]) {
    await page.goto(path);
    await expect(page.getByText(heading).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  for (const type of ['Software Catalog', 'Documentation']) {
    await page.goto('/search?query=gpu');
    await page.getByText(type, { exact: true }).click();
    await page.waitForLoadState('networkidle');
  }
  expect(errors).toEqual([]);
});
