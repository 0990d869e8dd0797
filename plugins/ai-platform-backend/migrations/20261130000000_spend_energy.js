// @ts-check

const ENERGY_COLUMNS = [
  'energy_micro_kwh',
  'estimated_energy_micro_kwh',
  'facility_energy_micro_kwh',
  'carbon_mg',
  'water_ml',
];

const SPEND_COLUMNS = [
  'cost_micros',
  'gpu_micro_hours',
  'used_gpu_micro_hours',
];

/**
 * Drops and recreates both rollups, with or without cluster and energy, and fills them from the
 * usage rows: the sums the store keeps on ingest. Index names stay those of the first spend
 * migration.
 *
 * @param {import('knex').Knex} knex
 * @param {boolean} energy
 */
async function rebuildRollups(knex, energy) {
  const sums = energy ? [...SPEND_COLUMNS, ...ENERGY_COLUMNS] : SPEND_COLUMNS;
  /** @type {Array<[string, string, number, string]>} */
  const rollups = [
    ['ai_spend_daily', 'day', 10, 'day'],
    ['ai_spend_monthly', 'month', 7, 'substr(day, 1, 7)'],
  ];
  for (const [name, period, length, periodOfUsage] of rollups) {
    const keys = [
      period,
      'team',
      'resource_type',
      'gpu_model',
      ...(energy ? ['cluster'] : []),
      'source',
    ];
    await knex.schema.dropTable(name);
    await knex.schema.createTable(name, table => {
      table.comment(
        `Spend per ${period}, team, resource type, GPU model, ${
          energy ? 'cluster ' : ''
        }and source`,
      );
      table.string(period, length).notNullable();
      table.string('team', 255).notNullable();
      table.string('resource_type', 16).notNullable();
      table.string('gpu_model', 100).notNullable();
      if (energy) table.string('cluster', 100).notNullable();
      table.string('source', 16).notNullable();
      for (const column of sums) table.bigInteger(column).notNullable();
      table.bigInteger('usage_rows').notNullable();
      table.primary(keys, `${name}_pk`);
      table.index(['team', period], `${name}_team_idx`);
    });
    const groupKeys = [periodOfUsage, ...keys.slice(1)];
    await knex.raw(
      `insert into ${name} (${[...keys, ...sums, 'usage_rows'].join(', ')})
       select ${[...groupKeys, ...sums.map(c => `sum(${c})`), 'count(*)'].join(
         ', ',
       )}
       from ai_spend_usage group by ${groupKeys.join(', ')}`,
    );
  }
}

/**
 * Energy next to spend: usage rows carry their cluster and what their GPUs drew (IT energy, the
 * estimated part of it, facility energy), its carbon and water, as integers (millionths of a
 * kWh, milligrams, millilitres) so that sums stay exact. The rollups gain the same columns and
 * cluster as a dimension; being derived data, they are rebuilt from the usage rows.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ai_spend_usage', table => {
    table
      .string('cluster', 100)
      .notNullable()
      .defaultTo('')
      .comment('Empty when unknown');
    for (const column of ENERGY_COLUMNS) {
      table.bigInteger(column).notNullable().defaultTo(0);
    }
    table.index(['attribution', 'period_start'], 'ai_spend_usage_attr_idx');
  });
  await rebuildRollups(knex, true);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await rebuildRollups(knex, false);
  await knex.schema.alterTable('ai_spend_usage', table => {
    table.dropIndex(['attribution', 'period_start'], 'ai_spend_usage_attr_idx');
    table.dropColumns('cluster', ...ENERGY_COLUMNS);
  });
};
