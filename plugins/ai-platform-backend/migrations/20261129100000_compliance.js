// @ts-check

/**
 * Compliance: each entity's latest scorecard, the history of its evaluations (pruned by
 * retention) and the exemptions from checks.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_compliance_scorecards', table => {
    table.comment('The latest compliance scorecard of each entity');
    table.string('entity_ref', 255).primary();
    table.string('kind', 64).notNullable();
    table.string('type', 64).nullable();
    table.string('owner_ref', 255).nullable();
    table.string('level', 16).notNullable();
    table.integer('passed').notNullable();
    table.integer('failed').notNullable();
    table.text('scorecard', 'longtext').notNullable().comment('JSON');
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.index(['owner_ref'], 'ai_compliance_scorecards_owner_idx');
  });
  await knex.schema.createTable('ai_compliance_history', table => {
    table.comment(
      'Every evaluation of an entity, kept for the retention period',
    );
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('level', 16).notNullable();
    table.integer('passed').notNullable();
    table.integer('failed').notNullable();
    table.integer('exempt').notNullable();
    table
      .text('categories')
      .notNullable()
      .comment('JSON: category to [passed, failed]');
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.index(
      ['entity_ref', 'evaluated_at'],
      'ai_compliance_history_entity_idx',
    );
    table.index(['evaluated_at'], 'ai_compliance_history_time_idx');
  });
  await knex.schema.createTable('ai_compliance_exemptions', table => {
    table.comment(
      'Exemptions of one entity from one check, approved until a date',
    );
    table.string('id', 64).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 100).notNullable();
    table.text('reason').notNullable();
    table.string('approved_by', 255).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['entity_ref'], 'ai_compliance_exemptions_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_compliance_exemptions');
  await knex.schema.dropTable('ai_compliance_history');
  await knex.schema.dropTable('ai_compliance_scorecards');
};
