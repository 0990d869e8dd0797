// @ts-check

/**
 * Network fabric: each source's last read (its last good observation, kept so that a failing
 * source's links stay on the graph as stale), the latest health graph, the links' history points
 * and the state each link's owner was last told of. Times are epoch milliseconds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_fabric_sources', table => {
    table.comment('Fabric sources: how their last reads went');
    table.string('id', 100).primary();
    table.string('kind', 16).notNullable();
    table.bigInteger('last_attempt_at').notNullable();
    table.bigInteger('last_success_at').nullable();
    table.text('last_error').nullable();
    table
      .text('observation', 'longtext')
      .nullable()
      .comment('The last good observation, JSON');
  });
  await knex.schema.createTable('ai_fabric_graph', table => {
    table.comment('The latest fabric health graph, one row');
    table.string('id', 16).primary();
    table.bigInteger('generated_at').notNullable();
    table
      .bigInteger('history_at')
      .nullable()
      .comment('When every link last got a history point');
    table.text('graph', 'longtext').notNullable().comment('FabricGraph, JSON');
    table
      .text('node_teams', 'longtext')
      .notNullable()
      .comment('The teams on each node, JSON');
  });
  await knex.schema.createTable('ai_fabric_link_points', table => {
    table.comment('Link health, counters and utilization over time');
    table.bigIncrements('id');
    table.string('link_id', 400).notNullable();
    table.bigInteger('at').notNullable();
    table.string('health', 16).notNullable();
    table.text('rates').notNullable().comment('Per-second rates, JSON');
    table.double('utilization').nullable();
    table.index(['link_id', 'at'], 'ai_fabric_link_points_link_idx');
    table.index(['at'], 'ai_fabric_link_points_at_idx');
  });
  await knex.schema.createTable('ai_fabric_link_notices', table => {
    table.comment('The state the fabric owner was last told of, per link');
    table.string('link_id', 400).primary();
    table.string('fabric_ref', 255).notNullable();
    table.string('health', 16).notNullable();
    table.bigInteger('notified_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const name of [
    'ai_fabric_link_notices',
    'ai_fabric_link_points',
    'ai_fabric_graph',
    'ai_fabric_sources',
  ]) {
    await knex.schema.dropTable(name);
  }
};
