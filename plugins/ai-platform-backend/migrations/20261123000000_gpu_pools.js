// @ts-check

/**
 * GPU capacity per cluster and GPU model, read from `gpu-cluster` catalog entities.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_gpu_pools', table => {
    table.comment('GPU capacity per cluster and GPU model');
    table
      .string('cluster_ref', 255)
      .notNullable()
      .comment('Entity ref of the gpu-cluster Resource');
    table.string('gpu_model', 255).notNullable();
    table.integer('memory_gib').notNullable();
    table
      .integer('capacity')
      .notNullable()
      .comment('Number of GPUs of this model in the cluster');
    table.timestamp('synced_at', { useTz: true }).notNullable();
    table.primary(['cluster_ref', 'gpu_model']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_gpu_pools');
};
