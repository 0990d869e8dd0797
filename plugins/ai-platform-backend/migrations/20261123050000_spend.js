// @ts-check

/**
 * Compute spend: raw usage rows from every source, daily and monthly rollups kept up to date
 * on ingest, the pull sources' watermarks and the imported billing files. Money and hours are
 * integers in millionths so that sums, re-imports and corrections are exact.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_spend_usage', table => {
    table.comment(
      'Raw usage and cost rows, one per source row and resource type',
    );
    table.bigIncrements('id');
    table.string('source', 16).notNullable();
    table
      .string('source_id', 100)
      .notNullable()
      .comment('The connector or import that wrote the row');
    table
      .string('source_key', 255)
      .notNullable()
      .unique({ indexName: 'ai_spend_usage_key_uq' })
      .comment(
        'Identity of the row within its source: re-ingesting it replaces it',
      );
    table
      .bigInteger('period_start')
      .notNullable()
      .comment('Epoch milliseconds');
    table.bigInteger('period_end').notNullable().comment('Epoch milliseconds');
    table.string('day', 10).notNullable().comment('UTC day of period_start');
    table.string('team', 255).notNullable();
    table.string('attribution', 255).notNullable();
    table.string('resource_type', 16).notNullable();
    table.string('gpu_model', 100).notNullable();
    table.string('pricing_class', 16).notNullable();
    table.bigInteger('cost_micros').notNullable();
    table.bigInteger('gpu_micro_hours').notNullable();
    table.bigInteger('used_gpu_micro_hours').notNullable();
    table.string('import_id', 64).nullable();
    table.index(['source_id', 'period_start'], 'ai_spend_usage_window_idx');
  });
  for (const [name, period, length] of [
    ['ai_spend_daily', 'day', 10],
    ['ai_spend_monthly', 'month', 7],
  ]) {
    await knex.schema.createTable(/** @type {string} */ (name), table => {
      table.comment(
        `Spend per ${period}, team, resource type, GPU model and source`,
      );
      table
        .string(/** @type {string} */ (period), /** @type {number} */ (length))
        .notNullable();
      table.string('team', 255).notNullable();
      table.string('resource_type', 16).notNullable();
      table.string('gpu_model', 100).notNullable();
      table.string('source', 16).notNullable();
      table.bigInteger('cost_micros').notNullable();
      table.bigInteger('gpu_micro_hours').notNullable();
      table.bigInteger('used_gpu_micro_hours').notNullable();
      table.bigInteger('usage_rows').notNullable();
      table.primary(
        [
          /** @type {string} */ (period),
          'team',
          'resource_type',
          'gpu_model',
          'source',
        ],
        `${name}_pk`,
      );
      table.index(['team', /** @type {string} */ (period)], `${name}_team_idx`);
    });
  }
  await knex.schema.createTable('ai_spend_sources', table => {
    table.comment(
      'Pull sources: how far each has been ingested and how its last pulls went',
    );
    table.string('id', 100).primary();
    table.string('kind', 16).notNullable();
    table
      .bigInteger('watermark')
      .nullable()
      .comment('Everything before it is ingested');
    table.bigInteger('last_success_at').nullable();
    table.bigInteger('last_attempt_at').nullable();
    table.integer('failures').notNullable().defaultTo(0);
    table.bigInteger('next_attempt_at').nullable();
    table.text('last_error').nullable();
  });
  await knex.schema.createTable('ai_spend_imports', table => {
    table.comment('Imported billing files (FOCUS), for the audit trail');
    table.string('id', 64).primary();
    table.string('file_sha256', 64).notNullable();
    table.string('file_name', 255).notNullable();
    table.string('imported_by', 255).notNullable();
    table.bigInteger('imported_at').notNullable();
    table.integer('row_count').notNullable();
    table.integer('inserted').notNullable();
    table.integer('updated').notNullable();
    table.integer('unchanged').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const name of [
    'ai_spend_imports',
    'ai_spend_sources',
    'ai_spend_monthly',
    'ai_spend_daily',
    'ai_spend_usage',
  ]) {
    await knex.schema.dropTable(name);
  }
};
