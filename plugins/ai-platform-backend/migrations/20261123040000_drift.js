// @ts-check

/**
 * Model drift: the windows pushed per model and feature, the evaluations of current windows
 * against the reference, and each model's status.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_drift_windows', table => {
    table.comment('Reference and current windows of model features');
    table.increments('id');
    table.string('model_ref', 255).notNullable();
    table.string('feature', 200).notNullable();
    table.string('role', 16).notNullable();
    table.string('kind', 16).notNullable();
    table
      .text('bins')
      .nullable()
      .comment('Histogram edges, JSON, when sent as a histogram');
    table
      .text('payload', 'longtext')
      .notNullable()
      .comment('Values or category counts, JSON');
    table.integer('size').notNullable();
    table.timestamp('window_start', { useTz: true }).nullable();
    table.timestamp('window_end', { useTz: true }).notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.timestamp('evaluated_at', { useTz: true }).nullable();
    table.text('error').nullable();
    table.index(
      ['model_ref', 'feature', 'role'],
      'ai_drift_windows_feature_idx',
    );
    table.index(['role', 'evaluated_at'], 'ai_drift_windows_pending_idx');
  });
  await knex.schema.createTable('ai_drift_results', table => {
    table.comment('Evaluations of current windows against the reference');
    table.increments('id');
    table.string('model_ref', 255).notNullable();
    table.string('feature', 200).notNullable();
    table.integer('window_id').notNullable();
    table.timestamp('window_end', { useTz: true }).notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.string('method', 32).notNullable();
    table.double('statistic').notNullable();
    table.double('p_value').nullable();
    table.double('threshold').notNullable();
    table.string('status', 16).notNullable();
    table.integer('reference_size').notNullable();
    table.integer('current_size').notNullable();
    table.index(
      ['model_ref', 'feature', 'window_end'],
      'ai_drift_results_feature_idx',
    );
  });
  await knex.schema.createTable('ai_drift_models', table => {
    table.comment('Drift status per model');
    table.string('model_ref', 255).primary();
    table.string('status', 16).notNullable();
    table.timestamp('since', { useTz: true }).notNullable();
    table.double('drifted_share').notNullable();
    table.integer('feature_count').notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_drift_models');
  await knex.schema.dropTable('ai_drift_results');
  await knex.schema.dropTable('ai_drift_windows');
};
