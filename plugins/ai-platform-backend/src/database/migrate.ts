import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@ai-platform/plugin-ai-platform-backend',
  'migrations',
);

/** Opens the plugin's database and brings its schema up to date, unless config says not to. */
export async function connectAndMigrate(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}
