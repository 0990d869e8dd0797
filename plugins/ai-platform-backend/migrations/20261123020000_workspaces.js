// @ts-check

/**
 * Team ML workspaces created through the golden path.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_workspaces', table => {
    table.comment('Team ML workspaces');
    table.string('id', 36).primary();
    table.string('name', 63).notNullable().unique();
    table.string('team_ref', 255).notNullable();
    table.string('cluster_ref', 255).notNullable();
    table.string('gpu_model', 255).notNullable();
    table.integer('gpu_count').notNullable();
    table.string('image', 512).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('idempotency_key', 255).nullable().unique();
    table.index(
      ['team_ref', 'cluster_ref', 'gpu_model'],
      'ai_workspaces_team_pool_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_workspaces');
};
