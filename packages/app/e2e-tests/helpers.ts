import path from 'node:path';
import { expect, Page, test as base } from '@playwright/test';

/** A full-page screenshot in the repository's git-ignored screenshots/ folder. */
export const shot = (page: Page, name: string) =>
  page.screenshot({
    path: path.resolve(__dirname, '../../../screenshots', `${name}.png`),
    fullPage: true,
  });

/** Signs in as the guest; signed in once the sidebar shows, remembered across page loads. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/**
 * The row of the spend table for a team, by the title the table shows once the catalog has
 * answered (before that it shows the entity's name, which is why the tests never match names).
 */
export const teamRow = (page: Page, title: string) =>
  page
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: title, exact: true }) });

/** Picks an option of an autocomplete field by typing part of its label. */
export async function pick(
  page: Page,
  field: string,
  typed: string,
  option: RegExp,
) {
  const box = page.getByRole('textbox', { name: field });
  await box.click();
  await box.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** A name no other run uses, for what a test creates and cannot delete. */
export const uniqueName = (prefix: string, separator: '-' | '_') =>
  [
    prefix,
    'e2e',
    `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
  ].join(separator);

/** In a golden-path form: picks the team by its title and a GPU pool by its label. */
export async function pickTeamAndPool(
  page: Page,
  teamTitle: string,
  pool: RegExp,
) {
  await pick(page, 'Team', teamTitle, new RegExp(teamTitle));
  await page.getByRole('combobox', { name: 'GPU pool' }).click();
  await page.getByRole('option', { name: pool }).click();
}

/** The date `offsetDays` from today, as a date field takes it. */
export const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

const backendUrl =
  process.env.PLAYWRIGHT_BACKEND_URL ?? 'http://localhost:7007';

/**
 * The AI Platform backend API as the guest, for setting up and cleaning up what a test cannot
 * do through the page. The guest provider hands a token to whoever asks for a refresh; the request
 * goes through the page's context, with its cookies, as the app's own refresh does.
 */
export async function guestApi(page: Page) {
  const refresh = await page.request.get(
    `${backendUrl}/api/auth/guest/refresh`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  if (!refresh.ok()) {
    throw new Error(
      `Guest token refresh failed: ${refresh.status()} ${await refresh.text()}`,
    );
  }
  const token: string = (await refresh.json()).backstageIdentity.token;
  const call = async (
    method: 'GET' | 'POST',
    route: string,
    data?: unknown,
  ) => {
    const res = await page.request.fetch(
      `${backendUrl}/api/ai-platform${route}`,
      {
        method,
        data,
        headers: { Authorization: `Bearer ${token}` },
      },
    );
    if (!res.ok()) {
      throw new Error(
        `${method} ${route}: ${res.status()} ${await res.text()}`,
      );
    }
    return res.json();
  };
  return {
    get: (route: string) => call('GET', route),
    post: (route: string, body: unknown = {}) => call('POST', route, body),
  };
}

interface Quota {
  id: string;
  justification: string;
  status: string;
}

/**
 * Every test owns the GPU quota it asks for. The tests share one backend (and so do re-runs
 * against a running portal), and the quota policy counts what a team already holds in the window,
 * so quota one test leaves held changes what another is told. `quotaTag` is unique to one run of
 * one test; the test puts it in the justification of every quota it requests, and when the test
 * ends, passed or failed, the quotas carrying it are released (held) or denied (still waiting).
 */
export const test = base.extend<{ quotaTag: string }>({
  quotaTag: async ({ page }, runTest) => {
    const tag = `(e2e ${Date.now().toString(36)}${Math.random()
      .toString(36)
      .slice(2, 6)})`;
    await runTest(tag);

    const api = await guestApi(page);
    const { items } = (await api.get('/quotas')) as { items: Quota[] };
    for (const quota of items.filter(q => q.justification.includes(tag))) {
      // A clean-up that fails is reported, not turned into the test's own failure.
      try {
        if (quota.status === 'approved' || quota.status === 'active') {
          await api.post(`/quotas/${quota.id}/release`);
        } else if (quota.status === 'requested') {
          await api.post(`/quotas/${quota.id}/deny`, {
            reason: 'The end-to-end test that asked for it has ended',
          });
        }
      } catch (error) {
        // eslint-disable-next-line no-console
        console.warn(`Could not clean up quota ${quota.id}: ${error}`);
      }
    }
  },
});

export { expect };
