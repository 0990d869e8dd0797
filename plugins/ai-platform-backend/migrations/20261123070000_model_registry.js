// @ts-check

/**
 * Model registry entries: the fields the catalog and MLflow are keyed by in columns, the rest of
 * the entry (task, purpose, training data, metrics, oversight, description, source) as one JSON
 * document, and where MLflow registered it (null when no MLflow is configured).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_model_registry_entries', table => {
    table.comment('Models registered through the golden path');
    table.string('id', 36).primary();
    table.string('name', 63).notNullable().unique();
    table.string('team_ref', 255).notNullable();
    table.string('risk_class', 32).notNullable();
    table
      .text('definition')
      .notNullable()
      .comment(
        'JSON: { task, intendedPurpose, trainingData, evaluationMetrics, humanOversightContact, description, sourceUri }',
      );
    table
      .text('mlflow')
      .nullable()
      .comment('JSON: { registeredModel, version, url }, null without MLflow');
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('idempotency_key', 255).nullable().unique();
    table.index(['team_ref'], 'ai_model_registry_entries_team_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_model_registry_entries');
};
