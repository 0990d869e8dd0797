/**
 * `yarn spend:import <file.csv> [--url http://localhost:7007] [--token …]`: sends a FOCUS
 * cost-and-usage export to the portal's upload route. The file is imported whole or refused
 * whole; a refusal lists every bad line by its number. Importing the same file again changes
 * nothing.
 *
 * The token is `--token` or AI_PLATFORM_TOKEN: a static external-access token
 * (backend.auth.externalAccess) for automation. Without one, a local portal's guest sign-in is
 * used, as `npm start` offers it.
 */
import { readFileSync } from 'fs';
import { basename } from 'path';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function guestToken(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!response.ok) {
    throw new Error(
      `No token given and guest sign-in is not available at ${url} (${response.status}); pass --token or set AI_PLATFORM_TOKEN`,
    );
  }
  const body = await response.json();
  return body.backstageIdentity.token;
}

async function main() {
  const file = process.argv
    .slice(2)
    .find((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  if (!file) {
    console.error(
      'Usage: yarn spend:import <focus-export.csv> [--url http://localhost:7007] [--token TOKEN]',
    );
    process.exit(2);
  }
  const url = (
    arg('url') ??
    process.env.AI_PLATFORM_URL ??
    'http://localhost:7007'
  ).replace(/\/+$/, '');
  const token =
    arg('token') ?? process.env.AI_PLATFORM_TOKEN ?? (await guestToken(url));
  const response = await fetch(
    `${url}/api/ai-platform/spend/imports/focus?fileName=${encodeURIComponent(
      basename(file),
    )}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: readFileSync(file),
    },
  );
  const body = await response.json().catch(() => ({}));
  if (response.status === 201) {
    console.log(
      `Imported ${file}: ${body.rows} rows — ${body.inserted} new, ${body.updated} changed, ${body.unchanged} unchanged (import ${body.importId})`,
    );
    return;
  }
  console.error(
    body.error?.message ?? `The portal answered ${response.status}`,
  );
  for (const p of body.problems ?? []) {
    console.error(
      `  line ${p.line}${p.column ? `, ${p.column}` : ''}: ${p.message}`,
    );
  }
  process.exit(1);
}

main().catch(error => {
  console.error(error.message);
  process.exit(1);
});
