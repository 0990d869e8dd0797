import { createHash } from 'crypto';
import { parse } from 'csv-parse/sync';
import {
  FocusRowProblem,
  PricingClass,
  ResourceType,
} from '@ai-platform/plugin-ai-platform-common';
import { TeamMapping } from '../attribution';
import { canonicalGpuModel, SpendConfig } from '../config';
import { UsageRow } from '../SpendStore';

/** FOCUS columns an import cannot do without. */
const REQUIRED = [
  'BilledCost',
  'EffectiveCost',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ServiceName',
] as const;

/** Columns that, with the period, tell one charge from another (FOCUS has no row id). */
const IDENTITY = [
  'BillingAccountId',
  'SubAccountId',
  'ResourceId',
  'ServiceName',
  'SkuId',
  'SkuPriceId',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'PricingCategory',
  'CommitmentDiscountId',
  'Tags',
];

const MAX_PROBLEMS = 50;

export interface ParsedFocusFile {
  rows: UsageRow[];
  problems: FocusRowProblem[];
}

const SERVICE_CATEGORY: Record<string, ResourceType> = {
  compute: 'cpu',
  storage: 'storage',
  networking: 'network',
  network: 'network',
};

/** FOCUS 1.0 says Standard/Committed/Dynamic; earlier exports On-Demand/Commitment-Based/Spot. */
function pricingClassOf(category: string): PricingClass {
  const c = category.toLowerCase();
  if (c.startsWith('commit') || c === 'reserved') return 'reserved';
  if (c === 'dynamic' || c === 'spot') return 'spot';
  return 'on-demand';
}

const decimal = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const timestamp =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Reads a FOCUS cost-and-usage CSV into usage rows, or lists every bad line by its number in
 * the file. Cost is `EffectiveCost` (amortised: commitments spread over their use), what
 * showback needs; the team comes from `Tags` through the `cloud-tags` annotations.
 */
export function parseFocusCsv(
  text: string,
  options: { config: SpendConfig; mapping: TeamMapping; sourceId?: string },
): ParsedFocusFile {
  const { config, mapping } = options;
  const sourceId = options.sourceId ?? 'focus';
  const problems: FocusRowProblem[] = [];
  let records: Array<{
    record: Record<string, string>;
    info: { lines: number };
  }>;
  try {
    records = parse(text, {
      columns: true,
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { rows: [], problems: [{ line: e.lines ?? 1, message: e.message }] };
  }
  if (!records.length) {
    return {
      rows: [],
      problems: [{ line: 1, message: 'The file has no rows' }],
    };
  }
  const header = Object.keys(records[0].record);
  const missing = REQUIRED.filter(c => !header.includes(c));
  if (missing.length) {
    return {
      rows: [],
      problems: [
        { line: 1, message: `Missing FOCUS columns: ${missing.join(', ')}` },
      ],
    };
  }

  const rows: UsageRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const bad = (column: string, message: string) => {
      if (problems.length < MAX_PROBLEMS)
        problems.push({ line, column, message });
    };
    for (const column of ['BilledCost', 'EffectiveCost'] as const) {
      if (!decimal.test(record[column]))
        bad(column, `must be a decimal number, not "${record[column]}"`);
    }
    for (const column of ['ChargePeriodStart', 'ChargePeriodEnd'] as const) {
      if (!timestamp.test(record[column])) {
        bad(
          column,
          `must be an ISO 8601 date-time with a time zone, not "${record[column]}"`,
        );
      }
    }
    const start = Date.parse(record.ChargePeriodStart);
    const end = Date.parse(record.ChargePeriodEnd);
    if (start >= end) bad('ChargePeriodEnd', 'must be after ChargePeriodStart');
    if (record.BillingCurrency && record.BillingCurrency !== config.currency) {
      bad(
        'BillingCurrency',
        `is ${record.BillingCurrency}; the portal counts in ${config.currency}`,
      );
    }
    let tags: Record<string, string> = {};
    if (record.Tags) {
      try {
        const parsed = JSON.parse(record.Tags);
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
          throw new Error();
        tags = Object.fromEntries(
          Object.entries(parsed).map(([k, v]) => [k, String(v)]),
        );
      } catch {
        bad('Tags', 'must be a JSON object of tag names and values');
      }
    }
    const quantity = record.ConsumedQuantity ?? '';
    if (quantity && !decimal.test(quantity))
      bad('ConsumedQuantity', `must be a decimal number, not "${quantity}"`);
    if (problems.some(p => p.line === line) || problems.length >= MAX_PROBLEMS)
      continue;

    const haystack = [
      record.SkuId,
      record.ResourceType,
      record.ChargeDescription,
    ]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    const sku = config.gpuSkus.find(s =>
      haystack.includes(s.match.toLowerCase()),
    );
    const hours = /^(hours?|hrs?|h)$/i.test(record.ConsumedUnit ?? '')
      ? Number(quantity || 0)
      : 0;
    const resourceType: ResourceType = sku
      ? 'gpu'
      : SERVICE_CATEGORY[(record.ServiceCategory ?? '').toLowerCase()] ??
        'other';

    const identity = createHash('sha256')
      .update(
        JSON.stringify([
          record.ChargePeriodStart,
          record.ChargePeriodEnd,
          ...IDENTITY.map(c => record[c] ?? ''),
        ]),
      )
      .digest('hex')
      .slice(0, 32);
    // The same charge twice in one file is two rows; the same file again is the same rows.
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);

    rows.push({
      sourceKey: `${sourceId}|${identity}#${occurrence}`,
      source: 'focus',
      periodStart: start,
      periodEnd: end,
      ...mapping.forTags(tags),
      resourceType,
      gpuModel: sku ? canonicalGpuModel(config, sku.gpuModel) : '',
      pricingClass: pricingClassOf(record.PricingCategory ?? ''),
      cost: Number(record.EffectiveCost),
      gpuHours: sku ? hours * sku.gpusPerUnit : 0,
      usedGpuHours: 0,
    });
  }
  return { rows: problems.length ? [] : rows, problems };
}
