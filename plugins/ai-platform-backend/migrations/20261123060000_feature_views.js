// @ts-check

/**
 * Feature views defined through the golden path: the view's own fields in columns, its entity,
 * features and tags as one JSON document.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_feature_views', table => {
    table.comment('Feast feature views defined through the golden path');
    table.string('id', 36).primary();
    table.string('name', 63).notNullable().unique();
    table.string('team_ref', 255).notNullable();
    table.string('dataset_ref', 255).notNullable();
    table
      .text('definition')
      .notNullable()
      .comment('JSON: { entity, features, tags }');
    table.integer('ttl_seconds').notNullable();
    table.boolean('online').notNullable();
    table.text('description').notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('idempotency_key', 255).nullable().unique();
    table.index(['team_ref'], 'ai_feature_views_team_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_feature_views');
};
