// @ts-check

/**
 * Pipelines defined through the golden path (the fields the catalog and orchestrators are keyed
 * by in columns, the rest as one JSON document), and the last page of each DAG's runs read from
 * Airflow, which every replica answers with while Airflow is down.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_pipelines', table => {
    table.comment('Data and ML pipelines defined through the golden path');
    table.string('id', 36).primary();
    table.string('name', 63).notNullable().unique();
    table.string('team_ref', 255).notNullable();
    table.string('orchestrator', 16).notNullable();
    table
      .text('definition')
      .notNullable()
      .comment(
        'JSON: { description, schedule, timezone, inputs, outputs, finalStep, image, gpuCount, qualityChecks }',
      );
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('idempotency_key', 255).nullable().unique();
    table.index(['team_ref'], 'ai_pipelines_team_idx');
  });

  await knex.schema.createTable('ai_pipeline_run_snapshots', table => {
    table.comment('The pages of DAG runs Airflow last answered');
    // Airflow's DAG ids are at most 250 characters.
    table.string('dag_id', 250).notNullable();
    table.integer('page_limit').notNullable();
    table.integer('page_offset').notNullable();
    table.text('runs').notNullable().comment('JSON: PipelineRun[]');
    table.integer('total_entries').notNullable();
    table.timestamp('fetched_at', { useTz: true }).notNullable();
    table.primary(['dag_id', 'page_limit', 'page_offset']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_pipeline_run_snapshots');
  await knex.schema.dropTable('ai_pipelines');
};
