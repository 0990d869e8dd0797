import knexFactory, { Knex } from 'knex';

/**
 * A fresh database `name` on the PostgreSQL server at `url` (dropped first), or undefined with a
 * note when the server does not answer, so a bench runs SQLite alone.
 */
export async function freshPostgres(
  url: string,
  name: string,
): Promise<Knex | undefined> {
  const admin = knexFactory({ client: 'pg', connection: url });
  try {
    await admin.raw(`drop database if exists ${name}`);
    await admin.raw(`create database ${name}`);
  } catch (error) {
    console.log(
      `PostgreSQL at ${url} not reachable, skipped: ${(error as Error).message}`,
    );
    return undefined;
  } finally {
    await admin.destroy();
  }
  return knexFactory({
    client: 'pg',
    connection: `${url}/${name}`,
    pool: { min: 1, max: 4 },
  });
}
