import path from 'node:path';
import { expect, Page } from '@playwright/test';

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

/** In a golden-path form: picks the team by its title and a GPU pool by its label. */
export async function pickTeamAndPool(
  page: Page,
  teamTitle: string,
  pool: RegExp,
) {
  const team = page.getByRole('textbox', { name: 'Team' });
  await team.click();
  await team.fill(teamTitle);
  await page
    .getByRole('option', { name: new RegExp(teamTitle) })
    .first()
    .click();
  await page.getByRole('combobox', { name: 'GPU pool' }).click();
  await page.getByRole('option', { name: pool }).click();
}

/** The date `offsetDays` from today, as a date field takes it. */
export const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
