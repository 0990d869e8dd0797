// @ts-check

/**
 * The GPU quota ledger, and one lock row per pool that serialises every change to a pool's
 * allocations across backend replicas.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_quota_requests', table => {
    table.comment('GPU quota requests and their decisions');
    table.string('id', 36).primary();
    table.string('team_ref', 255).notNullable();
    table.string('cluster_ref', 255).notNullable();
    table.string('gpu_model', 255).notNullable();
    table.integer('gpu_count').notNullable();
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table.timestamp('ends_at', { useTz: true }).notNullable();
    table.boolean('preemptible').notNullable().defaultTo(false);
    table.text('justification').notNullable();
    table.string('status', 16).notNullable();
    table.string('requested_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.text('decision_reason').nullable();
    table
      .string('idempotency_key', 255)
      .nullable()
      .unique()
      .comment(
        'Set by retried callers (scaffolder tasks) so a retry never requests twice',
      );
    table.index(
      ['cluster_ref', 'gpu_model', 'status'],
      'ai_quota_requests_pool_idx',
    );
    table.index(['team_ref', 'status'], 'ai_quota_requests_team_idx');
  });
  await knex.schema.createTable('ai_quota_pool_locks', table => {
    table.comment(
      'One row per pool; updated inside every transaction that changes the pool',
    );
    table.string('pool_key', 512).primary();
    table.bigInteger('version').notNullable().defaultTo(0);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_quota_pool_locks');
  await knex.schema.dropTable('ai_quota_requests');
};
