// The browser half of scripts/adoption-test: in Debian's Chromium, against the stock app that
// script started, signs in as guest and checks the AI Platform page and a team card. Writes
// screenshots to screenshots/ and the result to test-results/adoption.json (which
// scripts/adoption-test sums up); prints each check.
// Usage: node scripts/adoption/check.mjs <app-url> <backend-url>
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const [appUrl, backendUrl] = process.argv.slice(2);
const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const screenshots = path.join(root, 'screenshots');
const results = path.join(root, 'test-results');
fs.mkdirSync(screenshots, { recursive: true });
fs.mkdirSync(results, { recursive: true });

// The team and cluster scripts/adoption-test puts in the stock app's catalog.
const team = 'ai-adoption-team';
const cluster = 'adoption-cluster';

const checks = [];
async function check(name, fn) {
  try {
    await fn();
    checks.push({ name, passed: true });
    console.log(`adoption: ok   ${name}`);
  } catch (error) {
    const message = String(error?.message ?? error).split('\n')[0];
    checks.push({ name, passed: false, error: message });
    console.log(`adoption: FAIL ${name}: ${message}`);
  }
}

// The catalog reads its locations after start: retry until the entity shows.
async function eventually(fn, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(r => setTimeout(r, 3_000));
    }
  }
}

const visible = (locator, timeout = 20_000) =>
  locator.first().waitFor({ state: 'visible', timeout });
const absent = async (page, text) => {
  if (await page.getByText(text).count()) throw new Error(`"${text}" is shown`);
};

const browser = await chromium.launch({
  executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.setDefaultTimeout(30_000);

try {
  await check(
    'the ai-platform backend answers /api/ai-platform/health',
    async () => {
      const res = await fetch(`${backendUrl}/api/ai-platform/health`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    },
  );

  await check('guest sign-in', async () => {
    await page.goto(appUrl);
    // The dev server's first bundle can take minutes on a busy machine.
    await visible(page.getByRole('button', { name: 'Enter' }), 180_000);
    await page.getByRole('button', { name: 'Enter' }).click();
    // Signed in once the sidebar shows the plugin's page (the first match is a hidden copy).
    await visible(
      page
        .getByRole('navigation', { name: 'sidebar nav' })
        .getByRole('link', { name: 'AI Platform' })
        .filter({ visible: true }),
      60_000,
    );
  });

  await check(
    'the AI Platform page renders with the catalog module-validated cluster',
    async () => {
      await eventually(async () => {
        await page.goto(`${appUrl}/ai-platform`);
        await visible(
          page.getByRole('heading', { name: 'AI Platform', level: 1 }),
        );
        await visible(page.getByLabel('GPU clusters count'));
        const count = await page
          .getByLabel('GPU clusters count')
          .first()
          .innerText();
        if (count.trim() !== '1')
          throw new Error(`GPU clusters count is ${count}, not 1`);
      });
      await absent(page, "Could not load the platform's entities");
      await page.screenshot({
        path: path.join(screenshots, 'adoption-ai-platform-page.png'),
        fullPage: true,
      });
    },
  );

  await check(
    `the team page of ${team} renders the GPU quotas and Compute spend cards`,
    async () => {
      // In the page's main area: the sidebar has links named like the cards.
      const main = page.getByRole('main');
      await eventually(async () => {
        await page.goto(`${appUrl}/catalog/default/group/${team}`);
        await visible(main.getByText('GPU quotas', { exact: true }));
        await visible(main.getByText('Compute spend', { exact: true }));
      });
      // The cards' data loads after their titles show; an API failure turns into these messages.
      await visible(
        main.getByText(
          'This team holds no GPU quota and has no request waiting.',
        ),
      );
      await visible(
        main.getByText(
          'No compute spend recorded for this team in the last 90 days.',
        ),
      );
      await absent(page, "Could not load the team's GPU quotas");
      await absent(page, "Could not load the team's compute spend");
      await page.screenshot({
        path: path.join(screenshots, 'adoption-team-page.png'),
        fullPage: true,
      });
    },
  );

  await check(`the page of ${cluster} renders the GPU pools card`, async () => {
    const main = page.getByRole('main');
    await page.goto(`${appUrl}/catalog/default/resource/${cluster}`);
    await visible(main.getByRole('heading', { name: 'Adoption cluster' }));
    await visible(main.getByText('GPU pools', { exact: true }));
    await visible(main.getByRole('cell', { name: 'H100-SXM5-80GB' }));
    await page.screenshot({
      path: path.join(screenshots, 'adoption-cluster-page.png'),
      fullPage: true,
    });
  });
} finally {
  if (checks.some(c => !c.passed)) {
    await page
      .screenshot({
        path: path.join(screenshots, 'adoption-failure.png'),
        fullPage: true,
      })
      .catch(() => {});
  }
  await browser.close();
}

const passed = checks.filter(c => c.passed).length;
const failed = checks.length - passed;
fs.writeFileSync(
  path.join(results, 'adoption.json'),
  JSON.stringify({ passed, failed, checks }, null, 2),
);
process.exit(failed ? 1 : 0);
