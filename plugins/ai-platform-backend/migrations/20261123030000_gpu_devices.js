// @ts-check

/**
 * GPUs imported from nvidia-smi output, per cluster. A cluster with imported GPUs gets its
 * pools from them instead of from its catalog entity's declaration.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_gpu_devices', table => {
    table.comment('GPUs imported from nvidia-smi output');
    table.string('cluster_ref', 255).notNullable();
    table.string('uuid', 64).notNullable();
    table.string('gpu_model', 255).notNullable();
    table.integer('memory_mib').notNullable();
    table.integer('memory_used_mib').nullable();
    table.float('utilization_percent').nullable();
    table.float('power_draw_w').nullable();
    table.float('power_limit_w').nullable();
    table.timestamp('imported_at', { useTz: true }).notNullable();
    table.primary(['cluster_ref', 'uuid']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_gpu_devices');
};
